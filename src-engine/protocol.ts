// The engine's public API and the data it hands out: the worker exposes `EngineApi` (a run's frames and
// events as columns, `WorkerEngineApi`), the page imports these types only. Everything here is plain, structured-cloneable data.
// Expected failures come back as values (`Result`), never as errors thrown across the worker boundary.
import type { LessonSummary, ResolvedLesson } from './lessons/model';
import type { Layer } from './packets/layers';
import type { Topology } from './topology/schema';
import type { Disposition } from './view/dispositions';
import type { Protocol } from './view/protocols';
import type { InterfaceId, NodeId, PortId } from './view/ids';
import type { Provenance } from './view/provenance';
import type { ErrorCode } from './view/errors';
import type { RunWire } from './view/runLog';
import type { SnapshotWire } from './view/snapshotWire';

export type { Disposition, ErrorCode, InterfaceId, NodeId, PortId, Protocol };

/** Simulated time in microseconds since the start of the run. Only the UI maps it to wall time. */
export type SimTime = number;

export type Result<T, E = EngineError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export interface EngineError {
  /** Stable code, listed with its message in `view/errors.ts`. */
  readonly code: ErrorCode;
  /** What is wrong and how to fix it, for a person. */
  readonly message: string;
  /** Where in the input document, e.g. "nodes[3].interfaces[0].address". */
  readonly path?: string;
}

/** What the page needs to draw the network: the validated topology plus a layout. */
export interface TopologySnapshot {
  readonly topology: Topology;
  readonly layout: TopologyLayout;
}

export interface LayoutBox {
  readonly id: string;
  /**
   * 'port': a NIC drawn in the network it belongs to when that is not its device's home network
   * (MuxVM's PA NIC in the PA network, BGPVM's transit arm, the host's PA), so each address sits where it lives.
   * 'vfp': the Virtual Filtering Platform's place on the switch, where the VXLAN tunnel ends.
   */
  readonly kind: 'host' | 'switch' | 'network' | 'node' | 'port' | 'vfp';
  /** Box that contains this one (React Flow's parentId); position is relative to it. */
  readonly parent?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** For a port: the node that owns the NIC, and the NIC's interface id. */
  readonly owner?: string;
  readonly interface?: string;
  /** For a network below the switch: its title band is at its bottom (away from the wires), not its top. */
  readonly titleAt?: 'bottom';
  /**
   * For a network whose title would reach past where the BGP speakers' arcs rise through its title band: the title
   * wraps within this width (layout units from the box's left), its VLAN on a line of its own.
   */
  readonly titleWidth?: number;
}

export interface LayoutEdge {
  readonly id: string;
  /**
   * 'nic': a NIC's drop to the switch (from its node, or from its port box). 'bgp': a BGP session.
   * 'tunnel': the VXLAN tunnel from a MUX's PA to a host's PA. 'vfp': a host PA into VFP on the switch.
   * 'announce': a VIP to a MUX that announces it. 'dip': a VIP to a DIP behind it.
   */
  readonly kind: 'nic' | 'bgp' | 'tunnel' | 'vfp' | 'announce' | 'dip';
  readonly source: string;
  readonly target: string;
  /** Node interface id for NIC edges. */
  readonly interface?: string;
  /** For a NIC drawn as a port box: the node that owns it (the edge's source is the port box). */
  readonly owner?: string;
  readonly label?: string;
  /** For a tunnel: the VXLAN network identifier its frames carry. */
  readonly vni?: number;
}

export interface TopologyLayout {
  readonly boxes: readonly LayoutBox[];
  readonly edges: readonly LayoutEdge[];
}


export interface RunRequest {
  /** Source node id, e.g. "ClientVM". */
  readonly from: string;
  /** A node name, a URL (https://portal.azurestack.local) or an IPv4 address. */
  readonly to: string;
  readonly seed?: number;
  /** What-ifs at chosen simulated times, in order. */
  readonly whatIf?: readonly WhatIf[];
  readonly knobs?: Partial<Knobs>;
  /**
   * When to start the flow, once per attempt, in order (e.g. [5 s, 200 s]: one attempt while BGPVM
   * still holds a dead MUX's route, one after its hold timer expired). Default: one attempt once the
   * what-ifs have taken effect, or two around the hold time when a BGP speaker fails.
   */
  readonly flowAt?: readonly SimTime[];
  /**
   * Networks whose MTU differs from their document's for this run (e.g. the PA network at 1500). With any,
   * the client pads its ClientHello to a full segment, so that a full-size packet takes the MUX's VXLAN leg.
   */
  readonly mtu?: readonly MtuWhatIf[];
}

/** A network's MTU for one run: the largest IPv4 packet it carries, in bytes. */
export interface MtuWhatIf {
  /** A network id of the topology, e.g. "pa". */
  readonly network: string;
  readonly mtu: number;
}

export interface Knobs {
  readonly secondMux: boolean;
  /** A second portal DIP (PortalVM2) behind the portal rule: no source has one in TP1, so it is a what-if. */
  readonly secondDip: boolean;
  readonly icmpRedirects: boolean;
}

export interface WhatIf {
  readonly action: 'fail' | 'restore';
  /** A node id, or a link as "NodeId:interfaceId". */
  readonly target: string;
  readonly at: SimTime;
}

/** One frame crossing one link: the unit the UI animates and the event list lists. */
export interface Transmission {
  readonly id: number;
  readonly time: SimTime;
  readonly arrive: SimTime;
  readonly fromNode: NodeId;
  readonly fromInterface: string;
  /** Undefined when the frame went nowhere (the receiving node is down, no port). */
  readonly toNode?: NodeId;
  readonly toInterface?: string;
  readonly protocol: Protocol;
  readonly summary: string;
  /** The frame's bytes, as sent. */
  readonly bytes: Uint8Array;
  /** Id of the flow (trace) this frame belongs to, if any. */
  readonly flowId?: string;
  /** What the sending device did and why, in a sentence (also the pcapng packet comment). */
  readonly note?: string;
}

export type HopStep =
  | { readonly kind: 'received'; readonly interface: string; readonly text: string }
  | { readonly kind: 'arp'; readonly target: string; readonly mac?: string; readonly outcome: 'cached' | 'resolved' | 'failed'; readonly text: string }
  | {
      readonly kind: 'route';
      readonly prefix: string;
      readonly nextHop?: string;
      readonly interface: string;
      /** Where the route came from; 'redirect' is a host route installed by an ICMP redirect. */
      readonly source: 'connected' | 'static' | 'bgp' | 'redirect' | 'default';
      readonly from?: string;
      readonly text: string;
    }
  | { readonly kind: 'rewrite'; readonly by: 'vfp' | 'nat' | 'mux'; readonly field: string; readonly before: string; readonly after: string; readonly rule?: string; readonly text: string }
  | { readonly kind: 'load-balance'; readonly rule: string; readonly vip: string; readonly dip: string; readonly hash: number; readonly text: string }
  | { readonly kind: 'encapsulate'; readonly vni: number; readonly outerSrc: string; readonly outerDst: string; readonly text: string }
  | { readonly kind: 'decapsulate'; readonly vni: number; readonly text: string }
  /** The port the switch sent the frame out of, or 'flood' when it sent it to every port of the VLAN. */
  | { readonly kind: 'switch'; readonly vlan?: number; readonly port: PortId | 'flood'; readonly text: string }
  | { readonly kind: 'ttl'; readonly before: number; readonly after: number; readonly text: string }
  | { readonly kind: 'sent'; readonly interface: string; readonly text: string }
  | { readonly kind: 'delivered'; readonly text: string }
  | { readonly kind: 'dropped'; readonly reason: string; readonly text: string };

export interface Hop {
  readonly node: NodeId;
  readonly interface: string;
  readonly time: SimTime;
  readonly steps: readonly HopStep[];
  /** The packet's layers as it leaves this hop (as it arrived, at the last hop). */
  readonly layers: readonly Layer[];
  /** The transmission that carried it out of (or into, at the last hop) this node. */
  readonly transmissionId?: number;
  /** Plain-language reason for this hop: why this next hop, which route, rule or hash decided. */
  readonly why: string;
}


export interface FlowTrace {
  /** The flow id its transmissions carry ('flow', 'flow-2', ... one per attempt; 'dns', 'dns-2' for lookups). */
  readonly id: string;
  readonly description: string;
  readonly disposition: Disposition;
  readonly reason: string;
  readonly hops: readonly Hop[];
  readonly returnHops: readonly Hop[];
  /** When this attempt started (the DNS lookup, or the first packet when no lookup was needed). */
  readonly startedAt?: SimTime;
  /** 1-based attempt number, when the run made several attempts of the flow. */
  readonly attempt?: number;
  /** The DNS lookup this attempt made; absent when the name was already in the resolver's cache. */
  readonly dns?: FlowTrace;
  /** For a TCP flow: what became of the connection (its SYNs, and how it ended). */
  readonly connection?: ConnectionOutcome;
  /**
   * For an HTTPS flow whose connection came up: the ClientHello's hops (client to server, through the MUX and
   * VXLAN) and, as its return hops, those of the first segment of the server's first flight (Direct Server Return).
   */
  readonly tls?: FlowTrace;
  /**
   * Set when the attempt died in a black hole: a router still held a BGP route towards a peer that
   * is down, because its hold timer had not expired yet.
   */
  readonly blackHole?: BlackHole;
  /** Where the flow died, when it was not delivered and any packet of it moved (the diagram's drop marker stands there). */
  readonly diedAt?: DiedAt;
}

/** Where a flow died: the traced packet at its last hop, or, when it arrived but its answer died, the answer at its last. */
export interface DiedAt {
  readonly node: NodeId;
  /** 'forward': the traced packet died (`hops`); 'return': it arrived, and its answer died on the way back (`returnHops`). */
  readonly leg: 'forward' | 'return';
  /** Which hop of that leg: its last. */
  readonly hop: number;
  /**
   * The last transmission before it died, which places it in time: the one into that node, or, for an answer that
   * never left the node that made it, the one that brought the packet it answered. Absent when none moved.
   */
  readonly transmissionId?: number;
}

export interface ConnectionOutcome {
  /** 'established': SYN-ACK received; 'gave-up': every SYN unanswered; 'refused': RST; 'unreachable': no route, no SYN sent; 'pending': the run ended first. */
  readonly outcome: 'established' | 'gave-up' | 'refused' | 'unreachable' | 'pending';
  /** When each SYN left the client: the first, then each retransmission. */
  readonly synTimes: readonly SimTime[];
  readonly endedAt?: SimTime;
  /** Once established: how the connection ended ('fin': closed by both sides; 'gave-up': data never acknowledged; 'reset'). */
  readonly closed?: 'fin' | 'gave-up' | 'reset';
  readonly closedAt?: SimTime;
}

export interface BlackHole {
  /** The router that forwarded into the void, e.g. BGPVM. */
  readonly router: string;
  /** Its BGP peer that is down, e.g. MuxVM, and its address. */
  readonly peer: string;
  readonly peerAddress: string;
  readonly prefix: string;
  /** Seconds of silence after which the router gives up on the peer. */
  readonly holdTime: number;
  /**
   * When the router removed the route (hold timer or TCP giving up), if within the run; else when it will, hearing
   * nothing more from the peer (`runEndedAt` then says when the run ended, before it).
   */
  readonly routeRemovedAt: SimTime;
  readonly removedBy: 'hold-timer-expired' | 'tcp-gave-up' | 'other';
  /** Set when the route outlived the run: the run's end. */
  readonly runEndedAt?: SimTime;
  /**
   * Set when the router itself ended the packet: it no longer had the dead peer's MAC (its ARP entry had aged
   * out after `reachableTime` µs) and no ARP request was answered.
   */
  readonly noArpAnswer?: { readonly reachableTime: SimTime };
}

export type BgpDownCause = 'hold-timer-expired' | 'notification-received' | 'bad-peer-as' | 'fsm-error' | 'tcp-gave-up' | 'tcp-reset' | 'tcp-closed' | 'replaced' | 'restart';

/** A BGP session's state in the RFC 4271 finite-state machine (section 8.2.2). */
export type BgpState = 'Idle' | 'Connect' | 'Active' | 'OpenSent' | 'OpenConfirm' | 'Established';

/** Why a device dropped a frame or packet: the data behind a 'drop' event. */
export type DropReason =
  | 'no-route'
  | 'ttl-exceeded'
  | 'node-down'
  | 'link-down'
  /** ARP for the next hop went unanswered. */
  | 'neighbor-unreachable'
  /** The MUX or VFP has no load-balancing rule (or policy) for the packet. */
  | 'no-rule'
  /** The MUX has a rule, but the SLB manager took every DIP out of rotation (their health probes fail). */
  | 'no-healthy-dip'
  | 'bad-checksum'
  /** A host that does not forward got a packet for someone else. */
  | 'not-a-router'
  /** VXLAN for a virtual network the host does not know. */
  | 'unknown-vni'
  /** Larger than the MTU of the link it must leave by (with its encapsulation), and not to be fragmented. */
  | 'too-big'
  /** A server's own SYN to its VIP, load-balanced back to it (the two halves of the connection do not match). */
  | 'back-to-sender';

/** What every event has: when, at which node, a sentence for a person, and the protocol it concerns. */
interface EventBase {
  readonly id: number;
  readonly time: SimTime;
  readonly node: NodeId;
  readonly summary: string;
  readonly protocol?: Protocol;
}

/**
 * Each kind of event with exactly its own data, tagged by `kind`: what the page, the lessons and the CLI
 * read, so none of them parses a sentence, and the compiler checks every producer and consumer.
 */
export type EventData =
  /** A frame crossing a link; the transmission holds the bytes. */
  | { readonly kind: 'transmission'; readonly protocol: Protocol; readonly transmissionId: number }
  | { readonly kind: 'drop'; readonly reason: DropReason }
  | { readonly kind: 'node-failed' }
  | { readonly kind: 'node-restored' }
  | { readonly kind: 'link-failed'; readonly interface: string }
  | { readonly kind: 'link-restored'; readonly interface: string }
  /** A BGP session changed state (or was reset to Idle): the peer's address and the new FSM state. */
  | { readonly kind: 'bgp-state'; readonly peer: string; readonly state: BgpState }
  /** The router heard nothing from `peer` for `holdTime` seconds (RFC 4271 6.5). */
  | { readonly kind: 'bgp-hold-expired'; readonly peer: string; readonly holdTime: number; readonly lastHeard: SimTime }
  | { readonly kind: 'bgp-notification'; readonly peer: string; readonly direction: 'sent' | 'received'; readonly code: number; readonly subcode: number; readonly meaning: string }
  /** A session left Established (or never reached it) and went back to Idle. */
  | { readonly kind: 'bgp-session-down'; readonly peer: string; readonly cause: BgpDownCause }
  /** The TCP connection under a session closed, or a new one from the peer replaced it. */
  | { readonly kind: 'bgp-connection'; readonly peer: string; readonly change: 'closed' | 'replaced' }
  | { readonly kind: 'route-installed'; readonly prefix: string; readonly nextHop: string; readonly source: 'bgp'; readonly peer: string }
  /** A host route installed by an ICMP redirect from the router `from`. */
  | { readonly kind: 'route-installed'; readonly prefix: string; readonly nextHop: string; readonly source: 'redirect'; readonly from: string }
  | { readonly kind: 'route-removed'; readonly prefix: string; readonly peer: string; readonly cause: BgpDownCause | 'withdrawn' | 'replaced' }
  | { readonly kind: 'arp-learned'; readonly address: string; readonly mac: string }
  /** VFP created a flow entry for a connection to a VIP. */
  | { readonly kind: 'flow-created' }
  /** TCP sent a segment again after its retransmission timeout. */
  | { readonly kind: 'tcp-retransmit'; readonly segment: 'syn' | 'data'; readonly retransmission: number; readonly of: number; readonly rto: SimTime; readonly local: string; readonly remote: string; readonly flowId?: string }
  /** TCP gave up on a connection: too many retransmissions. */
  | { readonly kind: 'tcp-gave-up'; readonly segment: 'syn' | 'data'; readonly retransmissions: number; readonly firstSent: SimTime; readonly local: string; readonly remote: string; readonly flowId?: string }
  /** A flow attempt started (runs with several attempts). */
  | { readonly kind: 'flow-attempt'; readonly attempt: number; readonly flowId: string }
  /**
   * A DIP's health changed, as told by `by`: the SLB host agent that probes it, the SLB manager it reports
   * to, or a MUX taking the manager's new DIP list. `dipNode`: the DIP's VM; `probes`: the answers or
   * failures in a row that decided.
   */
  | { readonly kind: 'dip-health'; readonly by: 'host-agent' | 'slb-manager' | 'mux'; readonly rule: string; readonly dip: string; readonly dipNode: string; readonly healthy: boolean; readonly probes: number }
  /** Something worth a sentence that carries no data of its own. */
  | { readonly kind: 'info' };

export type EventKind = EventData['kind'];

/** One thing that happened in a run: the common fields plus its kind's own data. */
export type SimEvent = EventBase & EventData;

/** The event of one kind, narrowed: `EventOf<'drop'>` has `reason`. */
export type EventOf<K extends EventKind> = Extract<SimEvent, { readonly kind: K }>;

/** A kind's own data, without the common fields and the tag (what a producer passes). */
export type EventDataOf<K extends EventKind> = Extract<EventData, { readonly kind: K }> extends infer E ? (E extends unknown ? Omit<E, 'kind'> : never) : never;

/** The kinds that carry nothing but their sentence. */
export type PlainEventKind = { [K in EventKind]: keyof EventDataOf<K> extends never ? K : never }[EventKind];

export interface RunResult {
  readonly request: RunRequest;
  readonly seed: number;
  /** The user's flow: the first TCP SYN (or the DNS query / ping) and its answer (the first attempt). */
  readonly trace: FlowTrace;
  /** The DNS lookup that preceded it, when the destination was a name. */
  readonly dnsTrace?: FlowTrace;
  /** Every attempt of the flow, in time order; attempts[0] is `trace`. */
  readonly attempts: readonly FlowTrace[];
  /** Every frame sent, in the order sent (numbered so), which is not always time order: sort by time to play them. */
  readonly transmissions: readonly Transmission[];
  /** Everything that happened, already in time order (equal times in the order recorded), each numbered by its place. */
  readonly events: readonly SimEvent[];
  readonly endTime: SimTime;
  /** The topology the run used, laid out, when a knob changed it (the second MUX): the page draws this one. */
  readonly snapshot?: TopologySnapshot;
}

export interface TableRow {
  readonly cells: Readonly<Record<string, string>>;
  readonly prov?: Provenance;
  /** Marks of single cells whose value comes from elsewhere than the row's (a BGP session's capabilities). */
  readonly cellProv?: Readonly<Record<string, Provenance>>;
}

export interface DeviceTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

export interface DeviceTables {
  readonly node: NodeId;
  readonly time: SimTime;
  readonly up: boolean;
  /** Interfaces, ARP cache, routes, NAT, BGP neighbours and RIB, SLB rules, VFP flows: whichever the node has. */
  readonly tables: readonly DeviceTable[];
}

export interface EngineApi {
  /** Validates and loads a topology document (parsed JSON); the POC when none is given. */
  loadTopology(doc?: unknown): Promise<Result<TopologySnapshot, readonly EngineError[]>>;
  /** Checks a document as loadTopology would (schema and semantic rules), without loading it: the editor's check. */
  validateTopology(doc: unknown): Promise<Result<null, readonly EngineError[]>>;
  /** Runs the control plane, then the user's flow, deterministically for a seed. */
  run(request: RunRequest): Promise<Result<RunResult>>;
  /**
   * Runs a flow on the loaded topology to compare with the last run, without making it the last run:
   * device tables, the capture and lessons keep reading the run on screen.
   */
  compareRun(request: RunRequest): Promise<Result<RunResult>>;
  /** A node's tables as they were at a simulated time of the last run. */
  tables(node: NodeId, time: SimTime): Promise<Result<DeviceTables>>;
  /** The last run as a pcapng capture, one interface block per capture point. */
  exportPcapng(): Promise<Result<Uint8Array>>;
  /** Every lesson: title, goal, the run it needs and its chapters' titles. */
  lessons(): Promise<readonly LessonSummary[]>;
  /** Binds a lesson to the last run (which must be the lesson's request): chapters, focus and quizzes. */
  resolveLesson(id: string): Promise<Result<ResolvedLesson>>;
}

/**
 * The engine as the worker serves it: a run's frames and events travel as columns (RunWire, see
 * view/runLog.ts), a loaded topology's snapshot as text in parts (SnapshotWire, see view/snapshotWire.ts),
 * and the page's client makes them into the RunResult's and the snapshot's objects.
 */
export type WorkerEngineApi = Omit<EngineApi, 'run' | 'compareRun' | 'loadTopology'> & {
  loadTopology(doc?: unknown): Promise<Result<SnapshotWire, readonly EngineError[]>>;
  run(request: RunRequest): Promise<Result<RunWire>>;
  compareRun(request: RunRequest): Promise<Result<RunWire>>;
};

export type { LessonSummary, ResolvedLesson, ResolvedChapter, ResolvedQuestion, Choice, Moment } from './lessons/model';
