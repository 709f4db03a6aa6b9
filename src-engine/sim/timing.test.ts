// How the engine's sentences write a simulated time: seconds to the millisecond, without trailing zeros.
import { describe, expect, it } from 'vitest';
import { durationText, SECOND, secondsText } from './timing';

describe('secondsText', () => {
  it('writes microseconds as seconds, rounded to the millisecond, with no trailing zeros', () => {
    expect(SECOND).toBe(1_000_000);
    expect(secondsText(0)).toBe('0 s');
    expect(secondsText(6 * SECOND)).toBe('6 s');
    expect(secondsText(1_500_000)).toBe('1.5 s');
    expect(secondsText(6_001_005)).toBe('6.001 s');
    expect(secondsText(60_550_000)).toBe('60.55 s');
    expect(secondsText(999)).toBe('0.001 s');
    expect(secondsText(180_000_525)).toBe('180.001 s');
  });
});

describe('durationText', () => {
  it('writes a second or more to a tenth of a second, and less than a second as secondsText does', () => {
    expect(durationText(4 * SECOND)).toBe('4 s');
    expect(durationText(198_040_000)).toBe('198 s');
    expect(durationText(198_060_000)).toBe('198.1 s');
    expect(durationText(1_250_000)).toBe('1.3 s');
    expect(durationText(SECOND)).toBe('1 s');
    expect(durationText(250_000)).toBe('0.25 s');
    expect(durationText(999_999)).toBe('1 s');
    expect(durationText(0)).toBe('0 s');
  });
});
