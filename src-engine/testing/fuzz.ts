// The fuzzing harness every input surface shares. Each case is classified: a crash (an exception other than
// the project's typed errors, which come back as values), a hang (over the time budget), or a wrong
// acceptance (the surface accepted what its rules reject; the test's oracle says why). The tally is what
// `npm run fuzz` prints per surface; the test fails on any non-zero count, naming the first bad input.
// Seeded, so a run is the same run every time: FC_SEED changes the seed, FUZZ_RUNS the number of cases.
import { appendFileSync, mkdirSync } from 'node:fs';
import fc from 'fast-check';
import { FC_SEED } from './seed';

/** The project's property-test seed (seed.ts): a fuzz run is the same run every time. */
export const FUZZ_SEED = FC_SEED;

/** Cases per surface: FUZZ_RUNS when set (npm run fuzz sets 10,000), else the suite's default for it. */
export function fuzzRuns(suiteDefault: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : suiteDefault;
}

export interface Tally {
  readonly surface: string;
  cases: number;
  crashes: number;
  hangs: number;
  wrongAcceptances: number;
  /** The first bad case: what kind, the input (shortened) and what happened. */
  first?: { kind: 'crash' | 'hang' | 'wrong acceptance'; input: string; detail: string };
}

/** What a case's check reports: undefined when all is well, else why the acceptance was wrong. */
export type Verdict = string | undefined;

function show(input: unknown): string {
  let text: string;
  try {
    text = typeof input === 'string' ? JSON.stringify(input) : (JSON.stringify(input) ?? String(input));
  } catch {
    text = String(input);
  }
  return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text;
}

function record(t: Tally, kind: 'crash' | 'hang' | 'wrong acceptance', input: unknown, detail: string): void {
  if (kind === 'crash') t.crashes++;
  else if (kind === 'hang') t.hangs++;
  else t.wrongAcceptances++;
  t.first ??= { kind, input: show(input), detail };
}

/** Draws `runs` cases in chunks (so large inputs are never all in memory at once). */
function* cases<T>(arb: fc.Arbitrary<T>, runs: number): Generator<T> {
  const CHUNK = 200;
  for (let done = 0, chunk = 0; done < runs; chunk++) {
    const n = Math.min(CHUNK, runs - done);
    for (const input of fc.sample(arb, { seed: FUZZ_SEED + chunk, numRuns: n })) yield input;
    done += n;
  }
}

/** Runs a synchronous surface over `runs` cases. */
export function fuzzSync<T>(surface: string, arb: fc.Arbitrary<T>, runs: number, budgetMs: number, check: (input: T) => Verdict): Tally {
  const t: Tally = { surface, cases: 0, crashes: 0, hangs: 0, wrongAcceptances: 0 };
  for (const input of cases(arb, runs)) {
    t.cases++;
    const start = performance.now();
    let verdict: Verdict;
    try {
      verdict = check(input);
    } catch (e) {
      record(t, 'crash', input, e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n') ?? ''}` : String(e));
      continue;
    }
    const ms = performance.now() - start;
    if (ms > budgetMs) record(t, 'hang', input, `took ${Math.round(ms)} ms, over the ${budgetMs} ms budget`);
    if (verdict !== undefined) record(t, 'wrong acceptance', input, verdict);
  }
  report(t);
  return t;
}

/** Runs an asynchronous surface (real processes) over `runs` cases, `parallel` at a time. */
export async function fuzzAsync<T>(surface: string, arb: fc.Arbitrary<T>, runs: number, parallel: number, check: (input: T) => Promise<{ verdict: Verdict; hang?: string; crash?: string }>): Promise<Tally> {
  const t: Tally = { surface, cases: 0, crashes: 0, hangs: 0, wrongAcceptances: 0 };
  const it = cases(arb, runs);
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) {
      const input = next.value;
      t.cases++;
      try {
        const r = await check(input);
        if (r.crash) record(t, 'crash', input, r.crash);
        if (r.hang) record(t, 'hang', input, r.hang);
        if (r.verdict !== undefined) record(t, 'wrong acceptance', input, r.verdict);
      } catch (e) {
        record(t, 'crash', input, String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  report(t);
  return t;
}

/** Appends the tally to FUZZ_REPORT (a file of JSON lines) when `npm run fuzz` asks for it. */
function report(t: Tally): void {
  const file = process.env.FUZZ_REPORT;
  if (!file) return;
  mkdirSync(file.slice(0, file.lastIndexOf('/')) || '.', { recursive: true });
  appendFileSync(file, `${JSON.stringify(t)}\n`);
}

/** The assertion message of a tally: all zero, or the first bad input and what happened. */
export function tallyProblem(t: Tally): string | undefined {
  if (t.crashes + t.hangs + t.wrongAcceptances === 0) return undefined;
  return `${t.surface}: ${t.crashes} crashes, ${t.hangs} hangs, ${t.wrongAcceptances} wrong acceptances in ${t.cases} cases; first: ${t.first?.kind} on ${t.first?.input}: ${t.first?.detail}`;
}
