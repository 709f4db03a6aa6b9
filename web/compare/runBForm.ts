// Run B's form, as data: which what-ifs it offers (run A's, each kept or dropped as a whole, and a failure
// of any other node), and the seed as typed, checked before anything runs.
import type { Knobs, RunRequest, WhatIf } from '../../src-engine/protocol';
import { FLOW_START } from '../../src-engine/view/index';
import { shortTime } from '../model/format';
import type { RunBSettings } from '../store/store';

/** One checkbox: a target's what-ifs in run A, or a new failure of a node. */
export interface WhatIfChoice {
  readonly key: string;
  readonly label: string;
  readonly whatIfs: readonly WhatIf[];
  /** Checked at first: the what-ifs run A has. */
  readonly inA: boolean;
}

const say = (w: WhatIf) => `${w.action === 'fail' ? 'fails' : 'comes back'} at ${shortTime(w.at)}`;

/** Run A's what-ifs, one choice per target (a failure and its restore go together), then a failure of each other node. */
export function whatIfChoices(a: Pick<RunRequest, 'whatIf'>, nodes: readonly string[]): WhatIfChoice[] {
  const byTarget = new Map<string, WhatIf[]>();
  for (const w of a.whatIf ?? []) byTarget.set(w.target, [...(byTarget.get(w.target) ?? []), w]);
  const kept = [...byTarget].map(([target, list]): WhatIfChoice => ({ key: `a:${target}`, label: `${target} ${list.map(say).join(', ')}`, whatIfs: list, inA: true }));
  const fresh = nodes.filter((n) => !byTarget.has(n)).map((n): WhatIfChoice => ({ key: `new:${n}`, label: `${n} fails at ${shortTime(FLOW_START)}`, whatIfs: [{ action: 'fail', target: n, at: FLOW_START }], inA: false }));
  return [...kept, ...fresh];
}

export type SeedCheck = { readonly ok: true; readonly seed?: number } | { readonly ok: false; readonly message: string };

/** The seed as typed: empty for the default, else a whole number the engine takes (0 to 2^32 - 1). */
export function checkSeed(text: string): SeedCheck {
  const t = text.trim();
  if (t === '') return { ok: true };
  if (!/^\d{1,10}$/.test(t) || Number(t) > 0xffffffff) {
    return { ok: false, message: `The seed must be a whole number from 0 to 4294967295, not "${t.slice(0, 20)}". Leave it empty to use run A's.` };
  }
  return { ok: true, seed: Number(t) };
}

/** Run B's settings from the form: the checked what-ifs in time order, the knobs that are on, the seed. */
export function runBSettings(choices: readonly WhatIfChoice[], checked: ReadonlySet<string>, knobs: Partial<Knobs>, seed: number | undefined): RunBSettings {
  const whatIf = choices.filter((c) => checked.has(c.key)).flatMap((c) => c.whatIfs);
  whatIf.sort((x, y) => x.at - y.at);
  const on = Object.fromEntries(Object.entries(knobs).filter(([, v]) => v)) as Partial<Knobs>;
  return { ...(whatIf.length > 0 ? { whatIf } : {}), ...(Object.keys(on).length > 0 ? { knobs: on } : {}), ...(seed !== undefined ? { seed } : {}) };
}

/** Run A (or B) in a line: what it changes from the plain flow. */
export function describeSettings(r: Pick<RunRequest, 'whatIf' | 'knobs' | 'seed'>, seed: number): string {
  const parts: string[] = [];
  for (const w of r.whatIf ?? []) parts.push(`${w.target} ${say(w)}`);
  if (r.knobs?.secondMux) parts.push('a second MUX');
  if (r.knobs?.icmpRedirects) parts.push('ICMP redirects on');
  if (parts.length === 0) parts.push('nothing fails');
  return `${parts.join(', ')}; seed ${seed}`;
}
