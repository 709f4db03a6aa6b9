import { describe, expect, it } from 'vitest';
import { legibleScale, MAX_LEGIBLE_SCALE } from './LegibleText';

describe('legibleScale', () => {
  it('leaves text as set at 100% zoom and above', () => {
    expect(legibleScale(1)).toBe(1);
    expect(legibleScale(2.5)).toBe(1);
  });

  it('sets 12 px text at 12 px on screen or more below 100%, in quarter steps', () => {
    expect(legibleScale(0.8)).toBe(1.25);
    expect(legibleScale(0.75)).toBe(1.5);
    expect(legibleScale(0.58)).toBe(1.75);
    expect(legibleScale(0.58)).toBe(MAX_LEGIBLE_SCALE);
    for (let z = 0.58; z < 1; z += 0.01) expect(12 * legibleScale(z) * z).toBeGreaterThanOrEqual(12 - 1e-9);
  });

  it('stops growing at its cap, and takes a zoom that is not a number as 100%', () => {
    expect(legibleScale(0.2)).toBe(MAX_LEGIBLE_SCALE);
    expect(legibleScale(Number.NaN)).toBe(1);
    expect(legibleScale(0)).toBe(1);
  });
});
