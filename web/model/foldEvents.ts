// Rows of the event list, with what a reader should not have to scroll through folded into one row
// each: runs of background events (those a lesson's chapter is not about) and long repetitions (a
// routing loop's round trips, frame after frame the same but for the TTL). Folded rows open in one click.
import type { SimEvent } from '../../src-engine/protocol';
import { viewFrame } from '../../src-engine/view/frame';
import { eventSignature } from '../../src-engine/view/events';

export type EventRow =
  | { readonly kind: 'event'; readonly event: SimEvent }
  | { readonly kind: 'background'; readonly key: string; readonly events: readonly SimEvent[] }
  | { readonly kind: 'repeat'; readonly key: string; readonly events: readonly SimEvent[]; readonly period: number; readonly times: number };

/** How many identical rounds in a row make a repetition worth folding. */
export const MIN_REPEATS = 3;
const MAX_PERIOD = 8;


export function foldEvents(events: readonly SimEvent[], isBackground: (e: SimEvent) => boolean = () => false): EventRow[] {
  const rows: EventRow[] = [];
  const sig = events.map(eventSignature);
  let background: SimEvent[] = [];
  const flush = () => {
    if (background.length === 0) return;
    rows.push({ kind: 'background', key: `bg-${background[0]!.id}`, events: background });
    background = [];
  };
  let i = 0;
  while (i < events.length) {
    const repeat = repetitionAt(sig, i);
    if (repeat) {
      flush();
      const n = repeat.period * repeat.times;
      rows.push({ kind: 'repeat', key: `rep-${events[i]!.id}`, events: events.slice(i, i + n), period: repeat.period, times: repeat.times });
      i += n;
      continue;
    }
    const e = events[i]!;
    if (isBackground(e)) background.push(e);
    else {
      flush();
      rows.push({ kind: 'event', event: e });
    }
    i++;
  }
  flush();
  return rows;
}

/** The shortest period whose block repeats at least MIN_REPEATS times from `i`, and how often. */
function repetitionAt(sig: readonly string[], i: number): { readonly period: number; readonly times: number } | undefined {
  for (let p = 1; p <= MAX_PERIOD && i + p * MIN_REPEATS <= sig.length; p++) {
    let times = 1;
    while (i + (times + 1) * p <= sig.length && sameBlock(sig, i, i + times * p, p)) times++;
    if (times >= MIN_REPEATS) return { period: p, times };
  }
  return undefined;
}

function sameBlock(sig: readonly string[], a: number, b: number, p: number): boolean {
  for (let k = 0; k < p; k++) if (sig[a + k] !== sig[b + k]) return false;
  return true;
}

/** "TTL 126 → 2": the first and last TTL of the frames a repetition's events sent, read from their IPv4 headers. */
export function ttlRange(events: readonly SimEvent[], txOf: (id: number) => { readonly bytes: Uint8Array } | undefined): string | undefined {
  const ttls = events.flatMap((e) => {
    const tx = e.kind === 'transmission' ? txOf(e.transmissionId) : undefined;
    const ttl = tx ? viewFrame(tx.bytes).ttl : undefined;
    return ttl === undefined ? [] : [ttl];
  });
  return ttls.length > 1 ? `TTL ${ttls[0]} → ${ttls[ttls.length - 1]}` : undefined;
}
