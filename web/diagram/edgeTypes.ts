import { BgpEdge } from './BgpEdge';
import { BusEdge } from './BusEdge';

export const edgeTypes = { bus: BusEdge, bgp: BgpEdge };
