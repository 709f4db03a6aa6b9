// Codec throughput on the hottest packet the simulator makes: a VXLAN-encapsulated TCP SYN (outer
// eth/ipv4/udp/vxlan + inner eth/ipv4/tcp with MSS). Measured beside plainly copying the same bytes, in the
// same run, so the figure means something on any machine. Run: npx tsx src-engine/bench/codecs.bench.ts
import { decodePacket, encodePacket, type Layer } from '../packets/index';
import { vxlanSyn } from '../packets/samples';

const COUNT = Number(process.env.BENCH_COUNT ?? 300_000);
const FIELDS_COUNT = Math.max(1, Math.floor(COUNT / 20));
const WARMUP = Math.min(200_000, COUNT);
// The cases take turns in rounds, and each reports its median round: a machine busy with other work then
// slows every case alike instead of whichever ran at the wrong moment.
const ROUNDS = 5;
const TARGET_PPS = 1_000_000;

const layers: readonly Layer[] = vxlanSyn();
const bytes = encodePacket(layers);

// Every step's result goes into `sink`, which is printed, so no work can be optimised away.
let sink = 0;

/** Runs `step` `count` times and returns packets per second. */
function measure(count: number, step: () => number): number {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) sink = (sink + step()) | 0;
  return count / ((performance.now() - t0) / 1000);
}

const cases: { name: string; count: number; step: () => number }[] = [
  { name: 'copy: new Uint8Array + set', count: COUNT, step: () => { const c = new Uint8Array(bytes.length); c.set(bytes); return c[20]!; } },
  { name: 'copy: slice', count: COUNT, step: () => bytes.slice()[20]! },
  { name: 'encode', count: COUNT, step: () => encodePacket(layers)[24]! },
  { name: 'decode', count: COUNT, step: () => { const r = decodePacket(bytes); return r.ok ? r.value.layers.length : -1; } },
  { name: 'encode + decode', count: COUNT, step: () => { const r = decodePacket(encodePacket(layers)); return r.ok ? r.value.layers.length : -1; } },
  { name: 'decode + field spans', count: FIELDS_COUNT, step: () => { const r = decodePacket(bytes); return r.ok ? r.value.fields.length : -1; } },
];

for (const c of cases) measure(Math.min(WARMUP, c.count), c.step);
const rounds: number[][] = cases.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  cases.forEach((c, i) => rounds[i]!.push(measure(Math.ceil(c.count / ROUNDS), c.step)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const results = cases.map((c, i) => ({ name: c.name, pps: median(rounds[i]!) }));

const baseline = results[0]!.pps;
const mb = (pps: number) => (pps * bytes.length) / 1e6;
console.log(`packet: VXLAN-encapsulated TCP SYN, ${bytes.length} bytes, ${layers.length} layers; ${COUNT} iterations per case in ${ROUNDS} rounds (median shown)`);
console.log('case                          packets/s      MB/s   x copy');
for (const r of results) {
  console.log(`${r.name.padEnd(28)} ${Math.round(r.pps).toLocaleString('en-US').padStart(11)} ${mb(r.pps).toFixed(1).padStart(9)} ${(r.pps / baseline).toFixed(3).padStart(8)}`);
}
const both = results.find((r) => r.name === 'encode + decode')!.pps;
console.log(`encode + decode: ${Math.round(both).toLocaleString('en-US')} packets/s, target ${TARGET_PPS.toLocaleString('en-US')}: ${both >= TARGET_PPS ? 'met' : 'MISSED'}`);
console.log(
  'BENCH ' +
    JSON.stringify({
      packetBytes: bytes.length,
      iterations: COUNT,
      cases: Object.fromEntries(results.map((r) => [r.name, { pps: Math.round(r.pps), mbps: Number(mb(r.pps).toFixed(1)), vsCopy: Number((r.pps / baseline).toFixed(4)) }])),
      encodeDecodePps: Math.round(both),
      targetPps: TARGET_PPS,
      targetMet: both >= TARGET_PPS,
      sink,
    }),
);
