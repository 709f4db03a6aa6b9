import { describe, expect, it } from 'vitest';
import { tokenScale } from './tokenScale';

describe('tokenScale', () => {
  it('is the diagram\'s own scale outside presenter mode and large text', () => {
    expect(tokenScale(1, 1.15, false, false)).toBe(1);
    expect(tokenScale(1.75, 0.57, false, false)).toBe(1.75);
  });
  it('sets the labels 20 px or more on screen in presenter mode, 22 with large text, in eighth steps', () => {
    // 1920x1080 presenter mode draws the POC at about 1.15: 12 px labels were 13.8 px on screen.
    expect(tokenScale(1, 1.15, true, false)).toBe(1.5);
    expect(12 * tokenScale(1, 1.15, true, false) * 1.15).toBeGreaterThanOrEqual(20);
    expect(tokenScale(1, 0.99, true, false)).toBe(1.75);
    expect(tokenScale(1, 0.99, true, true)).toBe(1.875);
    expect(12 * tokenScale(1, 0.99, true, true) * 0.99).toBeGreaterThanOrEqual(22);
    // Never below the diagram's own scale, zoomed out.
    expect(tokenScale(1.75, 0.5, true, false)).toBe(3.375);
    expect(tokenScale(1.75, 2, true, false)).toBe(1.75);
  });
  it('sets large text\'s labels 13 units or more elsewhere', () => {
    expect(tokenScale(1, 1, false, true)).toBe(1.125);
    expect(tokenScale(1.5, 0.7, false, true)).toBe(1.5);
  });
  it('keeps the diagram\'s scale with no zoom to go by', () => {
    expect(tokenScale(1, 0, true, false)).toBe(1);
  });
});
