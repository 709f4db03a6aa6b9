// How the sequence diagram names a frame: the token's short label, and for VXLAN the tunnel's provider
// addresses and VNI, read from the decoded frame (never from its summary text).
import type { Transmission } from '../../src-engine/protocol';
import { frameTokenLabel } from '../../src-engine/view/index';
import { decodeTx } from '../inspector/useCurrentPacket';
import type { FrameLook } from './sequenceModel';

export function frameLook(tx: Transmission): FrameLook {
  const layers = decodeTx(tx)?.layers ?? [];
  const label = frameTokenLabel(layers);
  const vx = layers.findIndex((l) => l.type === 'vxlan');
  if (vx < 0) return { label };
  const outer = layers.slice(0, vx).reverse().find((l) => l.type === 'ipv4');
  const vxlan = layers[vx];
  if (outer?.type !== 'ipv4' || vxlan?.type !== 'vxlan') return { label };
  return { label: `VXLAN ${label}`, tunnel: { src: outer.src, dst: outer.dst, vni: vxlan.vni } };
}
