// One run: build the network, bring the control plane up at t = 0 (BGP sessions, routes), apply the
// what-ifs at their times, start the user's flow at each attempt's time, and stop shortly after the
// last attempt has ended. Same topology, request and seed: same events, same bytes.
import type { ConnectionOutcome, DiedAt, EngineError, FlowTrace, Hop, RunRequest, RunResult, SimEvent, SimTime } from '../protocol';
import { SECOND, Timing, secondsText } from '../sim/timing';
import type { Topology } from '../topology/schema';
import { explainLoop } from '../trace/explain';
import type { RecordOptions } from '../trace/recorder';
import type { TableChange } from '../trace/tableLog';
import type { TraceBuild } from '../trace/tracer';
import type { Result } from '../protocol';
import { checkDestination } from '../view/destination';
import { runFromWire, type RunWire } from '../view/runLog';
import { flowTimes } from '../view/flowStart';
import { engineError } from '../view/errors';
import { explainDipHealth } from './dipHealth';
import { explainBlackHole, explainWithdrawn, findBlackHole } from './blackHole';
import { explainNoNeighbour } from './noNeighbour';
import { pingSees } from './pingSees';
import { attemptIds, attemptTags, flowDone, startFlow, type DnsCache, type FlowState, type HttpsProgress } from './flow';
import { knobNotes, withKnobs } from './knobs';
import { describeMtu, withMtu } from './mtuWhatIf';
import { resolveWhatIfs, scheduleWhatIfs } from './whatif';
import { buildWorld, type World } from './world';
import { LIMITS } from '../limits';
import { checkRequest } from './request';

export const DEFAULT_SEED = 1;
/** The longest an attempt may take (limits.ts: three SYNs at 0, 3, 9 s, then 12 s more: 21 s). */
const FLOW_LIMIT = LIMITS.attemptTime;
/** Run on this long after the flow has ended, for the last ACKs. */
const MARGIN = 100_000;

export interface SimRun {
  /** The run as it leaves the worker: frames and events as columns (view/runLog.ts). */
  readonly wire: RunWire;
  /** The run with its frames and events as objects, made on first read (`runFromWire`). */
  readonly result: RunResult;
  readonly tableLog: readonly TableChange[];
  readonly nodes: readonly string[];
  readonly switchId: string;
}

/** What one run may cost: simulated microseconds and events (limits.ts; tests pass smaller ones). */
export interface Budget {
  readonly simTime: SimTime;
  readonly events: number;
}

export function simulate(topologyIn: Topology, requestIn: RunRequest, record: RecordOptions = { full: true }, limits: Budget = LIMITS): Result<SimRun, EngineError> {
  const checked = checkRequest(requestIn);
  if (!checked.ok) return checked;
  const request = checked.value;
  const mtu = withMtu(withKnobs(topologyIn, request.knobs), request.mtu ?? []);
  if (!mtu.ok) return mtu;
  const topology = mtu.value;
  const seed = request.seed ?? DEFAULT_SEED;
  const world = buildWorld(topology, { seed, icmpRedirects: request.knobs?.icmpRedirects ?? topology.knobs.icmpRedirects, record });
  const source = [...world.nodes.values()].find((n) => n.id.toLowerCase() === request.from.trim().toLowerCase());
  if (!source) return { ok: false, error: engineError('unknown-node', `"${request.from}" is not a node of this topology (nodes: ${someNames([...world.nodes.keys()])})`) };
  const dest = checkDestination(topology, source.id, request.to);
  if (!dest.ok) return dest;
  const whatIfs = resolveWhatIfs(world, request.whatIf ?? []);
  if (!whatIfs.ok) return whatIfs;

  const { sched } = world.ctx;
  for (const text of [...knobNotes(topologyIn, request.knobs), ...describeMtu(topologyIn, request.mtu ?? [])]) world.ctx.rec.event('info', world.sw.id, text);
  const flowOptions = { padClientHello: (request.mtu?.length ?? 0) > 0 };
  for (const node of world.nodes.values()) for (const boot of node.boot) sched.at(0, boot);
  scheduleWhatIfs(world, whatIfs.value);
  const times = flowTimes(topology, request);
  // An attempt starts only if it can end within the run (a what-if and a long hold time can put it later).
  const latestStart = limits.simTime - FLOW_LIMIT;
  const tooLate = (at: SimTime): boolean => at > latestStart;
  const startable = times.filter((at) => !tooLate(at));
  const flows: FlowState[] = [];
  const cache: DnsCache = new Map();
  startable.forEach((at, i) => sched.at(at, () => void (flows[i] = startFlow(world, source, dest.value, i, cache, flowOptions))));
  const allDone = (): boolean => flows.length === startable.length && flows.every((f) => f !== undefined && flowDone(world, f));
  // The budget: a run never simulates past LIMITS.simTime nor runs more than LIMITS.events events.
  const overBudget = () => sched.processed >= limits.events;
  sched.run(Math.min(times.at(-1)! + FLOW_LIMIT, limits.simTime), () => overBudget() || allDone());
  if (!overBudget()) sched.run(Math.min(sched.now + MARGIN, limits.simTime), overBudget);
  const endTime = sched.now;
  const budget = (start: SimTime): string | undefined =>
    overBudget()
      ? `the run stopped after ${limits.events.toLocaleString('en-US')} simulated events, the most one run may take, at ${(endTime / SECOND).toFixed(3)} s`
      : tooLate(start)
        ? `the flow would start at ${(start / SECOND).toFixed(1)} s, too late to end within the ${limits.simTime / SECOND} s a run may simulate (an attempt may take ${FLOW_LIMIT / SECOND} s, so it starts at most at ${latestStart / SECOND} s); move the what-ifs earlier`
        : undefined;

  const { rec } = world.ctx;
  const log = rec.log();
  // The explanations below read what happened (routes, failures, health), never the frames' own events.
  const events = log.plainEvents;
  const attempts = times.map((at, i) => attemptTrace(world, flows[i], i, at, times.length, request, events, budget(at)));
  const first = attempts[0]!;
  const dnsTrace = first.dns;
  const wire: RunWire = { request, seed, trace: first, ...(dnsTrace ? { dnsTrace } : {}), attempts, log, endTime };
  let result: RunResult | undefined;
  const run: SimRun = {
    wire,
    get result() {
      return (result ??= runFromWire(wire));
    },
    tableLog: rec.tableLog,
    nodes: [...world.nodes.keys()],
    switchId: world.sw.id,
  };
  return { ok: true, value: run };
}

/** A list of names for a sentence: all of a small topology's, the first dozen of a large one's and how many more. */
function someNames(names: readonly string[], most = 12): string {
  return names.length <= most ? names.join(', ') : `${names.slice(0, most).join(', ')} and ${(names.length - most).toLocaleString('en-US')} more`;
}


function attemptTrace(world: World, flow: FlowState | undefined, i: number, at: SimTime, count: number, request: RunRequest, events: readonly SimEvent[], budget: string | undefined): FlowTrace {
  const tags = attemptTags(i);
  const { tracer } = world.ctx;
  const dnsBuild = flow?.dnsAsked ? tracer.get(tags.dns) : undefined;
  // The lookup got through when the flow went on to an address; the connection, when it came up.
  const dns = dnsBuild ? flowTrace(dnsBuild, tracer.get(tags.dns + 1), undefined, request, budget, flow?.description !== '') : undefined;
  const base = flowTrace(tracer.get(tags.flow), tracer.get(tags.flow + 1), flow, request, budget, flow?.tcp?.outcome === 'established');
  const tcp = flow?.tcp;
  const https = flow?.https;
  const closed = https?.closed !== undefined ? { closed: https.closed, ...(https.closedAt !== undefined ? { closedAt: https.closedAt } : {}) } : {};
  const connection: ConnectionOutcome | undefined = tcp ? { outcome: tcp.outcome, synTimes: [...tcp.synTimes], ...(tcp.endedAt !== undefined ? { endedAt: tcp.endedAt } : {}), ...closed } : undefined;
  const tlsBuild = https ? tracer.get(tags.tls) : undefined;
  const tls = tlsBuild ? tlsTrace(tlsBuild, tracer.get(tags.tls + 1), https!, request, budget) : undefined;
  let reason = base.reason;
  const blackHole = findBlackHole(world, base.hops, base.disposition, events, at);
  if (blackHole) {
    // The peer's last failure before the attempt (it may have failed, come back and failed again).
    const failed = events.filter((e) => e.kind === 'node-failed' && e.node === blackHole.peer && e.time <= at).at(-1);
    reason = `${reason}: ${explainBlackHole(blackHole, failed?.time, { ...(connection ? { connection } : {}), returnHops: base.returnHops }, request.from)}`;
  }
  const probes = base.disposition === 'no-healthy-dip' || base.hops.some((h) => h.steps.some((s) => s.kind === 'load-balance' && s.text.includes('in rotation'))) ? explainDipHealth(events, base.hops.find((h) => h.node !== world.sw.id && h.steps.some((s) => s.kind === 'load-balance'))?.time ?? base.hops.at(-1)?.time ?? at) : undefined;
  if (probes) reason = `${reason}. ${probes}`;
  if (tls && tls.disposition !== 'delivered') reason = `${reason}. After the handshake the ClientHello failed: ${tls.reason}`;
  const noNeighbour = blackHole || base.disposition !== 'neighbor-unreachable' ? undefined : explainNoNeighbour(world, { ...base, ...(connection ? { connection } : {}) }, events, request.from);
  if (noNeighbour) reason = `${reason}: ${noNeighbour}`;
  const withdrawn = blackHole ? undefined : explainWithdrawn(base.hops, events, at);
  if (withdrawn && base.disposition !== 'delivered') reason = `${reason}. ${withdrawn}`;
  const ping = pingSees(base, request.from);
  if (ping) reason = `${reason}. ${ping}`;
  if (base.disposition === 'back-to-sender' && connection && connection.synTimes.length > 1) {
    reason = `${reason}. Each retransmitted SYN has the same addresses and ports, so the hash picks ${base.hops.at(-1)!.node} again`;
  }
  if (connection?.outcome === 'gave-up') {
    const times = connection.synTimes.map((t) => secondsText(t)).join(', ');
    reason = `${reason}. ${request.from} sent ${connection.synTimes.length} SYNs (at ${times}: Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most ${Timing.synTries - 1} times) and gave up at ${secondsText(connection.endedAt ?? 0)}, ${secondsText((connection.endedAt ?? 0) - (connection.synTimes[0] ?? 0))} after the first: the application sees a connection timeout`;
  }
  // An HTTPS flow whose connection came up but whose ClientHello never arrived failed: the page did not load.
  const tlsFailed = tls !== undefined && tls.disposition !== 'delivered' && base.disposition === 'delivered';
  return {
    ...base,
    // It died where the ClientHello (or its answer) died.
    ...(tlsFailed ? { disposition: tls.disposition, ...(tls.diedAt ? { diedAt: tls.diedAt } : {}) } : {}),
    id: attemptIds(i).flow,
    reason,
    startedAt: flow?.startedAt ?? at,
    ...(count > 1 ? { attempt: i + 1 } : {}),
    ...(dns ? { dns } : {}),
    ...(connection ? { connection } : {}),
    ...(tls ? { tls } : {}),
    ...(blackHole ? { blackHole } : {}),
  };
}

/** The ClientHello's trace, with what became of the connection after it in the reason. */
function tlsTrace(req: TraceBuild, reply: TraceBuild | undefined, https: HttpsProgress, request: RunRequest, budget: string | undefined): FlowTrace {
  const base = flowTrace(req, reply, undefined, request, budget, https.flightAt !== undefined);
  const after =
    https.closed === 'fin'
      ? `; the server's first flight arrived${https.flightAt !== undefined ? ` at ${secondsText(https.flightAt)}` : ''} and both sides closed the connection with FIN${https.closedAt !== undefined ? ` by ${secondsText(https.closedAt)}` : ''}`
      : https.closed === 'gave-up'
        ? `; ${request.from} never had its data acknowledged and gave up at ${secondsText(https.closedAt ?? 0)} (Windows: TcpMaxDataRetransmissions ${Timing.dataRetries})`
        : https.closed === 'reset'
          ? '; the connection was reset'
          : '; the connection was still open when the run ended';
  return { ...base, reason: `${base.reason}${after}`, startedAt: https.helloAt };
}

/** `gotThrough`: the exchange worked in the end (the connection came up, the answer arrived), whatever became of the traced answer. */
function flowTrace(req: TraceBuild | undefined, reply: TraceBuild | undefined, flow: FlowState | undefined, request: RunRequest, budget: string | undefined, gotThrough: boolean): FlowTrace {
  if (!req && budget) return { id: 'flow', description: `${request.from} -> ${request.to}`, disposition: 'budget-exceeded', reason: budget, hops: [], returnHops: [] };
  if (!req) {
    const reason = flow?.dnsFailure ?? 'the flow never started';
    return { id: 'flow', description: `${request.from} -> ${request.to}`, disposition: flow?.dnsFailure ? 'no-dns-answer' : 'timeout', reason, hops: [], returnHops: [] };
  }
  // A packet delivered whose answer died on the way back did not get through (unless a retransmission did later: a
  // connection that came up, an answer that arrived): the trace says how the answer ended.
  const answerFailed = !gotThrough && req.final?.disposition === 'delivered' && reply?.final !== undefined && reply.final.disposition !== 'delivered' ? reply.final : undefined;
  const final = answerFailed ? { ...req.final!, disposition: answerFailed.disposition, reason: `${req.final!.reason}, but the answer never came back: ${answerFailed.reason}` } : req.final;
  let reason = final?.reason ?? `no answer within ${FLOW_LIMIT / SECOND} s`;
  if (final?.disposition === 'ttl-exceeded') {
    const loop = explainLoop(answerFailed ? reply!.hops : req.hops);
    if (loop) reason = `${final.reason}: ${loop}`;
  }
  if (!final && budget) reason = budget;
  const disposition = final?.disposition ?? (budget ? 'budget-exceeded' : 'timeout');
  const diedAt = disposition === 'delivered' ? undefined : whereDied(req.hops, answerFailed ? reply!.hops : undefined);
  return {
    id: req.id,
    description: req.description,
    disposition,
    reason,
    hops: req.hops,
    returnHops: reply?.hops ?? [],
    ...(diedAt ? { diedAt } : {}),
  };
}

/** The last hop of the packet that died (the answer's, when `answer` is given), and the transmission that places it in time. */
function whereDied(hops: readonly Hop[], answer: readonly Hop[] | undefined): DiedAt | undefined {
  const leg = answer ?? hops;
  const last = leg.at(-1);
  if (!last) return undefined;
  const lastTx = (h: readonly Hop[]) => [...h].reverse().find((x) => x.transmissionId !== undefined)?.transmissionId;
  const transmissionId = lastTx(leg) ?? (answer ? lastTx(hops) : undefined);
  return { node: last.node, leg: answer ? 'return' : 'forward', hop: leg.length - 1, ...(transmissionId !== undefined ? { transmissionId } : {}) };
}
