// The page thread's tasks from a Chromium trace, each with its wall length and its own CPU time.
//
// A long task's wall length (what the Long Tasks API reports) counts the time its thread waited for a core:
// on a machine that other programs load, a task holding 20 ms of work can last 200 ms. The trace's thread
// time (`tdur`) counts only the time the thread ran, so it tells the page's own cost apart from the load.
//
// Used by bench-frames.mjs: `browser.startTracing(page, { categories: TRACE_CATEGORIES })` around what is
// measured, then `pageTasks(await browser.stopTracing())`.

/** Top-level tasks carry both times; the metadata names the threads. Cheap enough not to stretch the tasks. */
export const TRACE_CATEGORIES = ['toplevel', '__metadata'];

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * The tasks of the page's main thread: the renderer main thread that ran the most task time in the trace (the
 * benchmark has one page open at a time), among web pages' renderers: the trace holds every process, and the
 * browser's own WebUI renderer (its new-tab page and omnibox popup, "WebUI Top Renderer") can run more while a
 * small page loads (tasks of 60 ms of CPU, taken for the POC's own). Only outermost tasks (a nested run loop's
 * tasks are inside one).
 * Each as `{ startMs, wallMs, cpuMs }`, in order, times from the first task's start.
 * @param {Buffer | string} trace the JSON that `browser.stopTracing()` returns
 * @returns {{ startMs: number, wallMs: number, cpuMs: number }[]}
 */
export function pageTasks(trace) {
  const parsed = JSON.parse(String(trace));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const pages = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid));
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pages.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !TASK_NAMES.has(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  let busiest = [];
  let most = -1;
  for (const list of byThread.values()) {
    const total = list.reduce((s, e) => s + (e.dur ?? 0), 0);
    if (total > most) {
      most = total;
      busiest = list;
    }
  }
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = [];
  let end = -Infinity;
  const t0 = busiest[0]?.ts ?? 0;
  for (const e of busiest) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    tasks.push({ startMs: (e.ts - t0) / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 });
  }
  return tasks;
}

const round = (ms) => Number(ms.toFixed(1));

/**
 * What the benchmark reports of a phase's tasks: the longest (wall) with its CPU time, the largest CPU time of
 * any task, how many held over `overMs` of CPU, and every task over `overMs` of wall time as [wall, cpu] pairs,
 * in order.
 */
export function longTaskSummary(tasks, overMs = 50) {
  const longest = tasks.reduce((a, t) => (t.wallMs > (a?.wallMs ?? -1) ? t : a), undefined);
  return {
    longestWallMs: round(longest?.wallMs ?? 0),
    longestCpuMs: round(longest?.cpuMs ?? 0),
    maxCpuMs: round(Math.max(0, ...tasks.map((t) => t.cpuMs))),
    overCpu: tasks.filter((t) => t.cpuMs > overMs).length,
    long: tasks.filter((t) => t.wallMs > overMs).map((t) => [round(t.wallMs), round(t.cpuMs)]),
  };
}
