// Simulator throughput on a generated large topology: events per second, cost per event and peak
// memory, beside baselines measured in the same process (the bare event queue with no device work,
// and the packet codecs alone). Run: npx tsx src-engine/bench/sim.bench.ts [--vms N --vips N --flows N]
import { parseArgs } from 'node:util';
import { decodePacket, encodePacket } from '../packets/index';
import { ethernet, ipv4, tcp } from '../net/build';
import { ipToU32 } from '../net/addr';
import { pocTopology } from '../run/fixtures';
import { runFlows, type FlowSpec } from '../run/flows';
import { simulate } from '../run/simulate';
import { generateTopology } from '../scenarios/generate';
import { createRng } from '../sim/rng';
import { Scheduler } from '../sim/scheduler';
import { parseTopology } from '../topology/validate';

const { values } = parseArgs({ options: { vms: { type: 'string' }, vips: { type: 'string' }, flows: { type: 'string' }, seed: { type: 'string' } } });
const VMS = Number(values.vms ?? 4000);
const VIPS = Number(values.vips ?? 400);
const FLOWS = Number(values.flows ?? 10_000);
const SEED = Number(values.seed ?? 1);

let peakHeap = 0;
let peakRss = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

// 1. The simulation.
const gen = time(() => parseTopology(generateTopology({ vms: VMS, vips: VIPS, seed: SEED })));
if (!gen.value.ok) throw new Error(gen.value.error.map((e) => e.message).join('\n'));
const topology = gen.value.value;
const clients = topology.nodes.filter((n) => n.id.startsWith('Client')).map((n) => n.id);
const vips = topology.slb!.rules.map((r) => ipToU32(r.vip));
const rng = createRng(SEED);
const flows: FlowSpec[] = Array.from({ length: FLOWS }, (_, i) => ({ from: clients[rng.int(0, clients.length - 1)]!, to: vips[rng.int(0, vips.length - 1)]!, port: 443, at: 1_000_000 + i * 50 }));
sample();
const sim = time(() => runFlows(topology, flows, SEED, { full: false }, sample));
sample();
const events = sim.value.events;
const simRate = events / (sim.ms / 1000);

// 2. With full recording (every transmission's bytes and summary, events, table history), as the app
// runs it: the POC's canonical flow, repeated.
const POC_RUNS = 50;
const poc = pocTopology();
const rec = time(() => {
  let n = 0;
  for (let i = 0; i < POC_RUNS; i++) {
    const r = simulate(poc, { from: 'ClientVM', to: 'https://portal.azurestack.local', seed: i + 1 });
    if (r.ok) n += r.value.result.transmissions.length * 2;
  }
  return n;
});
const recRate = rec.value / (rec.ms / 1000);

// 3. Baseline: the bare scheduler, the same number of no-op events at the same kind of spread.
const base = time(() => {
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
});
const baseRate = base.value / (base.ms / 1000);

// 4. Baseline: the codecs alone, encode + decode of a SYN.
const CODEC_N = 100_000;
const layers = [ethernet('00:15:5d:c8:00:0a', '00:15:5d:c8:00:01'), ipv4('192.168.200.10', '192.168.133.74', 6, 1, 128, true), tcp(50000, 443, 1, 0, { syn: true }, 1460)];
const codec = time(() => {
  let ok = 0;
  for (let i = 0; i < CODEC_N; i++) if (decodePacket(encodePacket(layers)).ok) ok++;
  return ok;
});
const codecRate = CODEC_N / (codec.ms / 1000);

const mb = (b: number) => (b / 1048576).toFixed(1);
const rows: [string, string][] = [
  ['topology', `${topology.nodes.length} nodes (${VMS} VMs), ${VIPS} VIPs, generated + validated in ${gen.ms.toFixed(0)} ms`],
  ['flows', `${FLOWS} TCP handshakes via router, MUX (VXLAN) and VFP; ${sim.value.established} established`],
  ['simulated events', String(events)],
  ['wall time', `${sim.ms.toFixed(0)} ms`],
  ['events/s (no recording)', simRate.toFixed(0)],
  ['ns per event', ((sim.ms * 1e6) / events).toFixed(0)],
  ['events/s (full recording)', `${recRate.toFixed(0)} (POC canonical run x ${POC_RUNS}, ~${(rec.value / POC_RUNS).toFixed(0)} frame events each)`],
  ['baseline: bare event queue', `${baseRate.toFixed(0)} events/s (${((base.ms * 1e6) / base.value).toFixed(0)} ns/event)`],
  ['ratio sim / queue', (simRate / baseRate).toFixed(3)],
  ['baseline: encode+decode SYN', `${codecRate.toFixed(0)} packets/s (${((codec.ms * 1e6) / CODEC_N).toFixed(0)} ns/packet)`],
  ['peak heap / rss', `${mb(peakHeap)} MB / ${mb(peakRss)} MB`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
console.log(
  `BENCH ${JSON.stringify({
    vms: VMS,
    vips: VIPS,
    flows: FLOWS,
    established: sim.value.established,
    events,
    wallMs: Math.round(sim.ms),
    eventsPerSec: Math.round(simRate),
    nsPerEvent: Math.round((sim.ms * 1e6) / events),
    eventsPerSecFullRecording: Math.round(recRate),
    baselineQueueEventsPerSec: Math.round(baseRate),
    ratioToQueue: Number((simRate / baseRate).toFixed(4)),
    codecPacketsPerSec: Math.round(codecRate),
    peakHeapMB: Number(mb(peakHeap)),
    peakRssMB: Number(mb(peakRss)),
    target: 1_000_000,
  })}`,
);
