// What the token layer draws for a step: one token per frame, with its path, label and look.
import type { Protocol } from '../../src-engine/protocol';
import { viewFrame } from '../../src-engine/view/index';
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
}

export function stepTokens(geo: Geometry, timeline: Timeline, stepIndex: number): Token[] {
  const step = timeline.steps[stepIndex];
  if (!step) return [];
  const out: Token[] = [];
  for (const id of tokenIds(step.txIds, (t) => timeline.tx.get(t)?.flowId !== undefined)) {
    const tx = timeline.tx.get(id);
    if (!tx) continue;
    const entry = tx.fromNode === geo.switchId ? entryX(geo, timeline, id) : undefined;
    const path = transmissionPath(geo, tx, entry);
    if (!path) continue;
    const view = viewFrame(tx.bytes);
    out.push({ txId: id, path, label: view.tokenLabel, protocol: tx.protocol, ...(view.vni !== undefined ? { vni: view.vni } : {}), ...(view.ttl !== undefined ? { ttl: view.ttl } : {}), inFlow: tx.flowId !== undefined });
  }
  return out;
}
