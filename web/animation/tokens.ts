// What the token layer draws for a step: one token per frame, with its path, label and look.
import type { Protocol } from '../../src-engine/protocol';
import { inUserFlow, viewFrame } from '../../src-engine/view/index';
import type { Geometry } from '../diagram/geometry';
import type { Timeline } from '../model/timeline';
import { tokenIds } from './tokenIds';
import { entryX, length, NODE_CLEAR, pointAlong, transmissionPath, type TokenPath } from './tokenPath';

export interface Token {
  readonly txId: number;
  readonly path: TokenPath;
  readonly label: string;
  readonly protocol: Protocol;
  /** Set for a VXLAN frame: drawn as an envelope around the inner token. */
  readonly vni?: number;
  /** The (inner) packet's TTL, shown on the token so a loop is seen counting down. */
  readonly ttl?: number;
  readonly inFlow: boolean;
  /**
   * Tokens on the same path in one step never cover each other: two sit side by side (left and right of
   * the line); more queue up in rows, each a token further out.
   */
  readonly lane: number;
  readonly side?: 'left' | 'right';
  /** The frames (this one first) that rest here under this token's label, which counts them: set when more than one. */
  readonly alike?: readonly number[];
  /** Its label is another token's (see `alike`): it glides, but rests unlabelled. */
  readonly merged?: boolean;
  /** How far its resting label is moved sideways (flow units), to keep inside the drawing and off the devices (see placeRests). */
  readonly shift?: number;
  /** How far its resting label is moved down (up when negative), flow units: onto the switch's bar (see placeRests). */
  readonly lift?: number;
  /** Its resting label sets its TTL on a second line: a row of labels wider than the diagram's area (see placeRests). */
  readonly wrap?: boolean;
  /** The path's length, in flow units. */
  readonly length: number;
  /** How far the step's glide has gone when this token leaves (see glideSchedule). */
  readonly start: number;
}

/**
 * Gliding tokens are beads on the wires, and frames that leave one place together leave it in single file,
 * this far apart: at one speed along the same line they never cover each other, and one turning off onto
 * its drop is still this far (over the square root of two) from the next. Their labels wait until they rest.
 */
export const GLIDE_GAP = 30;

/** The distance the step's glide covers: the last token's departure plus its path. */
export function glideSpan(tokens: readonly Token[]): number {
  return tokens.reduce((m, t) => Math.max(m, t.start + t.length), 0);
}

/**
 * Where a token is when the step's glide is at `p` (0..1) of `span`: undefined while it is not drawn (before
 * it leaves, within NODE_CLEAR of a device's edge, and once there until the whole step has arrived).
 */
export function glideDistance(t: Token, p: number, span: number): number | undefined {
  if (p >= 1) return t.length;
  const d = p * span - t.start;
  const from = t.path.fromNode ? NODE_CLEAR : 0;
  const to = t.length - (t.path.toNode ? NODE_CLEAR : 0);
  return d < from || (d === 0 && t.start > 0) || d >= to ? undefined : d;
}

export function stepTokens(geo: Geometry, timeline: Timeline, stepIndex: number): Token[] {
  const step = timeline.steps[stepIndex];
  if (!step) return [];
  const out: Token[] = [];
  for (const id of tokenIds(step.txIds, (t) => { const x = timeline.tx.get(t); return x !== undefined && inUserFlow(x); })) {
    const tx = timeline.tx.get(id);
    if (!tx) continue;
    const entry = tx.fromNode === geo.switchId ? entryX(geo, timeline, id) : undefined;
    const path = transmissionPath(geo, tx, entry);
    if (!path) continue;
    const view = viewFrame(tx.bytes);
    out.push({ txId: id, path, label: view.tokenLabel, protocol: tx.protocol, ...(view.vni !== undefined ? { vni: view.vni } : {}), ...(view.ttl !== undefined ? { ttl: view.ttl } : {}), inFlow: inUserFlow(tx), lane: 0, length: length(path.points), start: 0 });
  }
  return glideSchedule(sideBySide(mergeAlike(out)));
}

/**
 * Frames that rest at one point and look alike (with two MUXes, both MUXes' ARP requests reach every port) rest
 * under one label that counts them ("ARP who-has ×2"): each still glides along its own path.
 */
export function mergeAlike(tokens: readonly Token[]): Token[] {
  const look = (t: Token) => `${restKey(t.path)}|${t.label}|${t.ttl}|${t.vni}|${t.protocol}|${t.inFlow}|${t.path.lost}`;
  const alike = new Map<string, number[]>();
  for (const t of tokens) alike.set(look(t), [...(alike.get(look(t)) ?? []), t.txId]);
  return tokens.map((t) => {
    const ids = alike.get(look(t))!;
    if (ids.length === 1) return t;
    return ids[0] === t.txId ? { ...t, alike: ids } : { ...t, merged: true };
  });
}

/** Tokens leaving from one point leave one after another, the nearest destination first. */
export function glideSchedule(tokens: readonly Token[]): Token[] {
  const from = (t: Token) => `${Math.round(t.path.points[0]?.x ?? 0)},${Math.round(t.path.points[0]?.y ?? 0)}`;
  const groups = new Map<string, Token[]>();
  for (const t of tokens) groups.set(from(t), [...(groups.get(from(t)) ?? []), t]);
  const start = new Map<number, number>();
  for (const group of groups.values()) [...group].sort((a, b) => a.length - b.length || a.txId - b.txId).forEach((t, i) => start.set(t.txId, i * GLIDE_GAP));
  return tokens.map((t) => ({ ...t, start: start.get(t.txId) ?? 0 }));
}

/**
 * Where a token's label rests: its path's end and the side it hangs on. Two frames reaching one NIC from different
 * ports (both MUXes' SYNs to BGPVM) take different paths to the same rest.
 */
export function restKey(path: TokenPath): string {
  const end = path.points[path.points.length - 1];
  return `${path.anchor} ${end?.x ?? 0},${end?.y ?? 0}`;
}

/**
 * Pairs the labels that rest at one point (a merged token's label is its first alike's): the first two beside each
 * other, then a row further out per pair.
 */
function sideBySide(tokens: Token[]): Token[] {
  const key = (t: Token) => restKey(t.path);
  const byKey = new Map<string, number>();
  for (const t of tokens) if (!t.merged) byKey.set(key(t), (byKey.get(key(t)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return tokens.map((t) => {
    if (t.merged || (byKey.get(key(t)) ?? 1) === 1) return t;
    const n = seen.get(key(t)) ?? 0;
    seen.set(key(t), n + 1);
    return { ...t, side: n % 2 === 0 ? 'left' : 'right', lane: Math.floor(n / 2) };
  });
}

/** One keyframe of a token's glide: at `offset` (0..1) of the glide's time, at (x, y), drawn or not. */
export interface GlideKey {
  readonly offset: number;
  readonly x: number;
  readonly y: number;
  readonly shown: boolean;
}

/** The fraction of time at which `ease` (increasing, 0 to 1) reaches progress `p`. */
function easeInverse(ease: (t: number) => number, p: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (ease(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * A token's glide as keyframes over the glide's time, for the browser to play (linear between keyframes):
 * where `glideDistance` puts it under `ease`, sampled `samples` times, exactly at its path's corners, and
 * shown or hidden exactly where it leaves a device's edge and reaches the next (two keyframes at one
 * offset: a cut, no fade). At the end it is as just before its arrival: the page shows it arrived once the
 * whole step has.
 */
export function glideKeyframes(t: Token, span: number, ease: (t: number) => number, samples = 30): GlideKey[] {
  const onPath = (p: number) => Math.min(t.length, Math.max(0, p * span - t.start));
  const shownAt = (p: number) => glideDistance(t, Math.min(p, 1 - 1e-9), span) !== undefined;
  const key = (offset: number, shown: boolean): GlideKey => {
    const pt = pointAlong(t.path.points, onPath(ease(offset)));
    return { offset, x: pt.x, y: pt.y, shown };
  };
  const timeAt = (d: number) => (span > 0 ? easeInverse(ease, (d + t.start) / span) : 0);
  const times = new Set<number>();
  for (let i = 0; i <= samples; i++) times.add(i / samples);
  // The corners, where the path turns.
  let along = 0;
  for (let i = 1; i < t.path.points.length - 1; i++) {
    along += Math.hypot(t.path.points[i]!.x - t.path.points[i - 1]!.x, t.path.points[i]!.y - t.path.points[i - 1]!.y);
    times.add(timeAt(along));
  }
  // Where it shows and where it hides.
  const cuts = [t.path.fromNode ? NODE_CLEAR : 0, t.length - (t.path.toNode ? NODE_CLEAR : 0)].map(timeAt).filter((x) => x > 0 && x < 1);
  for (const c of cuts) times.delete(c);
  const keys: GlideKey[] = [];
  const cutSet = new Set(cuts);
  for (const offset of [...times, ...cuts].sort((a, b) => a - b)) {
    if (offset < 0 || offset > 1) continue;
    if (cutSet.has(offset)) {
      const eps = 1e-6;
      keys.push(key(offset, shownAt(ease(Math.max(0, offset - eps)))), key(offset, shownAt(ease(Math.min(1, offset + eps)))));
    } else keys.push(key(offset, shownAt(ease(offset))));
  }
  return keys;
}
