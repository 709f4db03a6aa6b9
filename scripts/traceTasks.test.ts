import { describe, expect, it } from 'vitest';
import { pageTasks } from './traceTasks.mjs';

const meta = (pid: number, tid: number, process: string) => [
  { ph: 'M', name: 'process_name', pid, tid: 0, args: { name: process } },
  { ph: 'M', name: 'thread_name', pid, tid, args: { name: 'CrRendererMain' } },
];
const task = (pid: number, tid: number, ts: number, dur: number, tdur: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts, dur, tdur });

describe('the page thread of a trace', () => {
  it("is the web page's renderer, not the browser's own WebUI renderer, even when that one works more", () => {
    const trace = {
      traceEvents: [
        ...meta(10, 11, 'Renderer'),
        ...meta(20, 21, 'WebUI Top Renderer'),
        task(10, 11, 1_000, 30_000, 12_000),
        task(10, 11, 40_000, 5_000, 4_000),
        task(20, 21, 2_000, 90_000, 80_000),
      ],
    };
    expect(pageTasks(JSON.stringify(trace))).toEqual([
      { startMs: 0, wallMs: 30, cpuMs: 12 },
      { startMs: 39, wallMs: 5, cpuMs: 4 },
    ]);
  });
});
