// Reads a link: each parameter is validated on its own with zod (its tree-shakable mini build), so one bad
// parameter falls back to its default with a message saying what was wrong, and the others still apply.
// Loaded only when the address has parameters to read (see hasLinkParameters).
import '../zodJitless';
import * as z from 'zod/mini';
import type { MtuWhatIf, WhatIf } from '../../src-engine/protocol';
import { FILTER_KEYS, isInterfaceIdForm, LIMITS, MAX_MTU, MIN_MTU, NAME_PATTERN, neutralizeBidi, type FilterKey } from '../../src-engine/view/index';
import { MAX_SEARCH_LENGTH, SPEEDS, type ParsedUrl, type UrlState } from './urlState';

const nodeName = z.string().check(z.regex(NAME_PATTERN, 'a node name such as ClientVM'));
/** "fail:MuxVM@1000000", "restore:MuxVM:pa@2000000": the action, the target (a node or a NIC), the time. */
const WHAT_IF_ITEM = /^(fail|restore):([^@]{1,127})@(\d{1,15})$/;
const whatIfItem = z.pipe(
  z.string().check(z.refine((s: string) => isInterfaceIdForm(WHAT_IF_ITEM.exec(s)?.[2] ?? ''), 'fail:Node@time or restore:Node@time, the time in microseconds (e.g. fail:MuxVM@1000000)')),
  z
    .transform((s: string): WhatIf => {
      const [, action, target, at] = WHAT_IF_ITEM.exec(s)!;
      return { action: action as WhatIf['action'], target: target!, at: Number(at) };
    })
    .check(z.refine((w: WhatIf) => w.at <= LIMITS.whatIfTime, `a what-if time of at most ${LIMITS.whatIfTime} microseconds (${LIMITS.whatIfTime / 1e6} s)`)),
);
/** "pa:1500": a network's id and its MTU in bytes. */
const MTU_ITEM = /^([^:]{1,63}):(\d{3,4})$/;
const mtuItem = z.pipe(
  z.string().check(z.refine((s: string) => NAME_PATTERN.test(MTU_ITEM.exec(s)?.[1] ?? ''), 'network:bytes, e.g. pa:1500')),
  z
    .transform((s: string): MtuWhatIf => {
      const [, network, mtu] = MTU_ITEM.exec(s)!;
      return { network: network!, mtu: Number(mtu) };
    })
    .check(z.refine((m: MtuWhatIf) => m.mtu >= MIN_MTU && m.mtu <= MAX_MTU, `an MTU from ${MIN_MTU} to ${MAX_MTU} bytes`)),
);
/** A comma-separated list of at most `max` items; the text is capped before it is split. */
const list = <T extends z.ZodMiniType<unknown, string>>(item: T, max: number, itemChars: number, what: string) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max * (itemChars + 1), `at most ${max} ${what}`)),
      z.transform((s: string) => s.split(',').filter((x) => x !== '')),
    ),
    z.array(item).check(z.maxLength(max, `at most ${max} ${what}`)),
  );
/** A whole number typed in a link: blank is an error, never 0. */
const whole = (min: number, max: number, what: string) =>
  z.pipe(z.pipe(z.string().check(z.regex(/^\d{1,10}$/, what)), z.transform(Number)), z.number().check(z.minimum(min, what), z.maximum(max, what)));

/** One schema per parameter: the value in the URL is a string; each turns it into its typed value. */
const PARAMS = {
  scenario: z.literal('poc', { error: 'the only scenario a link can name is "poc" (another topology travels in the "topo" parameter)' }),
  topo: z.string().check(z.regex(/^[A-Za-z0-9+\-$]+$/, 'a compressed topology, as "Copy link" writes it')),
  from: nodeName,
  // Read as written: the engine's destination parser (src-engine/view/destination.ts) is its only judge,
  // and its message shows under the destination field, which keeps the text (the link is capped as a whole).
  to: z.string(),
  seed: whole(0, 0xffffffff, 'a whole number from 0 to 4294967295'),
  whatif: list(whatIfItem, LIMITS.whatIfs, 160, 'what-ifs'),
  knobs: list(z.enum(['secondMux', 'secondDip', 'icmpRedirects'], { error: 'secondMux, secondDip or icmpRedirects' }), 3, 13, 'knobs'),
  mtu: list(mtuItem, 16, 68, 'MTU what-ifs'),
  step: whole(0, 10_000_000, 'a step number from 0'),
  speed: z.coerce.number({ error: `one of ${SPEEDS.join(', ')}` }).check(z.refine((n: number) => (SPEEDS as readonly number[]).includes(n), `one of ${SPEEDS.join(', ')}`)),
  motion: z.enum(['on', 'off'], { error: 'on or off' }),
  text: z.enum(['normal', 'large'], { error: 'normal or large' }),
  hide: list(z.enum(FILTER_KEYS, { error: FILTER_KEYS.join(', ') }), FILTER_KEYS.length, 5, 'filters'),
  lesson: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'a lesson id such as vip-route (lower-case letters, digits and dashes)')),
  compare: z.literal('on', { error: '"on" (run B is then given by bwhatif, bknobs and bseed)' }),
  bwhatif: list(whatIfItem, LIMITS.whatIfs, 160, 'what-ifs'),
  bknobs: list(z.enum(['secondMux', 'icmpRedirects'], { error: 'secondMux or icmpRedirects' }), 2, 13, 'knobs'),
  bseed: whole(0, 0xffffffff, 'a whole number from 0 to 4294967295'),
  chapter: z.coerce.number({ error: 'a chapter number from 1' }).check(z.int('a whole number'), z.minimum(1, 'a chapter number from 1'), z.maximum(50, 'at most 50')),
} as const;

type ParamName = keyof typeof PARAMS;

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

