// Fuzzing URL state: random query strings and mutations of real links (huge what-if lists, times past the
// maximum, blank and signed numbers, bidi text). Parsing never throws; what it accepts stays inside the
// documented maxima; a link's flow, handed to the engine, comes back as a result or a typed error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src-engine/limits';
import { pocTopology } from '../../src-engine/run/fixtures';
import { simulate } from '../../src-engine/run/simulate';
import { fuzzRuns, fuzzSync, tallyProblem } from '../../src-engine/testing/fuzz';
import { neutralizeBidi } from '../../src-engine/net/text';
import { parseDestination } from '../../src-engine/view/destination';
import { parseUrlState } from './urlParse';
import { MAX_SEARCH_LENGTH } from './urlState';

const topology = pocTopology();
const num = fc.oneof(fc.integer({ min: -5, max: 5_000_000_000 }).map(String), fc.constantFrom('', ' ', '1e3', '0x10', '-0', '1.5', '007', 'NaN', 'Infinity'));
const node = fc.constantFrom('MuxVM', 'BGPVM', 'ClientVM', 'MuxVM:pa', 'Nope', 'a:b:c', '', '1x');
const at = fc.oneof(fc.integer({ min: 0, max: 700_000_000 }).map(String), fc.constantFrom('600000000', '600000001', '999999999999999', '', '-1', '1e6'));
const whatIf = fc.tuple(fc.constantFrom('fail', 'restore', 'break'), node, at).map(([a, n, t]) => `${a}:${n}@${t}`);
const whatIfs = fc.oneof(fc.array(whatIf, { maxLength: 8 }).map((l) => l.join(',')), fc.tuple(whatIf, fc.integer({ min: 60, max: 3_000 })).map(([w, n]) => Array.from({ length: n }, () => w).join(',')));
const to = fc.oneof(fc.constantFrom('https://portal.azurestack.local', 'PortalVM', '192.168.133.74:443', 'a\u202Eb.local', `${'a'.repeat(64)}.local`), fc.string({ maxLength: 30 }), fc.integer({ min: 290, max: 320 }).map((n) => 'a'.repeat(n)));
const param = fc.oneof(
  fc.tuple(fc.constant('from'), node),
  fc.tuple(fc.constant('to'), to),
  fc.tuple(fc.constant('seed'), num),
  fc.tuple(fc.constant('step'), num),
  fc.tuple(fc.constant('whatif'), whatIfs),
  fc.tuple(fc.constant('knobs'), fc.constantFrom('secondMux', 'icmpRedirects,secondMux', 'x', '', 'secondMux,'.repeat(5000))),
  fc.tuple(fc.constant('speed'), fc.constantFrom('0.25', '1', '4', '3', '', 'fast')),
  fc.tuple(fc.constantFrom('motion', 'text', 'hide', 'scenario', 'bench', 'other'), fc.string({ maxLength: 12 })),
);
const search = fc.oneof(
  { weight: 4, arbitrary: fc.array(param, { maxLength: 6 }).map((ps) => `?${new URLSearchParams(ps).toString()}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `?to=${s}`) },
);

const UNSAFE = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function check(text: string): string | undefined {
  const { state, errors } = parseUrlState(text);
  if (text.length > MAX_SEARCH_LENGTH) return Object.keys(state).length === 0 ? undefined : 'an over-long link was read';
  for (const e of errors) if (UNSAFE.test(e)) return `a message echoes a bidi control: ${e.slice(0, 80)}`;
  if (state.whatIf && state.whatIf.length > LIMITS.whatIfs) return `${state.whatIf.length} what-ifs accepted`;
  for (const w of state.whatIf ?? []) if (!(w.at >= 0 && w.at <= LIMITS.whatIfTime && Number.isInteger(w.at))) return `what-if time ${w.at} accepted`;
  if (state.seed !== undefined && !(Number.isInteger(state.seed) && state.seed >= 0 && state.seed <= 0xffffffff)) return `seed ${state.seed} accepted`;
  if (state.step !== undefined && !(Number.isInteger(state.step) && state.step >= 0)) return `step ${state.step} accepted`;
  const raw = new URLSearchParams(text);
  for (const k of ['seed', 'step'] as const) if (raw.get(k)?.trim() === '' && state[k] !== undefined) return `blank ${k} read as ${state[k]}`;
  // The link hands its destination on as written; the engine's parser alone refuses it.
  if (state.to !== undefined && (state.to.trim().length > LIMITS.destinationLength || UNSAFE.test(state.to)) && parseDestination(topology, state.to).ok) return `destination ${JSON.stringify(neutralizeBidi(state.to.slice(0, 40)))} accepted`;
  if (state.from && state.to) {
    const run = simulate(topology, { from: state.from, to: state.to, ...(state.seed !== undefined ? { seed: state.seed } : {}), ...(state.whatIf ? { whatIf: state.whatIf } : {}), ...(state.knobs ? { knobs: state.knobs } : {}) }, { full: false });
    if (!run.ok && !['bad-destination', 'unknown-node', 'bad-what-if', 'bad-mtu'].includes(run.error.code)) return `the run refused it with ${run.error.code}`;
  }
  return undefined;
}

describe('fuzzing URL state', () => {
  it('never throws, never accepts past the documented maxima, and a link runs or is refused with a typed error', { timeout: 600_000 }, () => {
    const tally = fuzzSync('URL state', search, fuzzRuns(2000), 2000, check);
    expect(tallyProblem(tally)).toBeUndefined();
  });
});
