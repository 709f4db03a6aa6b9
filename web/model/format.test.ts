import { describe, expect, it } from 'vitest';
import { formatTime, slug } from './format';

describe('format', () => {
  it('formats simulated time in seconds with grouped digits', () => {
    expect(formatTime(0)).toBe('0.000 000 s');
    expect(formatTime(1_001_445)).toBe('1.001 445 s');
    expect(formatTime(186_011_875)).toBe('186.011 875 s');
  });
  it('makes file-name slugs', () => {
    expect(slug('https://portal.azurestack.local/x?y')).toBe('portal.azurestack.local-x-y');
    expect(slug('ClientVM')).toBe('ClientVM');
  });
});
