// Simulator throughput on a generated large topology: events per second, cost per event and peak
// memory, beside baselines measured in the same process (the bare event queue with no device work,
// and the packet codecs alone), and the same with full recording, as the app runs it. The simulation and the bare queue take turns, REPEATS times, and the
// median of each is shown, with the ratio between them: a machine busy with other work slows both.
// Run: npx tsx src-engine/bench/sim.bench.ts [--vms N --vips N --flows N --hosts-per-subnet N --repeats N]
import { parseArgs } from 'node:util';
import { decodePacket, encodePacket } from '../packets/index';
import { ethernet, ipv4, SYN, tcp } from '../net/build';
import { ipToU32 } from '../net/addr';
import { runFlows, type FlowSpec } from '../run/flows';
import { generateTopology } from '../scenarios/generate';
import { createRng } from '../sim/rng';
import { Scheduler } from '../sim/scheduler';
import { parseTopology } from '../topology/validate';
import { eventsOf, transmissionsOf, type RunLog } from '../view/runLog';

const { values } = parseArgs({
  options: {
    vms: { type: 'string' },
    vips: { type: 'string' },
    flows: { type: 'string' },
    seed: { type: 'string' },
    'hosts-per-subnet': { type: 'string' },
    repeats: { type: 'string' },
  },
});
const VMS = Number(values.vms ?? 4000);
const VIPS = Number(values.vips ?? 400);
const FLOWS = Number(values.flows ?? 10_000);
const SEED = Number(values.seed ?? 1);
const PER_SUBNET = Number(values['hosts-per-subnet'] ?? 250);
const REPEATS = Math.max(1, Number(values.repeats ?? 3));
const TARGET = 1_000_000;

let peakHeap = 0;
let peakRss = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};

/** Wall time, and this process's CPU time (all its threads, the garbage collector's included): on a shared machine the wall time grows with other work while the CPU time mostly does not. */
function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms, cpuMs: (c.user + c.system) / 1000 };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

// 1. The topology and the flows.
const gen = time(() => parseTopology(generateTopology({ vms: VMS, vips: VIPS, seed: SEED, hostsPerSubnet: PER_SUBNET })));
if (!gen.value.ok) throw new Error(gen.value.error.map((e) => e.message).join('\n'));
const topology = gen.value.value;
const subnets = topology.networks.filter((n) => n.id.startsWith('servers') || n.id.startsWith('clients'));
const vlanPorts = Math.max(...subnets.map((n) => topology.nodes.filter((d) => d.interfaces.some((f) => f.network === n.id)).length));
const clients = topology.nodes.filter((n) => n.id.startsWith('Client')).map((n) => n.id);
const vips = topology.slb!.rules.map((r) => ipToU32(r.vip));
const rng = createRng(SEED);
const flows: FlowSpec[] = Array.from({ length: FLOWS }, (_, i) => ({ from: clients[rng.int(0, clients.length - 1)]!, to: vips[rng.int(0, vips.length - 1)]!, port: 443, at: 1_000_000 + i * 50 }));

/** The bare scheduler: `events` no-op events at the same kind of spread as the simulation's. */
function bareQueue(events: number): number {
  const s = new Scheduler();
  const r = createRng(SEED);
  let n = 0;
  const noop = (): void => {
    n++;
  };
  const batch = 1024;
  let pushed = 0;
  while (pushed < events) {
    const count = Math.min(batch, events - pushed);
    for (let i = 0; i < count; i++) s.at(s.now + r.int(1, 200), noop);
    pushed += count;
    s.run(s.now + 100);
  }
  s.run(Infinity);
  return n;
}

/**
 * A run with full recording, as the app makes it: every transmission with its bytes and summary, every
 * event, the table history, and the result's frames and events as they leave the worker (view/runLog.ts:
 * every frame described, the events in time order and numbered). The page makes them into objects once
 * they have arrived: that is timed apart (`pageObjects`), as the page's work, not the run's.
 */
let recPeakHeap = 0;
const sampleRecorded = (): void => {
  sample();
  recPeakHeap = Math.max(recPeakHeap, process.memoryUsage().heapUsed);
};
let lastLog: RunLog | undefined;
function recordedRun(specs: readonly FlowSpec[]): number {
  const r = runFlows(topology, specs, SEED, { full: true }, sampleRecorded);
  const log = r.world.ctx.rec.log();
  if (log.count === 0 || log.order.length < log.count) throw new Error('the recorded run kept nothing');
  lastLog = log;
  sampleRecorded();
  return r.events;
}
/** What the page does with the run it receives: every transmission and event as an object. */
function pageObjects(log: RunLog): number {
  const t = transmissionsOf(log);
  const e = eventsOf(log);
  if (t.length !== log.count || e.length !== log.order.length) throw new Error('the page lost frames or events');
  return e.length;
}

// 2. The simulation (world built from the topology, every flow to its end; counts only, no recording),
// taking turns with the bare queue and with a recorded run of the first RECORDED_FLOWS flows on the same
// topology (fewer flows: it keeps every frame, and the machine is shared).
const RECORDED_FLOWS = Math.min(FLOWS, 2000);
const recordedFlows = flows.slice(0, RECORDED_FLOWS);
const runs: { events: number; established: number; ms: number; rate: number; queueRate: number; recRate: number; recRatio: number; recCpuRatio: number; queueCpuRate: number; recCpuRate: number; pageMs: number; pageCpuMs: number }[] = [];
for (let r = 0; r < REPEATS; r++) {
  sample();
  const sim = time(() => runFlows(topology, flows, SEED, { full: false }, sample));
  sample();
  const base = time(() => bareQueue(sim.value.events));
  const recorded = time(() => recordedRun(recordedFlows));
  const page = time(() => pageObjects(lastLog!));
  lastLog = undefined;
  const bare = time(() => runFlows(topology, recordedFlows, SEED, { full: false }));
  const recRate = recorded.value / (recorded.ms / 1000);
  runs.push({
    events: sim.value.events,
    established: sim.value.established,
    ms: sim.ms,
    rate: sim.value.events / (sim.ms / 1000),
    queueRate: base.value / (base.ms / 1000),
    recRate,
    recRatio: recRate / (bare.value.events / (bare.ms / 1000)),
    // The same by CPU time: what recording costs the run, less bent by other work on the machine.
    recCpuRatio: recorded.value / recorded.cpuMs / (bare.value.events / bare.cpuMs),
    queueCpuRate: base.value / (base.cpuMs / 1000),
    recCpuRate: recorded.value / (recorded.cpuMs / 1000),
    pageMs: page.ms,
    pageCpuMs: page.cpuMs,
  });
}
const events = runs[0]!.events;
if (runs.some((r) => r.events !== events)) throw new Error('the runs simulated different numbers of events: the simulation is not deterministic');
const simRate = median(runs.map((r) => r.rate));
const simMs = median(runs.map((r) => r.ms));
const baseRate = median(runs.map((r) => r.queueRate));
const ratio = median(runs.map((r) => r.rate / r.queueRate));

const recRate = median(runs.map((r) => r.recRate));
const recRatio = median(runs.map((r) => r.recRatio));
const recCpuRatio = median(runs.map((r) => r.recCpuRatio));
const recQueueRatio = median(runs.map((r) => r.recRate / r.queueRate));
const RECORDING_TARGET = 500_000;
// The same by CPU time: less bent by other work on the machine, closer to what a quiet machine gives.
const recCpuRate = median(runs.map((r) => r.recCpuRate));
const queueCpuRate = median(runs.map((r) => r.queueCpuRate));
const recQueueCpuRatio = median(runs.map((r) => r.recCpuRate / r.queueCpuRate));
const pageMs = median(runs.map((r) => r.pageMs));
const pageCpuMs = median(runs.map((r) => r.pageCpuMs));
// The run and the page's objects together, by CPU time: what the whole hand-over costs.
const withObjectsCpuRate = median(runs.map((r) => r.recCpuRate / (1 + (r.pageCpuMs / 1000) * r.recCpuRate / r.events)));

// 4. Baseline: the codecs alone, encode + decode of a SYN.
const CODEC_N = 100_000;
const layers = [ethernet('00:15:5d:c8:00:0a', '00:15:5d:c8:00:01'), ipv4('192.168.200.10', '192.168.133.74', 6, 1, 128, true), tcp(50000, 443, 1, 0, SYN, 1460)];
const codec = time(() => {
  let ok = 0;
  for (let i = 0; i < CODEC_N; i++) if (decodePacket(encodePacket(layers)).ok) ok++;
  return ok;
});
const codecRate = CODEC_N / (codec.ms / 1000);

const mb = (b: number) => (b / 1048576).toFixed(1);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: [string, string][] = [
  ['topology', `${topology.nodes.length} nodes (${VMS} VMs), ${VIPS} VIPs, generated + validated in ${gen.ms.toFixed(0)} ms`],
  [
    'layout',
    `${subnets.length} subnets of up to ${PER_SUBNET} VMs routed by BGPVM: VLANs of up to ${vlanPorts} ports, so an ARP broadcast reaches that many NICs` +
      (PER_SUBNET === 250 ? ' (realistic /24s; the first generator had two flat VLANs of ~2,000 ports: --hosts-per-subnet 2000)' : ''),
  ],
  ['flows', `${FLOWS} TCP handshakes via router, MUX (VXLAN) and VFP; ${runs[0]!.established} established`],
  ['simulated events', `${int(events)} (${(events / FLOWS).toFixed(0)} per flow), the same in each of ${REPEATS} runs`],
  ['wall time', `${simMs.toFixed(0)} ms (median; world built from the topology included)`],
  ['events/s (no recording)', `${int(simRate)} (median of ${runs.map((r) => int(r.rate)).join(', ')})`],
  ['ns per event', (1e9 / simRate).toFixed(0)],
  ['baseline: bare event queue', `${int(baseRate)} events/s (${(1e9 / baseRate).toFixed(0)} ns/event), run after each simulation`],
  ['ratio sim / queue', `${ratio.toFixed(3)} (median of the runs' own ratios)`],
  ['events/s (full recording)', `${int(recRate)} (median of ${runs.map((r) => int(r.recRate)).join(', ')}; ${RECORDED_FLOWS} flows on the same topology, to the result as it leaves the worker: frames described, events in time order)`],
  ['ratio recorded / unrecorded', `${recRatio.toFixed(3)} (the same ${RECORDED_FLOWS} flows unrecorded, right after; median of the runs' own ratios)`],
  ['ratio recorded / unrecorded, CPU', `${recCpuRatio.toFixed(3)} (events per CPU-second, recorded over unrecorded; median of ${runs.map((r) => r.recCpuRatio.toFixed(3)).join(', ')})`],
  ['ratio recorded / queue', `${recQueueRatio.toFixed(3)} (median of the runs' own ratios)`],
  ['by CPU time', `recorded ${int(recCpuRate)} events per CPU-second, bare queue ${int(queueCpuRate)}, ratio ${recQueueCpuRatio.toFixed(3)} (the garbage collector's threads counted)`],
  ['page: objects from the run', `${pageMs.toFixed(0)} ms (${pageCpuMs.toFixed(0)} ms CPU) to make every transmission and event an object, as the page does once the run has arrived; run and objects together: ${int(withObjectsCpuRate)} events per CPU-second`],
  ['baseline: encode+decode SYN', `${int(codecRate)} packets/s (${((codec.ms * 1e6) / CODEC_N).toFixed(0)} ns/packet)`],
  ['peak heap / rss', `${mb(peakHeap)} MB / ${mb(peakRss)} MB (recorded runs: heap ${mb(recPeakHeap)} MB)`],
  ['target', `${int(TARGET)} events/s: ${simRate >= TARGET ? 'met' : 'MISSED'}; recorded ${int(RECORDING_TARGET)} events/s: ${recRate >= RECORDING_TARGET ? 'met' : 'MISSED'}`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
console.log(
  `BENCH ${JSON.stringify({
    vms: VMS,
    vips: VIPS,
    flows: FLOWS,
    hostsPerSubnet: PER_SUBNET,
    vlanPorts,
    established: runs[0]!.established,
    events,
    repeats: REPEATS,
    wallMs: Math.round(simMs),
    eventsPerSec: Math.round(simRate),
    nsPerEvent: Math.round(1e9 / simRate),
    eventsPerSecRuns: runs.map((r) => Math.round(r.rate)),
    eventsPerSecFullRecording: Math.round(recRate),
    eventsPerSecFullRecordingRuns: runs.map((r) => Math.round(r.recRate)),
    ratioRecordingToUnrecorded: Number(recRatio.toFixed(4)),
    ratioRecordingToUnrecordedCpu: Number(recCpuRatio.toFixed(4)),
    ratioRecordingToQueue: Number(recQueueRatio.toFixed(4)),
    eventsPerCpuSecFullRecording: Math.round(recCpuRate),
    baselineQueueEventsPerCpuSec: Math.round(queueCpuRate),
    ratioRecordingToQueueCpu: Number(recQueueCpuRatio.toFixed(4)),
    peakHeapRecordingMB: Number(mb(recPeakHeap)),
    pageObjectsMs: Math.round(pageMs),
    pageObjectsCpuMs: Math.round(pageCpuMs),
    eventsPerCpuSecRecordingWithPageObjects: Math.round(withObjectsCpuRate),
    recordingTarget: RECORDING_TARGET,
    recordingTargetMet: recRate >= RECORDING_TARGET,
    baselineQueueEventsPerSec: Math.round(baseRate),
    ratioToQueue: Number(ratio.toFixed(4)),
    codecPacketsPerSec: Math.round(codecRate),
    peakHeapMB: Number(mb(peakHeap)),
    peakRssMB: Number(mb(peakRss)),
    target: TARGET,
    targetMet: simRate >= TARGET,
  })}`,
);
