// Which drops to show at a playhead, and where: pure, so the rule is tested without a DOM.
import type { RunResult } from '../../src-engine/protocol';
import { dispositionShort } from '../../src-engine/view/index';
import type { Geometry, Rect } from '../diagram/geometry';
import type { Timeline } from '../model/timeline';
import { textWidth } from './measure';

export interface DropMarker {
  readonly key: string;
  readonly node: string;
  readonly x: number;
  readonly y: number;
  /** One short line on the diagram. */
  readonly text: string;
  /** The whole reason, for the tooltip and screen readers. */
  readonly detail: string;
  /**
   * The node's own drop, where the flow's marker falls on a node that dropped a frame of its own: its short line and
   * its whole reason, shown under the flow's (the flow's marker had hidden it).
   */
  readonly own?: { readonly text: string; readonly detail: string };
  /** The traced flow itself died here. */
  readonly flow: boolean;
  /**
   * How wide its label may grow, in diagram units, when another marker stands to its right on the same row
   * (it wraps before it), or past the stylesheet's cap (in ems) when it would else wrap down over the device below:
   * undefined when it has the row to itself and the cap holds.
   */
  readonly maxWidth: number | undefined;
  /**
   * The node's own line is cut short to one line (its whole text is the tooltip): even as wide as the drawing lets
   * it be, the marker would grow down over the names of the device below.
   */
  readonly clamp?: true;
}

/**
 * How wide a label may grow, in ems (see .drop-marker in styles.css): one with the node's own drop under the flow's
 * line takes two long lines, not four (at NCVM's four, it covered the names of the row below).
 */
const capEm = (m: Pick<DropMarker, 'own'>) => (m.own ? 34 : 21);

/** Below this, a label is let overlap its neighbour rather than become a column of single words. */
const MARKER_MIN_WIDTH = 110;


/**
 * The drops from step `since` up to the playhead: a lesson's chapter passes its first step, so a chapter
 * shows what died in it, not what an earlier chapter's packets left behind.
 */
export function dropMarkers(geo: Geometry, result: RunResult, timeline: Timeline, cursor: number, since = 0, fz = 1): DropMarker[] {
  const byNode = new Map<string, DropMarker>();
  // Just below the node, in the gap its NIC lines cross: clear of its neighbours and of the BGP label.
  const place = (node: string, key: string, text: string, detail: string, flow: boolean) => {
    const r = geo.box(node);
    if (!r) return;
    const had = byNode.get(node);
    // The flow died where the node had dropped a frame of its own: one marker, the flow's line, then the node's.
    const own = flow && had ? (had.flow ? had.own : had.text === text ? undefined : { text: had.text, detail: had.detail }) : undefined;
    byNode.set(node, { key, node, x: r.x + 4, y: r.y + r.height + 3, text, detail, flow, ...(own ? { own } : {}), maxWidth: undefined });
  };
  for (const e of result.events) {
    if (e.kind !== 'drop') continue;
    const step = timeline.stepOfEvent.get(e.id);
    if (step === undefined || step > cursor || step < since) continue;
    // The marker stands under the node: its line leaves out the summary's "BGPVM: " (the tooltip keeps it whole).
    const own = `${e.node}: `;
    place(e.node, `drop:${e.id}`, e.summary.startsWith(own) ? e.summary.slice(own.length) : e.summary, e.summary, false);
  }
  const attempts = result.attempts ?? [result.trace];
  for (const trace of [result.dnsTrace, ...attempts.flatMap((a, i) => (i > 0 && a.dns ? [a.dns, a] : [a]))]) {
    // The engine says where it died: the traced packet's last hop, or its answer's when that died on the way back.
    const died = trace?.disposition === 'delivered' ? undefined : trace?.diedAt;
    if (!trace || !died) continue;
    const step = died.transmissionId === undefined ? 0 : (timeline.stepOfTx.get(died.transmissionId) ?? 0);
    if (step > cursor || step < since) continue;
    const what = dispositionShort(trace.disposition);
    place(died.node, `flow:${trace.id}`, `${trace.id.startsWith('dns') ? 'lookup' : trace.attempt && trace.attempt > 1 ? `flow (attempt ${trace.attempt})` : 'flow'} died: ${what}`, `${what}: ${trace.reason}`, true);
  }
  return besideEachOther(geo, [...byNode.values()], fz);
}

/** The label's room around its text: padding and border (see .drop-marker in styles.css), and the ✕ and the gap after it. */
const CHROME_X = 2 * 7 + 2 * 1.5 + 4;
const CHROME_Y = 2 * 1 + 2 * 1.5;
const LINE = 1.3;

/** About where a marker's label is drawn, in flow units: as wide as its row let it be (or its text, under the cap), its lines below. */
export function markerBox(m: DropMarker, fz: number): Rect {
  const font = 12 * fz;
  const measure = (s: string) => textWidth(s, font, m.flow ? 700 : 400);
  const plain = (s: string) => textWidth(s, font, 400);
  const chrome = CHROME_X + textWidth('✕', font, 800);
  const width = Math.min(m.maxWidth ?? capEm(m) * font, chrome + Math.max(measure(m.text), m.own ? plain(m.own.text) : 0) + 2);
  const lines = lineCount(m.text, width - chrome, measure) + (m.own ? (m.clamp ? 1 : lineCount(m.own.text, width - chrome, plain)) : 0);
  return { x: m.x, y: m.y, width, height: CHROME_Y + lines * LINE * font };
}

/** How many lines `text` takes in a column `width` wide, wrapped at spaces (a word wider than the column breaks anywhere). */
export function lineCount(text: string, width: number, measure: (s: string) => number): number {
  let lines = 1;
  let line = 0;
  const space = measure(' ');
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = measure(word);
    if (line > 0 && line + space + w <= width) line += space + w;
    else {
      if (line > 0) lines++;
      lines += Math.max(0, Math.ceil(w / width) - 1);
      line = w > width ? w % width : w;
    }
  }
  return lines;
}

/**
 * Markers on one row, left to right: each label wraps before the next marker (`maxWidth`), unless wrapped so it would
 * grow down into the device below it (the row in front, whose names it covered); then it takes the width that keeps
 * it above that device, and the next marker moves right to make room, still under its own device.
 */
function besideEachOther(geo: Geometry, markers: DropMarker[], fz: number): DropMarker[] {
  const font = 12 * fz;
  const out = new Map<string, DropMarker>();
  const rows: DropMarker[][] = [];
  for (const m of [...markers].sort((a, b) => a.x - b.x)) {
    const row = rows.find((r) => Math.abs(r[0]!.y - m.y) < 48);
    if (row) row.push(m);
    else rows.push([m]);
  }
  const bounds = geo.bounds;
  for (const row of rows) {
    const xs = row.map((m) => m.x);
    row.forEach((m, i) => {
      const x = xs[i]!;
      const weight = m.flow ? 700 : 400;
      const measure = (s: string) => textWidth(s, font, weight);
      const plain = (s: string) => textWidth(s, font, 400);
      const chrome = CHROME_X + textWidth('✕', font, 800);
      const natural = chrome + Math.max(measure(m.text), m.own ? plain(m.own.text) : 0) + 2;
      const next = row[i + 1];
      const room = next ? xs[i + 1]! - x - 6 : Infinity;
      const edge = bounds ? bounds.x + bounds.width - x - 4 : Infinity;
      // The devices under the label, whose top it must stay above.
      const below = (w: number) => geo.devices().filter((d) => d.y >= m.y - 1 && d.x < x + w && x < d.x + d.width);
      const fits = (w: number, clamp = false) => {
        const top = Math.min(Infinity, ...below(w).map((d) => d.y));
        const lines = lineCount(m.text, w - chrome, measure) + (m.own ? (clamp ? 1 : lineCount(m.own.text, w - chrome, plain)) : 0);
        return CHROME_Y + lines * LINE * font <= top - m.y - 2;
      };
      // The stylesheet's cap (in ems) holds, unless the label would then wrap down over the device below.
      const capW = capEm(m) * font;
      let width = Math.max(MARKER_MIN_WIDTH, Math.min(room, edge, capW));
      if (natural <= Math.min(room, edge, capW)) width = natural;
      let clamp = false;
      if (!fits(width)) {
        // Wider, up to its natural width, as far as the drawing's edge (past the cap): each step right of the next
        // marker moves that one right, but it stays under its own device (its ✕ inside it).
        const widest = Math.min(natural, edge);
        let found = false;
        for (let w = Math.min(width + 8, widest); w <= widest; w = w < widest ? Math.min(w + 8, widest) : Infinity) {
          if (!fits(w)) continue;
          const own = next ? geo.box(next.node) : undefined;
          if (next && own && x + w + 6 > own.x + own.width - 28) break;
          if (next) xs[i + 1] = Math.max(xs[i + 1]!, x + w + 6);
          width = w;
          found = true;
          break;
        }
        // No width keeps it above: the node's own line is cut short to one, at the width it had.
        if (!found && m.own && fits(width, true)) clamp = true;
      }
      out.set(m.key, { ...m, x, maxWidth: next || width < natural || width > capW ? Math.ceil(width) : undefined, ...(clamp ? { clamp: true as const } : {}) });
    });
  }
  return markers.map((m) => out.get(m.key) ?? m);
}
