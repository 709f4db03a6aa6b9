// Fuzzing the command line with real processes: argument vectors built from the real options with hostile
// values (blank, signed, huge, exponent numbers; long and bidi text; missing folders; repeated flags).
// Every run ends on its own with exit 0, 1 or 2 and a one-line message, never a stack trace (exit 70 means
// an internal error); and an exit 0 never follows arguments past the documented maxima.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { fuzzAsync, tallyProblem } from '../testing/fuzz';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
const BUNDLE = join(ROOT, '.cache', 'fuzz', 'trace.mjs');
const TIMEOUT_MS = 30_000;

/**
 * Each case is a real node process (about half a second on a loaded machine), so this surface has its own
 * count: FUZZ_CLI_RUNS, else 40 in the suite; npm run fuzz sets it. The test's time limit grows with it (a second a
 * case, at least 30 minutes), so a large count on a loaded machine is not cut short.
 */
function cliRuns(): number {
  const n = Number(process.env.FUZZ_CLI_RUNS);
  return Number.isInteger(n) && n > 0 ? n : 40;
}

const seconds = fc.oneof(fc.integer({ min: -5, max: 1000 }).map(String), fc.constantFrom('', ' ', '600', '600.0001', '1e3', '0x10', 'abc', '-0', '.5'));
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('MuxVM', 'MuxVM:pa', 'ClientVM', 'PortalVM', 'https://portal.azurestack.local', '192.168.133.74:443', 'a\u202Eb', `${'a'.repeat(64)}.local`, 'x'.repeat(400)));
const option = fc.oneof(
  fc.tuple(fc.constant('--from'), text),
  fc.tuple(fc.constant('--to'), text),
  fc.tuple(fc.constant('--fail'), text),
  fc.tuple(fc.constant('--fail-at'), seconds),
  fc.tuple(fc.constant('--restore-at'), seconds),
  fc.tuple(fc.constant('--seed'), seconds),
  fc.tuple(fc.constant('--pcap'), fc.constantFrom('/nonexistent-folder/x.pcapng', '', '/')),
  fc.tuple(fc.constant('--topology'), fc.constantFrom('/nonexistent.json', '/', 'package.json', 'src-engine/cli/trace.ts')),
  fc.constantFrom(['--json'], ['--all'], ['--second-mux'], ['--icmp-redirects'], ['--bogus'], ['-x'], ['stray']),
);
const argv = fc.tuple(fc.boolean(), fc.array(option, { maxLength: 6 }), fc.integer({ min: 0, max: 40 })).map(([base, opts, fails]) => [
  ...(base ? ['--from', 'ClientVM', '--to', 'https://portal.azurestack.local'] : []),
  ...opts.flat(),
  ...(fails > 30 ? Array.from({ length: fails }, () => ['--fail', 'MuxVM']).flat() : []),
]);

function run(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** What the documented maxima forbid in an argument vector (exit 0 after it is a wrong acceptance). */
function forbidden(args: string[]): string | undefined {
  const values = (name: string) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]!] : []));
  for (const name of ['--fail-at', '--restore-at']) {
    for (const v of values(name)) if (v.trim() === '' || !(Number(v) <= LIMITS.whatIfTime / 1e6)) return `${name} ${JSON.stringify(v)}`;
  }
  for (const v of values('--seed')) if (v.trim() === '') return '--seed blank';
  if (values('--fail').length > LIMITS.whatIfs / 2) return `${values('--fail').length} --fail`;
  for (const v of values('--to')) if (v.length > LIMITS.destinationLength) return `--to of ${v.length} characters`;
  return undefined;
}

describe('fuzzing the command line (real processes)', () => {
  beforeAll(async () => {
    await build({ entryPoints: [join(ROOT, 'src-engine/cli/trace.ts')], bundle: true, platform: 'node', format: 'esm', outfile: BUNDLE, logLevel: 'error' });
  });

  it('every run ends with exit 0, 1 or 2 and a clear message, never a stack trace, and honours the maxima', { timeout: Math.max(1_800_000, cliRuns() * 1_000) }, async () => {
    const tally = await fuzzAsync('CLI arguments', argv, cliRuns(), 2, async (args) => {
      const r = await run(args);
      if (r.timedOut) return { verdict: undefined, hang: `no exit within ${TIMEOUT_MS} ms` };
      if (r.code === null || ![0, 1, 2].includes(r.code)) return { verdict: undefined, crash: `exit ${r.code} ${r.signal ?? ''}: ${r.stderr.slice(0, 300)}` };
      if (/\n\s+at /.test(r.stderr)) return { verdict: undefined, crash: `a stack trace: ${r.stderr.slice(0, 300)}` };
      if (r.code !== 0 && !r.stderr.startsWith('trace: ')) return { verdict: undefined, crash: `exit ${r.code} without a message` };
      const bad = forbidden(args);
      return { verdict: r.code === 0 && bad ? `exit 0 with ${bad}` : undefined };
    });
    expect(tallyProblem(tally)).toBeUndefined();
  });
});
