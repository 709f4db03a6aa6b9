export function sliceOrder<T>(names: readonly T[], i: number): T[];
export function median(values: readonly number[]): number;
export function sliceRatios(
  app: readonly { fps: number; cpuMsPerS: number }[],
  bare: readonly { fps: number; cpuMsPerS: number }[],
): { fps: (number | null)[]; fpsMedian: number; cpu: number[]; cpuMedian: number };
