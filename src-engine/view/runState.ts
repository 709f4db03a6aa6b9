// The state of the network at a simulated time of a run, replayed from its events: is a node up, what
// state is a BGP session in. The engine's `tables` and the page's diagram both ask here.
import type { BgpState, SimEvent, SimTime } from '../protocol';
import type { Topology } from '../topology/schema';

interface Change<T> {
  readonly time: SimTime;
  /** Position in the run's event list: breaks ties between changes at one time. */
  readonly order: number;
  readonly value: T;
}

/**
 * A run's state changes, indexed so asking about one node or one session at one time reads only its own:
 * `up` by node, `bgp` by speaker and the peer address it names (`sessionKey`), since a speaker may have several
 * sessions (BGPVM with MuxVM and with MuxVM2, both in one AS).
 */
export interface RunStateIndex {
  readonly up: ReadonlyMap<string, readonly Change<boolean>[]>;
  readonly bgp: ReadonlyMap<string, readonly Change<BgpState>[]>;
}

/** One side of a BGP session: the speaker and the peer address it is configured with. */
const sessionKey = (node: string, peer: string): string => `${node} ${peer}`;

function push<T>(map: Map<string, Change<T>[]>, key: string, change: Change<T>): void {
  const list = map.get(key);
  if (list) list.push(change);
  else map.set(key, [change]);
}

const indexCache = new WeakMap<readonly SimEvent[], RunStateIndex>();

/** Indexes a run's events (in time order, as a run lists them); cached per events array. */
export function indexRunState(events: readonly SimEvent[]): RunStateIndex {
  const known = indexCache.get(events);
  if (known) return known;
  const up = new Map<string, Change<boolean>[]>();
  const bgp = new Map<string, Change<BgpState>[]>();
  events.forEach((e, order) => {
    if (e.kind === 'node-failed' || e.kind === 'node-restored') push(up, e.node, { time: e.time, order, value: e.kind === 'node-restored' });
    else if (e.kind === 'bgp-state') push(bgp, sessionKey(e.node, e.peer), { time: e.time, order, value: e.state });
  });
  const index = { up, bgp };
  indexCache.set(events, index);
  return index;
}

/** The latest change at or before `time`, if any. */
function latest<T>(changes: readonly Change<T>[] | undefined, time: SimTime): Change<T> | undefined {
  let found: Change<T> | undefined;
  for (const c of changes ?? []) {
    if (c.time > time) break;
    found = c;
  }
  return found;
}

/** Is a node up at `time`? Up until a what-if fails it, again once one restores it. */
export function isNodeUpAt(events: readonly SimEvent[], node: string, time: SimTime): boolean {
  return latest(indexRunState(events).up.get(node), time)?.value ?? true;
}

/** The topology's parts that say who peers with whom: speakers' peer addresses and the nodes that own them. */
export type BgpPeering = Pick<Topology, 'nodes' | 'bgp'>;

/** The address `from`'s BGP speaker is configured to peer with that is one of `to`'s interfaces; undefined if none. */
function peerAddress(t: BgpPeering, from: string, to: string): string | undefined {
  const owned = new Set(t.nodes.find((n) => n.id === to)?.interfaces.map((f) => f.address.split('/')[0]));
  return t.bgp?.speakers.find((s) => s.node === from)?.peers.find((p) => owned.has(p.address))?.address;
}

/**
 * The BGP session between two speakers at `time`: the state of the latest change either side of that session
 * recorded (an FSM state name, "Established" when it is up); undefined before the session's first change, and
 * for two nodes that do not peer in `t`. Only the two sides' changes about each other count: BGPVM's session
 * with MuxVM2 going Idle says nothing of its session with MuxVM.
 */
export function bgpStateAt(events: readonly SimEvent[], t: BgpPeering, a: string, b: string, time: SimTime): BgpState | undefined {
  const index = indexRunState(events);
  const side = (from: string, to: string) => {
    const peer = peerAddress(t, from, to);
    return peer === undefined ? undefined : latest(index.bgp.get(sessionKey(from, peer)), time);
  };
  const x = side(a, b);
  const y = side(b, a);
  if (!x || !y) return (x ?? y)?.value;
  return y.order > x.order ? y.value : x.value;
}

/** An established BGP session carries routes; every other state means the peers exchange none. */
export const isBgpUp = (state: BgpState | undefined): boolean => state === 'Established';
