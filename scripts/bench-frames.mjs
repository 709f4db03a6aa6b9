#!/usr/bin/env node
// Frame pacing while the canonical flow animates: the gaps between requestAnimationFrame callbacks
// (95th percentile and worst), the long tasks and the page-thread time of one step, for the app and for bare React Flow showing the same
// nodes with the same run's tokens, at POC size and on generated topologies (1,000, 2,000 and 4,000 VMs by
// default). The longest task while loading (until the run is ready, the state is kept for the next visit, the
// diagram has all its nodes and the page has had no long task for a second) is recorded too; playback is
// measured after it. Then the app's page is opened again (?bench=reload), and the longest task while it reopens what was kept (the topology, the
// flow and the step) is recorded as the reload's. Also the CPU time the page costs per second of playback (its
// renderer and the GPU process): unlike frame gaps and long tasks, it does not grow when other programs load the
// machine (a task of 100 ms on a loaded machine may hold 5 ms of work). For the same reason loading, reloading,
// playing and the step changes made one by one after it are traced (for the app and bare React Flow alike): each long task of the page's thread is reported with its own CPU time (the trace's thread
// time) beside its length by the clock, so a task stretched by the wait for a core on a loaded machine can be told
// apart from the app's own cost. The machine's load average is printed at the start and the end.
// The pages of one size (the app, the compared build, bare React Flow) are loaded first, then play. With --slices N
// (see benchSlices.mjs) each plays N slices of --seconds / N in turn, the order reversed every other round, and the
// ratios are the medians of the slice-by-slice ratios, every slice's shown, with the pooled ratio beside them: a
// burst of load from other programs then falls on a slice of one side, not on its whole measurement. By default
// (--slices 1) each page plays once, one after the other, as before: on a machine loaded 30 to 40 on two cores,
// 1-second slices were no steadier (the same build against itself differed by up to 0.25 either way).
//   npx vite build --mode bench && node scripts/bench-frames.mjs [--seconds 8] [--vms 1000,2000,4000] [--port 4397] [--json-only]
//     [--compare DIR]: also runs the app from another bench build (say, the main branch's dist-bench copied to
//     DIR), case by case beside this one, so a change's before and after come from the same run.
// Prints a table, then one line `BENCH {json}`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, benchPreflight } from './browser.mjs';
import { parseScriptArgs } from './cli.mjs';
import { sliceOrder, sliceRatios } from './benchSlices.mjs';
import { TRACE_CATEGORIES, longTaskSummary, pageTasks } from './traceTasks.mjs';

const values = parseScriptArgs(
  'bench-frames',
  'Usage: npx vite build --mode bench && node scripts/bench-frames.mjs [--seconds 8] [--vms 1000,2000,4000] [--port 4397] [--json-only] [--compare DIR] [--slices 1]',
  {
    seconds: { type: 'string', default: '8' },
    vms: { type: 'string', default: '1000,2000,4000' },
    port: { type: 'string', default: '4397' },
    'json-only': { type: 'boolean', default: false },
    compare: { type: 'string' },
    slices: { type: 'string', default: '1' },
  },
);
const seconds = Number(values.seconds);
const slices = Number(values.slices);
if (!Number.isInteger(slices) || slices < 1) {
  console.error('bench-frames: --slices must be a whole number of 1 or more (how many turns each page plays; 1 plays each page once, one after the other).');
  process.exit(2);
}
const sizes = values.vms.split(',').map(Number);
if (!(seconds > 0) || !sizes.every((v) => Number.isInteger(v) && v >= 2)) {
  console.error('bench-frames: --seconds must be a positive number and --vms a comma-separated list of whole numbers of 2 or more.');
  process.exit(2);
}
const executablePath = benchPreflight('bench-frames');

const compareDir = values.compare;
if (compareDir !== undefined && !existsSync(`${compareDir}/index.html`)) {
  console.error(`bench-frames: --compare ${compareDir} holds no bench build (no index.html). In a checkout of the version to compare with, run "npx vite build --mode bench" and pass the dist-bench folder it writes.`);
  process.exit(2);
}
const comparePort = String(Number(values.port) + 1);
/** Loading is over when no long task has run for QUIET_MS (waiting at most QUIET_WAIT_MS). */
const QUIET_MS = 1000;
const QUIET_WAIT_MS = 30_000;
const CASES = [0, ...sizes].flatMap((n) => {
  const label = n === 0 ? 'POC' : `${n} VMs`;
  const query = (kind) => `?bench=${kind}${n === 0 ? '' : `&vms=${n}`}`;
  return [
    { name: `app, ${label}`, query: query('app'), vms: n, kind: 'app', port: values.port },
    ...(compareDir !== undefined ? [{ name: `app (compare), ${label}`, query: query('app'), vms: n, kind: 'app', port: comparePort }] : []),
    { name: `bare React Flow, ${label}`, query: query('bare'), vms: n, kind: 'bare', port: values.port },
  ];
});

/** Runs in the page: records rAF timestamps and long tasks for `ms`. */
function measure(ms) {
  return new Promise((resolve) => {
    const stamps = [];
    const long = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    const frame = (t) => {
      stamps.push(t);
      if (t - start < ms) requestAnimationFrame(frame);
      else {
        observer.disconnect();
        resolve({ stamps, long });
      }
    };
    requestAnimationFrame(frame);
  });
}

/** Runs in the page: has the app kept the state a reload opens (its flow; for a generated topology, it too)? */
async function keptSaved(vms) {
  const text = localStorage.getItem('hoplab/state@1');
  if (text !== null) return text.includes('"request"') && (vms === 0 || text.includes('"generated"'));
  // Not opened unless it exists: opening would create it.
  if (!(await indexedDB.databases()).some((d) => d.name === 'hoplab')) return false;
  return new Promise((resolve) => {
    const open = indexedDB.open('hoplab');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kept')) {
        db.close();
        resolve(false);
        return;
      }
      const get = db.transaction('kept').objectStore('kept').get('state@1');
      get.onsuccess = () => {
        db.close();
        const state = get.result;
        resolve(state?.request !== undefined && (vms === 0 || state.topology?.source === 'generated'));
      };
      get.onerror = () => resolve(false);
    };
  });
}

/**
 * Runs in the page: has the diagram handed React Flow all its nodes? A large network's VMs are handed over in
 * batches (see web/diagram/TopologyView.tsx); while some are to come its element says data-drawing="partial".
 */
function drawnWhole() {
  return document.querySelector('.react-flow') !== null && document.querySelector('[data-drawing="partial"]') === null;
}

/** Frame gaps and rate over one or more slices of playback (each a list of frame times; no gap spans two slices). */
function stats(slicesOfStamps) {
  const gaps = slicesOfStamps.flatMap((stamps) => stamps.slice(1).map((t, i) => t - stamps[i])).sort((a, b) => a - b);
  const pick = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
  const span = slicesOfStamps.reduce((sum, stamps) => sum + (stamps.length > 1 ? stamps[stamps.length - 1] - stamps[0] : 0), 0);
  const frames = slicesOfStamps.reduce((sum, stamps) => sum + stamps.length, 0);
  return { frames, fps: span > 0 ? (gaps.length * 1000) / span : 0, p50: pick(0.5), p95: pick(0.95), worst: gaps[gaps.length - 1] ?? 0 };
}

const serve = (port, dir) => spawn(process.execPath, ['scripts/serve.mjs', '--port', port, '--base', '/hoplab/', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
const servers = [serve(values.port, 'dist-bench'), ...(compareDir !== undefined ? [serve(comparePort, compareDir)] : [])];
await Promise.all(servers.map((s) => new Promise((resolve) => s.stdout.once('data', resolve))));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
// CPU time the page costs, whatever else the machine runs: its renderer (page thread, compositor, raster) and
// the GPU process (which composites the frames), read from the browser per process.
const browserCdp = await browser.newBrowserCDPSession();
async function pageCpu() {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.filter((p) => p.type === 'renderer' || p.type === 'GPU').map((p) => [p.id, p.cpuTime]));
}
/** CPU seconds spent between two readings (a process that started in between counts whole). */
const cpuBetween = (before, after) => [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0);
/** Runs `fn` under a trace of the page's tasks; returns its value and the summary of the tasks (wall and CPU). */
async function traced(page, fn) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let value;
  let trace;
  try {
    value = await fn();
  } finally {
    trace = await browser.stopTracing();
  }
  const raw = pageTasks(trace);
  return { value, tasks: longTaskSummary(raw), raw };
}
/** Loads a case in a page of its own and waits until loading is over; the page stays open for playback. */
async function loadCase(c) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Long tasks from the first script on, so the load's are counted too.
  await page.addInitScript(() => {
    window.__benchLongTasks = [];
    window.__benchLastLongTaskEnd = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__benchLongTasks.push(e.duration);
        window.__benchLastLongTaskEnd = Math.max(window.__benchLastLongTaskEnd, e.startTime + e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  if (!values['json-only']) console.error(`bench-frames: ${c.name}…`);
  const t0 = Date.now();
  const loading = await traced(page, async () => {
    await page.goto(`http://127.0.0.1:${c.port}/hoplab/${c.query}`);
    await page.waitForFunction(() => window.__hoplabBench !== undefined, null, { timeout: 120_000, polling: 250 });
    const info = await page.evaluate(() => ({ steps: window.__hoplabBench.steps, nodes: window.__hoplabBench.nodes, error: window.__hoplabBench.error, cursor: window.__hoplabBench.cursor() }));
    if (info.error) throw new Error(`${c.name}: ${info.error}`);
    const loadMs = Date.now() - t0;
    // Loading ends once the state is kept for the next visit (the app writes it just after its run is ready)
    // and the diagram has handed React Flow all its nodes.
    if (c.kind === 'app') await page.waitForFunction(keptSaved, c.vms, { timeout: 60_000, polling: 100 });
    await page.waitForFunction(drawnWhole, null, { timeout: 60_000, polling: 100 });
    // Playback is measured once loading is over: the run ready, and no long task for a second (the diagram's
    // last batches, saving the state and packing the link all follow the run); at most QUIET_WAIT_MS.
    await page
      .waitForFunction((quietMs) => performance.now() - window.__benchLastLongTaskEnd > quietMs, QUIET_MS, { timeout: QUIET_WAIT_MS, polling: 100 })
      .catch(() => {
        if (!values['json-only']) console.error(`bench-frames: ${c.name}: still busy after ${QUIET_WAIT_MS / 1000} s; measuring anyway.`);
      });
    return { info, loadMs };
  });
  const { info, loadMs } = loading.value;
  const loadLongest = await page.evaluate(() => Math.max(0, ...window.__benchLongTasks));
  return { c, page, errors, info, loadMs, loading, loadLongest, played: [] };
}

/**
 * One slice of playback on an open page: Play, frames and CPU for `ms`, then pause and let the page settle (two
 * frames), so the next page's slice starts on a quiet one. Traced too (top-level tasks only): each long task's own
 * CPU time.
 */
async function playSlice(o, ms) {
  const { page } = o;
  await page.bringToFront();
  const before = await page.evaluate(() => window.__hoplabBench.cursor());
  const playing = await traced(page, async () => {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const cpuBefore = await pageCpu();
    const m = await page.evaluate(measure, ms);
    return { m, cpuSeconds: cpuBetween(cpuBefore, await pageCpu()) };
  });
  await page.evaluate(() => window.__hoplabBench.store.getState().pause());
  const advanced = (await page.evaluate(() => window.__hoplabBench.cursor())) - before;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const s = stats([playing.value.m.stamps]);
  o.played.push({ stamps: playing.value.m.stamps, long: playing.value.m.long, cpuSeconds: playing.value.cpuSeconds, tasks: playing.raw, advanced, fps: s.fps, cpuMsPerS: (playing.value.cpuSeconds * 1000) / (ms / 1000) });
}

/** After playback: the step changes one by one, the reload (the app's), and the case's result. */
async function finishCase(o) {
  const { c, page, errors, info, loadMs, loading, loadLongest } = o;
  const m = { stamps: o.played.map((p) => p.stamps), long: o.played.flatMap((p) => p.long) };
  const cpuSeconds = o.played.reduce((sum, p) => sum + p.cpuSeconds, 0);
  const playing = { tasks: longTaskSummary(o.played.flatMap((p) => p.tasks)) };
  const advanced = o.played.reduce((sum, p) => sum + p.advanced, 0);
  // How long one step blocks the page's thread (store update and the urgent render; the panels follow
  // in interruptible renders), median of 9: steadier than frame gaps on a shared machine.
  await page.evaluate(() => window.__hoplabBench.store.getState().pause());
  // Traced too, like playing: these step changes (a jump back, a step on) are each a task of the page's own.
  const stepping = await traced(page, async () => {
    const times = [];
    for (let i = 0; i < 9; i++) {
      await page.evaluate(() => window.__hoplabBench.store.getState().seek(window.__hoplabBench.cursor() - 1));
      await page.waitForTimeout(50);
      times.push(await page.evaluate(() => window.__hoplabBench.stepMs()));
    }
    // The frames and tasks that follow the last step.
    await page.waitForTimeout(200);
    return times;
  });
  const stepTimes = stepping.value.sort((a, b) => a - b);
  // The same page opened again: what was kept (the topology, the flow, the step) comes back.
  let reload;
  if (c.kind === 'app') {
    await page.evaluate(() => window.__hoplabBench.store.getState().pause());
    await page.waitForFunction(keptSaved, c.vms, { timeout: 60_000, polling: 100 });
    const r0 = Date.now();
    const reloading = await traced(page, async () => {
      await page.goto(`http://127.0.0.1:${c.port}/hoplab/?bench=reload`);
      await page.waitForFunction(() => window.__hoplabBench !== undefined, null, { timeout: 120_000, polling: 250 });
      const back = await page.evaluate(() => ({ nodes: window.__hoplabBench.nodes, steps: window.__hoplabBench.steps, error: window.__hoplabBench.error }));
      if (back.error || back.nodes !== info.nodes || back.steps !== info.steps) throw new Error(`${c.name}: the reload opened ${back.nodes} boxes and ${back.steps} steps (${back.error ?? 'no error'}), not the ${info.nodes} and ${info.steps} kept`);
      const reloadMs = Date.now() - r0;
      // As for loading: over once the diagram is whole and the page has had no long task for a second.
      await page.waitForFunction(drawnWhole, null, { timeout: 60_000, polling: 100 });
      await page.waitForFunction((quietMs) => performance.now() - window.__benchLastLongTaskEnd > quietMs, QUIET_MS, { timeout: QUIET_WAIT_MS, polling: 100 }).catch(() => undefined);
      return reloadMs;
    });
    reload = {
      reloadMs: reloading.value,
      reloadLongestTaskMs: Number(Math.max(0, ...(await page.evaluate(() => window.__benchLongTasks))).toFixed(1)),
      reloadTraceLongestMs: reloading.tasks.longestWallMs,
      reloadTraceLongestCpuMs: reloading.tasks.longestCpuMs,
      reloadMaxCpuMs: reloading.tasks.maxCpuMs,
      reloadLongTasks: reloading.tasks.long,
    };
  }
  await page.close();
  const s = stats(m.stamps);
  return {
    case: c.name,
    nodes: info.nodes,
    steps: info.steps,
    stepsPlayed: advanced,
    loadMs,
    fps: Number(s.fps.toFixed(1)),
    p50Ms: Number(s.p50.toFixed(1)),
    p95Ms: Number(s.p95.toFixed(1)),
    worstMs: Number(s.worst.toFixed(1)),
    longTasks: m.long.length,
    longestTaskMs: Number(Math.max(0, ...m.long).toFixed(1)),
    over50Ms: m.long.filter((d) => d > 50).length,
    // From the trace: the longest task by the clock and the CPU time it held; the most CPU any one task held;
    // how many tasks held over 50 ms of CPU; every task over 50 ms by the clock as [clock ms, CPU ms].
    longestTraceTaskMs: playing.tasks.longestWallMs,
    longestTaskCpuMs: playing.tasks.longestCpuMs,
    mostTaskCpuMs: playing.tasks.maxCpuMs,
    over50MsCpu: playing.tasks.overCpu,
    longTaskCpu: playing.tasks.long,
    loadLongestTaskMs: Number(loadLongest.toFixed(1)),
    loadTraceLongestMs: loading.tasks.longestWallMs,
    loadTraceLongestCpuMs: loading.tasks.longestCpuMs,
    loadMaxCpuMs: loading.tasks.maxCpuMs,
    loadLongTasks: loading.tasks.long,
    stepMs: Number(stepTimes[4].toFixed(1)),
    // The 9 step changes made after playing (a jump back and a step on, each), traced as playing is.
    stepsLongestTraceMs: stepping.tasks.longestWallMs,
    stepsLongestCpuMs: stepping.tasks.longestCpuMs,
    stepsMaxCpuMs: stepping.tasks.maxCpuMs,
    stepsLongTasks: stepping.tasks.long,
    cpuMsPerS: Math.round((cpuSeconds * 1000) / seconds),
    ...reload,
    errors: errors.length,
    // Each slice of playback: its frame rate and the CPU the page cost per second of it, in the order played.
    sliceFps: o.played.map((p) => Number(p.fps.toFixed(1))),
    sliceCpuMsPerS: o.played.map((p) => Math.round(p.cpuMsPerS)),
  };
}

const loadBefore = loadavg();
const results = [];
const sliceMs = (seconds * 1000) / slices;
try {
  for (const n of [0, ...sizes]) {
    // Every page of this size is loaded first (one at a time); then they play in turns, a slice each.
    const open = [];
    try {
      for (const c of CASES.filter((x) => x.vms === n)) open.push(await loadCase(c));
      for (let i = 0; i < slices; i++) for (const o of sliceOrder(open, i)) await playSlice(o, sliceMs);
      for (const o of open) results.push(await finishCase(o));
    } finally {
      for (const o of open) await o.page.close().catch(() => undefined);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
const loadAfter = loadavg();

if (!values['json-only']) {
  const cols = ['case', 'nodes', 'steps', 'stepsPlayed', 'fps', 'p50Ms', 'p95Ms', 'worstMs', 'longTasks', 'longestTaskMs', 'longestTaskCpuMs', 'mostTaskCpuMs', 'over50Ms', 'over50MsCpu', 'stepMs', 'cpuMsPerS', 'loadMs', 'loadLongestTaskMs', 'reloadMs', 'reloadLongestTaskMs'];
  const widths = cols.map((k) => Math.max(k.length, ...results.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  console.log(`Frame pacing over ${seconds} s of playback per page, in ${slices} slice${slices === 1 ? '' : 's'} of ${sliceMs / 1000} s taken in turns (gaps between requestAnimationFrame callbacks):`);
  console.log(line(cols));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of results) console.log(line(cols.map((k) => r[k] ?? '-')));
  // Each long task of loading and reloading, from the trace: wall length / its own CPU time, in ms.
  const pairs = (list) => (list === undefined ? '-' : list.length === 0 ? 'none' : list.map(([w, cpu]) => `${w}/${cpu}`).join(' '));
  console.log('\nLong tasks (over 50 ms) from the trace, wall/CPU in ms, in order:');
  for (const r of results) {
    console.log(`  ${r.case}: loading ${pairs(r.loadLongTasks)}; largest CPU ${r.loadMaxCpuMs}`);
    if (r.reloadLongTasks) console.log(`  ${r.case}: reloading ${pairs(r.reloadLongTasks)}; largest CPU ${r.reloadMaxCpuMs}`);
  }
  // Step changes: every task while playing (the page's thread works when the step changes; the tokens glide on
  // the compositor in between), and the 9 steps made one by one after it. The app's and bare React Flow's.
  console.log('\nStep changes: long tasks (over 50 ms) from the trace, wall/CPU in ms, playing | stepping one by one:');
  for (const r of results) console.log(`  ${r.case}: ${pairs(r.longTaskCpu)}; largest CPU ${r.mostTaskCpuMs} | ${pairs(r.stepsLongTasks)}; largest CPU ${r.stepsMaxCpuMs}`);
  console.log(`\nMachine load average (1, 5, 15 min): ${loadBefore.map((x) => x.toFixed(1)).join(', ')} at the start, ${loadAfter.map((x) => x.toFixed(1)).join(', ')} at the end (${availableParallelism()} cores).`);
}
// The app beside bare React Flow at each size, measured in this run: frame rate as a ratio (1 = as smooth),
// and the longest tasks of each (playing, and loading).
const stepSummary = (r) => {
  const long = [...r.longTaskCpu, ...r.stepsLongTasks];
  const longest = long.reduce((a, t) => (t[0] > a[0] ? t : a), [0, 0]);
  return { wallMs: longest[0], cpuMs: longest[1], maxCpuMs: Math.max(r.mostTaskCpuMs, r.stepsMaxCpuMs), over50Ms: long.length };
};
const ratiosOf = (appCase) => [0, ...sizes].map((n) => {
  const label = n === 0 ? 'POC' : `${n} VMs`;
  const app = results.find((r) => r.case === `${appCase}, ${label}`);
  const bare = results.find((r) => r.case === `bare React Flow, ${label}`);
  return {
    size: label,
    // The median of the slice-by-slice ratios (slice i of the app against slice i of bare React Flow), and every
    // slice's; the pooled ratio (all the app's slices against all of bare's) beside them.
    ...(() => {
      const r = sliceRatios(app.sliceFps.map((fps, i) => ({ fps, cpuMsPerS: app.sliceCpuMsPerS[i] })), bare.sliceFps.map((fps, i) => ({ fps, cpuMsPerS: bare.sliceCpuMsPerS[i] })));
      return { fpsRatio: r.fpsMedian, cpuRatio: r.cpuMedian, fpsRatioSlices: r.fps, cpuRatioSlices: r.cpu };
    })(),
    fpsRatioPooled: Number((app.fps / bare.fps).toFixed(2)),
    cpuRatioPooled: Number((app.cpuMsPerS / Math.max(1, bare.cpuMsPerS)).toFixed(2)),
    appLongestTaskMs: app.longestTaskMs,
    bareLongestTaskMs: bare.longestTaskMs,
    appLoadLongestTaskMs: app.loadLongestTaskMs,
    bareLoadLongestTaskMs: bare.loadLongestTaskMs,
    appLongestTaskCpuMs: app.longestTaskCpuMs,
    bareLongestTaskCpuMs: bare.longestTaskCpuMs,
    appMostTaskCpuMs: app.mostTaskCpuMs,
    bareMostTaskCpuMs: bare.mostTaskCpuMs,
    appReloadLongestTaskMs: app.reloadLongestTaskMs,
    appLoad: { wallMs: app.loadTraceLongestMs, cpuMs: app.loadTraceLongestCpuMs, maxCpuMs: app.loadMaxCpuMs },
    bareLoad: { wallMs: bare.loadTraceLongestMs, cpuMs: bare.loadTraceLongestCpuMs, maxCpuMs: bare.loadMaxCpuMs },
    appReload: { wallMs: app.reloadTraceLongestMs, cpuMs: app.reloadTraceLongestCpuMs, maxCpuMs: app.reloadMaxCpuMs },
    // Step changes (playing, and the 9 made one by one): the longest task by the clock with its CPU, the most CPU
    // of any task, and how many tasks were over 50 ms by the clock; the app's and bare React Flow's.
    appSteps: stepSummary(app),
    bareSteps: stepSummary(bare),
  };
});
const ratios = ratiosOf('app');
const compareRatios = compareDir !== undefined ? ratiosOf('app (compare)') : undefined;
if (!values['json-only']) {
  const show = (title, rows) => {
    console.log(`\n${title}`);
    for (const r of rows) {
      console.log(`  ${r.size.padEnd(10)} fps ratio ${r.fpsRatio} (median of slices ${r.fpsRatioSlices.map((x) => x ?? '-').join(' ')}; pooled ${r.fpsRatioPooled}), CPU ratio ${r.cpuRatio} (slices ${r.cpuRatioSlices.join(' ')}; pooled ${r.cpuRatioPooled})`);
      console.log(`  ${''.padEnd(10)} longest task playing ${r.appLongestTaskMs} ms holding ${r.appLongestTaskCpuMs} ms CPU, most CPU in one task ${r.appMostTaskCpuMs} ms (bare ${r.bareLongestTaskMs} ms holding ${r.bareLongestTaskCpuMs} ms, most ${r.bareMostTaskCpuMs} ms), loading ${r.appLoadLongestTaskMs} ms (bare ${r.bareLoadLongestTaskMs} ms), reloading ${r.appReloadLongestTaskMs} ms`);
      const wc = (x) => `${x.wallMs} ms holding ${x.cpuMs} ms of CPU (largest CPU of any task ${x.maxCpuMs} ms)`;
      console.log(`  ${''.padEnd(10)} traced: loading ${wc(r.appLoad)}, bare ${wc(r.bareLoad)}; reloading ${wc(r.appReload)}`);
      const st = (x) => `${x.over50Ms} over 50 ms, longest ${x.wallMs} ms holding ${x.cpuMs} ms of CPU (largest CPU of any task ${x.maxCpuMs} ms)`;
      console.log(`  ${''.padEnd(10)} step changes: app ${st(r.appSteps)}; bare ${st(r.bareSteps)}`);
    }
  };
  show('The app against bare React Flow, same run:', ratios);
  if (compareRatios) show(`The compared build (${compareDir}) against the same bare React Flow:`, compareRatios);
}
console.log(`BENCH ${JSON.stringify({ bench: 'frames', seconds, vms: sizes, loadAverage: { start: loadBefore, end: loadAfter }, ratios, ...(compareRatios ? { compare: compareDir, compareRatios } : {}), results })}`);
