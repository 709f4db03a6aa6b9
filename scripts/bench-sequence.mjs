#!/usr/bin/env node
// Frame pacing of the sequence diagram on a run of over 5,000 frames, beside a bare d3 drawing of as many
// arrows in the same run: the playhead moves one step per animation frame (the diagram highlights the step's
// row and scrolls to it), and the gaps between requestAnimationFrame callbacks are measured (median, 95th
// percentile, worst), with the long tasks and the page-thread time of one move. The app is measured with its
// repetitions folded (as it opens) and with every fold open (every frame a row).
//   npx vite build --mode bench && node scripts/bench-sequence.mjs [--seconds 6] [--port 4398] [--json-only]
// Prints a table, then one line `BENCH {json}` whose `ratio` compares the app (every fold open) with bare d3.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, benchPreflight } from './browser.mjs';
import { parseScriptArgs } from './cli.mjs';

const values = parseScriptArgs('bench-sequence', 'Usage: node scripts/bench-sequence.mjs [--seconds 6] [--port 4398] [--json-only]', {
  seconds: { type: 'string', default: '6' },
  port: { type: 'string', default: '4398' },
  'json-only': { type: 'boolean', default: false },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) {
  console.error('bench-sequence: --seconds must be a positive number.');
  process.exit(2);
}
const executablePath = benchPreflight('bench-sequence');
const log = (text) => values['json-only'] || console.error(`bench-sequence: ${text}`);

/** Runs in the page: one move per animation frame for `ms`; the frames' timestamps and the long tasks. */
function measure({ ms, bare }) {
  const move = bare
    ? () => window.__hoplabSeqBare.move()
    : () => {
        const s = window.__hoplabBench.store.getState();
        if (s.cursor >= window.__hoplabBench.steps - 1) s.seek(0);
        else s.stepForward();
      };
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
      if (t - start < ms) {
        move();
        requestAnimationFrame(frame);
      } else {
        observer.disconnect();
        resolve({ stamps, long });
      }
    };
    requestAnimationFrame(frame);
  });
}

/** Runs in the page: how long one move blocks the thread (the app's render is flushed synchronously), median of 15. */
function moveTime({ bare }) {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    if (bare) window.__hoplabSeqBare.move();
    else window.__hoplabBench.stepMs();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[7];
}

function stats(stamps) {
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const pick = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
  const span = (stamps[stamps.length - 1] ?? 0) - (stamps[0] ?? 0);
  return { frames: stamps.length, fps: span > 0 ? ((stamps.length - 1) * 1000) / span : 0, p50: pick(0.5), p95: pick(0.95), worst: gaps[gaps.length - 1] ?? 0 };
}

const round = (n) => Number(n.toFixed(1));
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', values.port, '--base', '/hoplab/', '--dir', 'dist-bench'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const results = [];
const base = `http://127.0.0.1:${values.port}/hoplab/`;

async function run(name, open) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  log(`${name}…`);
  const info = await open(page);
  await page.waitForTimeout(500); // let the first paint settle before measuring
  const m = await page.evaluate(measure, { ms: seconds * 1000, bare: info.bare });
  const moveMs = await page.evaluate(moveTime, { bare: info.bare });
  await page.close();
  if (errors.length > 0) throw new Error(`${name}: the page logged errors: ${errors.join('; ')}`);
  const s = stats(m.stamps);
  const r = { case: name, frames: info.frames, rows: info.rows, fps: round(s.fps), p50Ms: round(s.p50), p95Ms: round(s.p95), worstMs: round(s.worst), longTasks: m.long.length, longestTaskMs: round(Math.max(0, ...m.long)), moveMs: Number(moveMs.toFixed(2)) };
  results.push(r);
  return r;
}

/** The app's sequence diagram: its rows, as the diagram's label says. */
const rowsOf = (page) => page.getByRole('group', { name: /^Sequence diagram of \d+ rows/ }).getAttribute('aria-label').then((l) => Number(/of (\d+) rows/.exec(l)[1]));

async function openApp(page, unfold) {
  await page.goto(`${base}?bench=seq&motion=off`);
  await page.waitForFunction(() => window.__hoplabBench !== undefined, null, { timeout: 120_000, polling: 250 });
  const error = await page.evaluate(() => window.__hoplabBench.error);
  if (error) throw new Error(error);
  const frames = await page.evaluate(() => window.__hoplabBench.frames);
  let rows = await rowsOf(page);
  if (unfold) {
    await page.evaluate(() => window.__hoplabBench.unfoldAll());
    await page.waitForFunction((folded) => !document.querySelector('.sequence-scroll')?.getAttribute('aria-label')?.startsWith(`Sequence diagram of ${folded} rows`), rows, { polling: 100 });
    rows = await rowsOf(page);
  }
  const lanes = await page.locator('.sequence-head g.seq-lane').count();
  return { frames, rows, lanes, bare: false };
}

let lanes = 12;
let frames = 0;
try {
  await run('app: sequence diagram, repetitions folded', async (page) => {
    const info = await openApp(page, false);
    frames = info.frames;
    lanes = info.lanes;
    return info;
  });
  await run('app: sequence diagram, every fold open', (page) => openApp(page, true));
  // Context: the same app and run with the event list in the pane instead, so the diagram's own share shows.
  await run('app: event list instead (context)', async (page) => {
    const info = await openApp(page, false);
    await page.getByRole('tab', { name: 'Event list' }).click();
    await page.getByRole('tab', { name: 'Event list', selected: true }).waitFor();
    return { ...info, rows: 0 };
  });
  await run('bare d3: as many arrows, no app', async (page) => {
    await page.goto(`${base}?bench=seqbare&frames=${frames}&lanes=${lanes}`);
    await page.waitForFunction(() => window.__hoplabSeqBare?.ready === true, null, { timeout: 120_000, polling: 250 });
    return { frames, rows: frames, bare: true };
  });
} finally {
  await browser.close();
  server.kill();
}

const [folded, open, , bare] = results;
const ratio = { fps: Number((open.fps / bare.fps).toFixed(2)), p95: Number((open.p95Ms / bare.p95Ms).toFixed(2)), foldedFps: Number((folded.fps / bare.fps).toFixed(2)), foldedP95: Number((folded.p95Ms / bare.p95Ms).toFixed(2)) };
if (!values['json-only']) {
  const cols = ['case', 'frames', 'rows', 'fps', 'p50Ms', 'p95Ms', 'worstMs', 'longTasks', 'longestTaskMs', 'moveMs'];
  const widths = cols.map((k) => Math.max(k.length, ...results.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  console.log(`Sequence diagram frame pacing over ${seconds} s, one playhead move per frame (gaps between requestAnimationFrame callbacks):`);
  console.log(line(cols));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of results) console.log(line(cols.map((k) => r[k])));
  console.log(`app (every fold open) / bare d3: fps ${ratio.fps}x, 95th-percentile gap ${ratio.p95}x; folded: fps ${ratio.foldedFps}x, p95 ${ratio.foldedP95}x`);
}
console.log(`BENCH ${JSON.stringify({ bench: 'sequence-frames', seconds, results, ratio })}`);
