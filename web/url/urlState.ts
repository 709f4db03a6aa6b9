// The view a link reopens: scenario, flow (from, to, seed, what-ifs, knobs), playhead step and a few
// settings, and the link written for a view. Reading a link is in urlParse.ts (with zod, loaded only
// when there is a link to read).
import type { Knobs, MtuWhatIf, WhatIf } from '../../src-engine/protocol';
import type { FilterKey } from '../../src-engine/view/index';

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

export interface ParsedUrl {
  readonly state: UrlState;
  /** One sentence per rejected parameter: which, what it held, what it should hold, what was used instead. */
  readonly errors: readonly string[];
}

/** The longest query a link may have (64 what-ifs fit several times over); a longer one is not read at all. */
export const MAX_SEARCH_LENGTH = 16_384;

/** Reads a link's parameters; the reader (and zod) load only when there are some. */
export async function readLink(search: string): Promise<ParsedUrl> {
  if (new URLSearchParams(search).size === 0) return { state: {}, errors: [] };
  const { parseUrlState } = await import('./urlParse');
  return parseUrlState(search);
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
