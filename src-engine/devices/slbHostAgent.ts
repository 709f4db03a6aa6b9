// The SLB host agent on a Hyper-V host, for health probes. It probes each DIP on its host as the DIP's
// load-balancing rule says: the probe starts on the DIP's own host and goes straight to the DIP, never
// from the MUX (S10), and its source is the first address of the DIP's subnet, "the origination point for
// the probes" (S15). VFP puts the probe into the DIP's switch port and takes the answers off that port
// before the switch forwards them. A TCP probe is a SYN: a SYN-ACK is an answer (the agent resets the
// half-open connection), a RST or silence until the next probe is a failure. `numberOfProbes` failures in
// a row take the DIP out of rotation, as many answers in a row put it back (S15 counts answers to be
// healthy; Azure's load balancer counts unanswered probes the same way to take one out).
//
// How the MUX learns it: the agent reports to the SLB manager in the Network Controller, which computes
// the policy for every MUX (S10). That channel is modelled as configuration, not packets: each leg takes
// REPORT_DELAY, and a report waits while the manager's node is down.
import { u32ToIp } from '../net/addr';
import { ethernet, ipv4, RST, SYN, tcp, ZERO_MAC } from '../net/build';
import { encodePacket } from '../net/codec';
import { ETH_HLEN, etherType, ipDst, ipHeaderLen, ipProto, ipSrc, l4DstPort, l4SrcPort, setMac48, TCP_ACK, TCP_RST, TCP_SYN, tcpAck, tcpFlags } from '../net/frame';
import { IPPROTO_TCP } from '../packets/layers';
import type { Rng } from '../sim/rng';
import { SECOND, Timing } from '../sim/timing';
import type { Ctx } from './context';
import type { MuxDip, MuxRule } from './mux';
import type { Port, VSwitch } from './vswitch';

/** Probe frames and the DIPs' answers carry this label (flow ids "probe" and "probe-reply"), never hops. */
export const PROBE_TAG = 1_000_001;
export const PROBE_FLOW = 'probe';

/** When the first probe leaves (illustrative): after BGP is up, before the default flow at 1 s. */
export const FIRST_PROBE = 500_000;
/** Host agent -> SLB manager, and SLB manager -> each MUX (illustrative). */
export const REPORT_DELAY = 50_000;

export interface ProbeTarget {
  readonly rule: MuxRule;
  readonly dip: MuxDip;
  /** The DIP's switch port, where VFP injects the probe and watches for its answer. */
  readonly port: Port;
  readonly probePort: number;
  readonly interval: number;
  readonly count: number;
  /** The first address of the DIP's subnet, and the MAC the probe carries as its source. */
  readonly src: number;
  readonly srcMac: number;
}

interface ProbeState {
  readonly target: ProbeTarget;
  /** The outstanding probe's source port and ISN; 0 when none is outstanding. */
  srcPort: number;
  iss: number;
  sentAt: number;
  failures: number;
  successes: number;
  /** What the agent concluded, and what it last reported to the SLB manager. */
  healthy: boolean;
  reported: boolean;
  reporting: boolean;
}

export interface HostAgentEnv {
  readonly ctx: Ctx;
  readonly sw: VSwitch;
  readonly host: string;
  readonly hostUp: () => boolean;
  /** The SLB manager's node id and whether it is up (no manager: reports reach the MUXes directly). */
  readonly manager: string | undefined;
  readonly managerUp: () => boolean;
  readonly muxes: readonly string[];
  readonly rng: Rng;
  /** Called once the MUXes have the rule's new DIPs in rotation. */
  readonly onRotation?: (rule: MuxRule) => void;
}

export class SlbHostAgent {
  private readonly states: ProbeState[];
  /** Probe states by the DIP's switch port index: the answers VFP must catch. */
  private readonly byPort = new Map<number, ProbeState[]>();
  private ipId: number;

  constructor(
    private readonly env: HostAgentEnv,
    targets: readonly ProbeTarget[],
  ) {
    this.states = targets.map((target) => ({ target, srcPort: 0, iss: 0, sentAt: 0, failures: 0, successes: 0, healthy: true, reported: true, reporting: false }));
    for (const s of this.states) this.byPort.set(s.target.port.index, [...(this.byPort.get(s.target.port.index) ?? []), s]);
    this.ipId = env.rng.nextU32() & 0xffff;
    env.ctx.tracer.labelPair(PROBE_TAG, PROBE_FLOW, `SLB health probes from ${env.host}'s host agent`);
  }

  /** Starts probing every DIP, each on its own interval. */
  start(): void {
    const { sched } = this.env.ctx;
    for (const s of this.states) {
      this.row(s, 'probing');
      sched.call(FIRST_PROBE, SlbHostAgent.tick, this, s, undefined);
    }
  }

  private static tick(agent: SlbHostAgent, s: ProbeState): void {
    const { sched } = agent.env.ctx;
    sched.call(sched.now + s.target.interval, SlbHostAgent.tick, agent, s, undefined);
    if (!agent.env.hostUp()) return;
    if (s.srcPort !== 0) agent.result(s, false, `no answer in ${s.target.interval / SECOND} s`);
    if (s.reported !== s.healthy) agent.report(s);
    agent.send(s);
  }

  private send(s: ProbeState): void {
    const { ctx, sw } = this.env;
    const t = s.target;
    s.srcPort = this.env.rng.int(49152, 65535);
    s.iss = this.env.rng.nextU32();
    s.sentAt = ctx.sched.now;
    this.ipId = (this.ipId + 1) & 0xffff;
    const frame = encodePacket([ethernet(ZERO_MAC), ipv4(u32ToIp(t.src), u32ToIp(t.dip.ip), IPPROTO_TCP, this.ipId, 128, true), tcp(s.srcPort, t.probePort, s.iss, 0, SYN, 1460)]);
    setMac48(frame, 0, t.dip.mac);
    setMac48(frame, 6, t.srcMac);
    const why = ctx.rec.full
      ? `SLB health probe: ${this.env.host}'s SLB host agent asks ${t.port.node} (DIP ${u32ToIp(t.dip.ip)}) whether TCP ${t.probePort} answers, for rule ${t.rule.name}. VFP puts the SYN into ${t.port.node}'s port from ${u32ToIp(t.src)}, the first address of its subnet: the probe never passes the MUX.`
      : '';
    sw.egress(t.port, frame, PROBE_TAG, ctx.sched.now + Timing.vfp, why);
  }

  /**
   * VFP on the DIP's port: is this frame the answer to a probe? Then the agent takes it (true) and it goes
   * no further. Runs for every frame the switch receives, so the common case is one array lookup.
   */
  takes(port: Port, bytes: Uint8Array): boolean {
    const states = this.byPort.get(port.index);
    if (states === undefined || etherType(bytes) !== 0x0800 || ipProto(bytes, ETH_HLEN) !== IPPROTO_TCP) return false;
    const o = ETH_HLEN;
    const t = o + ipHeaderLen(bytes, o);
    const src = ipSrc(bytes, o);
    const dst = ipDst(bytes, o);
    const srcPort = l4SrcPort(bytes, t);
    const dstPort = l4DstPort(bytes, t);
    for (const s of states) {
      const target = s.target;
      if (src !== target.dip.ip || dst !== target.src || srcPort !== target.probePort) continue;
      if (dstPort !== s.srcPort) return true; // an answer to an earlier probe, already counted as lost
      const flags = tcpFlags(bytes, t);
      s.srcPort = 0;
      if (flags & TCP_RST) {
        this.result(s, false, `TCP ${target.probePort} refused (RST)`);
        return true;
      }
      if (flags & TCP_SYN && flags & TCP_ACK && tcpAck(bytes, t) === ((s.iss + 1) >>> 0)) {
        this.result(s, true, `SYN-ACK in ${((this.env.ctx.sched.now - s.sentAt) / 1000).toFixed(3)} ms`);
        this.resetProbe(s, dstPort);
      }
      return true;
    }
    return false;
  }

  /** The half-open probe connection is done: a RST so the DIP forgets it. */
  private resetProbe(s: ProbeState, srcPort: number): void {
    const { ctx, sw } = this.env;
    const t = s.target;
    this.ipId = (this.ipId + 1) & 0xffff;
    const frame = encodePacket([ethernet(ZERO_MAC), ipv4(u32ToIp(t.src), u32ToIp(t.dip.ip), IPPROTO_TCP, this.ipId, 128, true), tcp(srcPort, t.probePort, (s.iss + 1) >>> 0, 0, RST)]);
    setMac48(frame, 0, t.dip.mac);
    setMac48(frame, 6, t.srcMac);
    const why = ctx.rec.full ? `The SYN-ACK answers the probe: ${t.port.node} is healthy. The host agent resets the half-open probe connection (RST).` : '';
    sw.egress(t.port, frame, PROBE_TAG, ctx.sched.now + Timing.vfp, why);
  }

  private result(s: ProbeState, answered: boolean, what: string): void {
    const t = s.target;
    if (answered) {
      s.successes++;
      s.failures = 0;
    } else {
      s.failures++;
      s.successes = 0;
    }
    const was = s.healthy;
    if (answered && !s.healthy && s.successes >= t.count) s.healthy = true;
    if (!answered && s.healthy && s.failures >= t.count) s.healthy = false;
    this.row(s, what);
    if (was === s.healthy) return;
    const { rec } = this.env.ctx;
    const dip = `${u32ToIp(t.dip.ip)}:${t.dip.port}`;
    const n = answered ? s.successes : s.failures;
    rec.eventWith(
      'dip-health',
      this.env.host,
      s.healthy
        ? `SLB host agent on ${this.env.host}: DIP ${dip} (${t.port.node}) answered ${n} probes in a row: healthy again; it tells the SLB manager`
        : `SLB host agent on ${this.env.host}: DIP ${dip} (${t.port.node}) failed ${n} probes in a row (${what}): unhealthy; it tells the SLB manager`,
      { by: 'host-agent', rule: t.rule.name, dip, dipNode: t.port.node, healthy: s.healthy, probes: n },
      'tcp',
    );
    this.report(s);
  }

  /** Host agent -> SLB manager -> every MUX: the rule's DIPs in rotation become the healthy ones. */
  private report(s: ProbeState): void {
    if (s.reporting || s.reported === s.healthy) return;
    const { sched, rec } = this.env.ctx;
    const t = s.target;
    const healthy = s.healthy;
    const dip = `${u32ToIp(t.dip.ip)}:${t.dip.port}`;
    const manager = this.env.manager;
    s.reporting = true;
    sched.at(sched.now + REPORT_DELAY, () => {
      s.reporting = false;
      if (manager !== undefined && !this.env.managerUp()) {
        rec.event('info', this.env.host, `SLB host agent on ${this.env.host}: the SLB manager (${manager}) is down, so the MUXes keep their DIP list; it will report again with the next probe`, 'tcp');
        return;
      }
      s.reported = healthy;
      if (manager !== undefined) {
        rec.eventWith('dip-health', manager, `SLB manager (${manager}): DIP ${dip} of rule ${t.rule.name} is ${healthy ? 'healthy' : 'down'}; it pushes the new DIP list to ${this.env.muxes.join(', ')}`, { by: 'slb-manager', rule: t.rule.name, dip, dipNode: t.port.node, healthy, probes: t.count }, 'tcp');
      }
      sched.at(sched.now + REPORT_DELAY, () => {
        t.dip.healthy = healthy;
        t.rule.up = t.rule.dips.filter((d) => d.healthy);
        const inRotation = t.rule.up.map((d) => `${u32ToIp(d.ip)}:${d.port}`).join(', ') || 'none';
        for (const mux of this.env.muxes) {
          rec.eventWith('dip-health', mux, `${mux}: DIP ${dip} ${healthy ? 'is back in' : 'is out of'} rotation for rule ${t.rule.name} (in rotation: ${inRotation})`, { by: 'mux', rule: t.rule.name, dip, dipNode: t.port.node, healthy, probes: t.count }, 'tcp');
        }
        this.env.onRotation?.(t.rule);
      });
    });
  }

  /** The host's probe table: one row per DIP, as the agent sees it. */
  private row(s: ProbeState, last: string): void {
    const { rec } = this.env.ctx;
    if (!rec.full) return;
    const t = s.target;
    rec.table(this.env.host, 'slb-probes', `${t.rule.name}|${t.dip.ip}`, {
      cells: {
        rule: t.rule.name,
        DIP: `${u32ToIp(t.dip.ip)}:${t.dip.port} (${t.port.node})`,
        probe: `TCP ${t.probePort} every ${t.interval / SECOND} s from ${u32ToIp(t.src)}`,
        state: s.healthy ? 'healthy' : 'down',
        'in a row': s.failures > 0 ? `${s.failures} failed` : `${s.successes} answered`,
        last,
      },
    });
  }
}
