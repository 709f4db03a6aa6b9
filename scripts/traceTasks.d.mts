export const TRACE_CATEGORIES: string[];
export interface PageTask {
  startMs: number;
  wallMs: number;
  cpuMs: number;
}
export function pageTasks(trace: string | Uint8Array): PageTask[];
export function longTaskSummary(
  tasks: readonly PageTask[],
  overMs?: number,
): { longestWallMs: number; longestCpuMs: number; maxCpuMs: number; overCpu: number; long: [number, number][] };
