import { describe, expect, it } from 'vitest';
import { median, sliceOrder, sliceRatios } from './benchSlices.mjs';

describe('playback measured in alternating slices', () => {
  it('alternates the order of the pages slice by slice (ABBA), so a trend in the load falls on each side alike', () => {
    expect([0, 1, 2, 3].map((i) => sliceOrder(['app', 'compare', 'bare'], i))).toEqual([
      ['app', 'compare', 'bare'],
      ['bare', 'compare', 'app'],
      ['app', 'compare', 'bare'],
      ['bare', 'compare', 'app'],
    ]);
  });

  it('takes the median of an odd count, the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0.9, 1.2, 1.0, 0.4])).toBeCloseTo(0.95, 10);
    expect(median([])).toBe(0);
  });

  it('pairs slice i of one page with slice i of the other and reports every ratio and their median', () => {
    // A load spike in the third slice halves the app's rate there; the median is not moved by it.
    const app = [{ fps: 60, cpuMsPerS: 300 }, { fps: 58, cpuMsPerS: 310 }, { fps: 29, cpuMsPerS: 320 }, { fps: 59, cpuMsPerS: 300 }];
    const bare = [{ fps: 60, cpuMsPerS: 200 }, { fps: 60, cpuMsPerS: 250 }, { fps: 58, cpuMsPerS: 200 }, { fps: 59, cpuMsPerS: 200 }];
    expect(sliceRatios(app, bare)).toEqual({
      fps: [1, 0.97, 0.5, 1],
      fpsMedian: 0.98,
      cpu: [1.5, 1.24, 1.6, 1.5],
      cpuMedian: 1.5,
    });
  });

  it('leaves out of the median a slice in which either page drew fewer than two frames (no rate to compare)', () => {
    const app = [{ fps: 0, cpuMsPerS: 300 }, { fps: 30, cpuMsPerS: 300 }, { fps: 40, cpuMsPerS: 300 }];
    const bare = [{ fps: 20, cpuMsPerS: 200 }, { fps: 0, cpuMsPerS: 200 }, { fps: 50, cpuMsPerS: 200 }];
    expect(sliceRatios(app, bare)).toMatchObject({ fps: [null, null, 0.8], fpsMedian: 0.8 });
  });
});
