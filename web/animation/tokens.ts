// What the token layer draws for a step: one token per frame, with its path, label and look.
import type { Protocol } from '../../src-engine/protocol';
import { inUserFlow, viewFrame } from '../../src-engine/view/index';
import type { Geometry } from '../diagram/geometry';
import type { Timeline } from '../model/timeline';
import { tokenIds } from './tokenIds';
import { entryX, transmissionPath, type TokenPath } from './tokenPath';

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
}

export function stepTokens(geo: Geometry, timeline: Timeline, stepIndex: number): Token[] {
  const step = timeline.steps[stepIndex];
  if (!step) return [];
  const out: Token[] = [];
  const lanes = new Map<string, number>();
  for (const id of tokenIds(step.txIds, (t) => { const x = timeline.tx.get(t); return x !== undefined && inUserFlow(x); })) {
    const tx = timeline.tx.get(id);
    if (!tx) continue;
    const entry = tx.fromNode === geo.switchId ? entryX(geo, timeline, id) : undefined;
    const path = transmissionPath(geo, tx, entry);
    if (!path) continue;
    const view = viewFrame(tx.bytes);
    const key = `${path.anchor} ${path.points.map((p) => `${p.x},${p.y}`).join(' ')}`;
    const lane = lanes.get(key) ?? 0;
    lanes.set(key, lane + 1);
    out.push({ txId: id, path, label: view.tokenLabel, protocol: tx.protocol, ...(view.vni !== undefined ? { vni: view.vni } : {}), ...(view.ttl !== undefined ? { ttl: view.ttl } : {}), inFlow: inUserFlow(tx), lane });
  }
  return sideBySide(out);
}

/** Pairs the tokens that share a path: the first two beside each other, then a row further out per pair. */
function sideBySide(tokens: Token[]): Token[] {
  const key = (t: Token) => `${t.path.anchor} ${t.path.points.map((p) => `${p.x},${p.y}`).join(' ')}`;
  const byKey = new Map<string, number>();
  for (const t of tokens) byKey.set(key(t), (byKey.get(key(t)) ?? 0) + 1);
  return tokens.map((t) => ((byKey.get(key(t)) ?? 1) > 1 ? { ...t, side: t.lane % 2 === 0 ? 'left' : 'right', lane: Math.floor(t.lane / 2) } : t));
}
