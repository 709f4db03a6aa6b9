// The view a link reopens: scenario, flow (from, to, seed, what-ifs, knobs), playhead step and a few
// settings. Each parameter is validated on its own with zod, so one bad parameter falls back to its
// default with a message saying what was wrong, and the others still apply.
import { z } from 'zod';
import type { Knobs, MtuWhatIf, WhatIf } from '../../src-engine/protocol';
import { FILTER_KEYS, isInterfaceIdForm, LIMITS, MAX_MTU, MIN_MTU, NAME_PATTERN, neutralizeBidi, unsafeCharacter, type FilterKey } from '../../src-engine/view/index';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface UrlState {
  readonly scenario?: 'poc';
  /** A topology document other than the POC (edited, loaded or an example), compressed (see topologyLink.ts). */
  readonly topo?: string;
  readonly from?: string;
  readonly to?: string;
  readonly seed?: number;
  readonly whatIf?: readonly WhatIf[];
  readonly knobs?: Partial<Knobs>;
  /** Networks with another MTU for the run: "pa:1500". */
  readonly mtu?: readonly MtuWhatIf[];
  readonly step?: number;
  readonly speed?: number;
  readonly motion?: 'on' | 'off';
  readonly text?: 'normal' | 'large';
  readonly hide?: readonly FilterKey[];
  /** A lesson to open (its id), at a chapter (1-based). */
  readonly lesson?: string;
  readonly chapter?: number;
  /** Run B of a comparison with the link's flow (run A): its what-ifs, knobs and seed. */
  readonly compare?: { readonly whatIf?: readonly WhatIf[]; readonly knobs?: Partial<Knobs>; readonly seed?: number };
}

const nodeName = z.string().regex(NAME_PATTERN, 'a node name such as ClientVM');
/** "fail:MuxVM@1000000", "restore:MuxVM:pa@2000000": the action, the target (a node or a NIC), the time. */
const WHAT_IF_ITEM = /^(fail|restore):([^@]{1,127})@(\d{1,15})$/;
const whatIfItem = z
  .string()
  .refine((s) => isInterfaceIdForm(WHAT_IF_ITEM.exec(s)?.[2] ?? ''), 'fail:Node@time or restore:Node@time, the time in microseconds (e.g. fail:MuxVM@1000000)')
  .transform((s): WhatIf => {
    const [, action, target, at] = WHAT_IF_ITEM.exec(s)!;
    return { action: action as WhatIf['action'], target: target!, at: Number(at) };
  })
  .refine((w) => w.at <= LIMITS.whatIfTime, `a what-if time of at most ${LIMITS.whatIfTime} microseconds (${LIMITS.whatIfTime / 1e6} s)`);
/** "pa:1500": a network's id and its MTU in bytes. */
const MTU_ITEM = /^([^:]{1,63}):(\d{3,4})$/;
const mtuItem = z
  .string()
  .refine((s) => NAME_PATTERN.test(MTU_ITEM.exec(s)?.[1] ?? ''), 'network:bytes, e.g. pa:1500')
  .transform((s): MtuWhatIf => {
    const [, network, mtu] = MTU_ITEM.exec(s)!;
    return { network: network!, mtu: Number(mtu) };
  })
  .refine((m) => m.mtu >= MIN_MTU && m.mtu <= MAX_MTU, `an MTU from ${MIN_MTU} to ${MAX_MTU} bytes`);
/** A comma-separated list of at most `max` items; the text is capped before it is split. */
const list = <T extends z.ZodType<unknown, string>>(item: T, max: number, itemChars: number, what: string) =>
  z
    .string()
    .max(max * (itemChars + 1), `at most ${max} ${what}`)
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(z.array(item).max(max, `at most ${max} ${what}`));
/** A whole number typed in a link: blank is an error, never 0. */
const whole = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, what)
    .transform(Number)
    .pipe(z.number().min(min, what).max(max, what));

/** One schema per parameter: the value in the URL is a string; each turns it into its typed value. */
const PARAMS = {
  scenario: z.literal('poc', { message: 'the only scenario a link can name is "poc" (another topology travels in the "topo" parameter)' }),
  topo: z.string().regex(/^[A-Za-z0-9+\-$]+$/, 'a compressed topology, as "Copy link" writes it'),
  from: nodeName,
  to: z
    .string()
    .min(1, 'a destination')
    .max(LIMITS.destinationLength, `at most ${LIMITS.destinationLength} characters`)
    .refine((s) => unsafeCharacter(s) === undefined, 'a destination without invisible or bidirectional control characters'),
  seed: whole(0, 0xffffffff, 'a whole number from 0 to 4294967295'),
  whatif: list(whatIfItem, LIMITS.whatIfs, 160, 'what-ifs'),
  knobs: list(z.enum(['secondMux', 'secondDip', 'icmpRedirects'], { message: 'secondMux, secondDip or icmpRedirects' }), 3, 13, 'knobs'),
  mtu: list(mtuItem, 16, 68, 'MTU what-ifs'),
  step: whole(0, 10_000_000, 'a step number from 0'),
  speed: z.coerce.number().refine((n) => (SPEEDS as readonly number[]).includes(n), `one of ${SPEEDS.join(', ')}`),
  motion: z.enum(['on', 'off'], { message: 'on or off' }),
  text: z.enum(['normal', 'large'], { message: 'normal or large' }),
  hide: list(z.enum(FILTER_KEYS, { message: FILTER_KEYS.join(', ') }), FILTER_KEYS.length, 5, 'filters'),
  lesson: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a lesson id such as vip-route (lower-case letters, digits and dashes)'),
  compare: z.literal('on', { message: '"on" (run B is then given by bwhatif, bknobs and bseed)' }),
  bwhatif: list(whatIfItem, LIMITS.whatIfs, 160, 'what-ifs'),
  bknobs: list(z.enum(['secondMux', 'icmpRedirects'], { message: 'secondMux or icmpRedirects' }), 2, 13, 'knobs'),
  bseed: whole(0, 0xffffffff, 'a whole number from 0 to 4294967295'),
  chapter: z.coerce.number({ message: 'a chapter number from 1' }).int('a whole number').min(1, 'a chapter number from 1').max(50, 'at most 50'),
} as const;

type ParamName = keyof typeof PARAMS;

export interface ParsedUrl {
  readonly state: UrlState;
  /** One sentence per rejected parameter: which, what it held, what it should hold, what was used instead. */
  readonly errors: readonly string[];
}

/** The longest query a link may have (64 what-ifs fit several times over); a longer one is not read at all. */
export const MAX_SEARCH_LENGTH = 16_384;

export function parseUrlState(search: string): ParsedUrl {
  if (search.length > MAX_SEARCH_LENGTH) {
    return { state: {}, errors: [`The link's parameters are ${search.length.toLocaleString('en-US')} characters long, more than the ${MAX_SEARCH_LENGTH.toLocaleString('en-US')} a Hoplab link may have, so they were ignored. Ask for a new link, or pick the flow below.`] };
  }
  const params = new URLSearchParams(search);
  const errors: string[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(PARAMS) as ParamName[]) {
    const raw = params.get(name);
    if (raw === null) continue;
    const parsed = PARAMS[name].safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else {
      const expected = parsed.error.issues[0]?.message ?? 'a valid value';
      errors.push(`The link's "${name}" parameter is "${truncate(raw)}", but it should be ${expected}. It was ignored; the rest of the link still applies.`);
    }
  }
  const knobs = out.knobs as string[] | undefined;
  const knobsOf = (list: string[]) => ({ secondMux: list.includes('secondMux'), icmpRedirects: list.includes('icmpRedirects') });
  const bknobs = out.bknobs as string[] | undefined;
  const compare =
    out.compare !== undefined
      ? {
          ...(out.bwhatif !== undefined ? { whatIf: out.bwhatif as WhatIf[] } : {}),
          ...(bknobs !== undefined ? { knobs: knobsOf(bknobs) } : {}),
          ...(out.bseed !== undefined ? { seed: out.bseed as number } : {}),
        }
      : undefined;
  const state: UrlState = {
    ...(out.scenario !== undefined ? { scenario: 'poc' as const } : {}),
    ...(out.topo !== undefined ? { topo: out.topo as string } : {}),
    ...(out.from !== undefined ? { from: out.from as string } : {}),
    ...(out.to !== undefined ? { to: out.to as string } : {}),
    ...(out.seed !== undefined ? { seed: out.seed as number } : {}),
    ...(out.whatif !== undefined ? { whatIf: out.whatif as WhatIf[] } : {}),
    ...(knobs !== undefined ? { knobs: { secondMux: knobs.includes('secondMux'), ...(knobs.includes('secondDip') ? { secondDip: true } : {}), icmpRedirects: knobs.includes('icmpRedirects') } } : {}),
    ...(out.mtu !== undefined ? { mtu: out.mtu as MtuWhatIf[] } : {}),
    ...(out.step !== undefined ? { step: out.step as number } : {}),
    ...(out.speed !== undefined ? { speed: out.speed as number } : {}),
    ...(out.motion !== undefined ? { motion: out.motion as 'on' | 'off' } : {}),
    ...(out.text !== undefined ? { text: out.text as 'normal' | 'large' } : {}),
    ...(out.hide !== undefined ? { hide: out.hide as FilterKey[] } : {}),
    ...(out.lesson !== undefined ? { lesson: out.lesson as string } : {}),
    ...(out.chapter !== undefined ? { chapter: out.chapter as number } : {}),
    ...(compare ? { compare } : {}),
  };
  if (!compare && (params.has('bwhatif') || params.has('bknobs') || params.has('bseed'))) {
    errors.push('The link describes a run B (bwhatif, bknobs or bseed) but not "compare=on", so no comparison was opened. Add compare=on, or use "Compare with…".');
  }
  if (state.to !== undefined && state.from === undefined) {
    errors.push('The link names a destination ("to") but no source ("from"), so no flow was run. Add from=ClientVM, or pick a source below.');
  }
  return { state, errors };
}

function truncate(s: string): string {
  const safe = neutralizeBidi(s);
  return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
}

/** The search string for a state: only what differs from the defaults, in a fixed order. */
export function serializeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  if (state.scenario) p.set('scenario', state.scenario);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.seed !== undefined) p.set('seed', String(state.seed));
  if (state.whatIf && state.whatIf.length > 0) p.set('whatif', state.whatIf.map((w) => `${w.action}:${w.target}@${Math.round(w.at)}`).join(','));
  const knobs = Object.entries(state.knobs ?? {})
    .filter(([, on]) => on)
    .map(([k]) => k);
  if (knobs.length > 0) p.set('knobs', knobs.join(','));
  if (state.mtu && state.mtu.length > 0) p.set('mtu', state.mtu.map((m) => `${m.network}:${m.mtu}`).join(','));
  if (state.step !== undefined) p.set('step', String(state.step));
  if (state.speed !== undefined && state.speed !== 1) p.set('speed', String(state.speed));
  if (state.motion === 'off') p.set('motion', 'off');
  if (state.text === 'large') p.set('text', 'large');
  if (state.hide && state.hide.length > 0) p.set('hide', state.hide.join(','));
  if (state.lesson) p.set('lesson', state.lesson);
  if (state.lesson && state.chapter !== undefined) p.set('chapter', String(state.chapter));
  if (state.compare) {
    p.set('compare', 'on');
    if (state.compare.whatIf && state.compare.whatIf.length > 0) p.set('bwhatif', state.compare.whatIf.map((w) => `${w.action}:${w.target}@${Math.round(w.at)}`).join(','));
    const on = Object.entries(state.compare.knobs ?? {})
      .filter(([, v]) => v)
      .map(([k]) => k);
    if (on.length > 0) p.set('bknobs', on.join(','));
    if (state.compare.seed !== undefined) p.set('bseed', String(state.compare.seed));
  }
  // Last, so the readable parameters come first in the address bar.
  if (state.topo) p.set('topo', state.topo);
  const s = p.toString();
  return s ? `?${s}` : '';
}
