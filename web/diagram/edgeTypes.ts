import { BgpEdge } from './BgpEdge';
import { BusEdge } from './BusEdge';
import { TieEdge } from './TieEdge';
import { TunnelEdge } from './TunnelEdge';

export const edgeTypes = { bus: BusEdge, bgp: BgpEdge, tunnel: TunnelEdge, tie: TieEdge };
