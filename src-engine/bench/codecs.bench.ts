// Codec throughput on the hottest packet the simulator makes: a VXLAN-encapsulated TCP SYN (outer
// eth/ipv4/udp/vxlan + inner eth/ipv4/tcp with MSS). Measured beside plainly copying the same bytes, in the
// same run, so the figure means something on any machine. Run: npx tsx src-engine/bench/codecs.bench.ts
//
// Two ways to encode, both reported:
// - encodePacket: a new byte array per packet (cut from a slab, see packets/slab.ts), what the simulator uses;
// - encodePacketInto: into a buffer the caller reuses, no allocation at all.
// The target (1,000,000 packets/s for encode + decode on one core) is checked on encodePacketInto + decode,
// and the encodePacket + decode figure is printed beside it.
import { decodePacket, encodePacket, encodePacketInto, type Layer } from '../packets/index';
import { vxlanSyn } from '../packets/samples';

const COUNT = Number(process.env.BENCH_COUNT ?? 300_000);
const FIELDS_COUNT = Math.max(1, Math.floor(COUNT / 20));
const WARMUP = Math.min(200_000, COUNT);
// The cases take turns in rounds, and each reports its median round: a machine busy with other work then
// slows every case alike instead of whichever ran at the wrong moment.
const ROUNDS = 7;
const TARGET_PPS = 1_000_000;

const layers: readonly Layer[] = vxlanSyn();
const bytes = encodePacket(layers);
const reused = new Uint8Array(2048);

// Every step's result goes into `sink`, which is printed, so no work can be optimised away.
let sink = 0;

/** Runs `step` `count` times and returns packets per second. */
function measure(count: number, step: () => number): number {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) sink = (sink + step()) | 0;
  return count / ((performance.now() - t0) / 1000);
}

const ENCODE_DECODE_INTO = 'encodeInto + decode';
const ENCODE_DECODE = 'encode + decode';
const cases: { name: string; what: string; count: number; step: () => number }[] = [
  { name: 'copy: new Uint8Array + set', what: 'baseline: a new 108-byte array per packet, filled', count: COUNT, step: () => { const c = new Uint8Array(bytes.length); c.set(bytes); return c[20]!; } },
  { name: 'copy: slice', what: 'baseline: bytes.slice()', count: COUNT, step: () => bytes.slice()[20]! },
  { name: 'encode', what: 'encodePacket: a new array per packet', count: COUNT, step: () => encodePacket(layers)[24]! },
  { name: 'encodeInto', what: 'encodePacketInto: a reused buffer', count: COUNT, step: () => encodePacketInto(layers, reused, 0) },
  { name: 'decode', what: 'decodePacket, no field spans', count: COUNT, step: () => { const r = decodePacket(bytes); return r.ok ? r.value.layers.length : -1; } },
  { name: ENCODE_DECODE, what: 'encodePacket, then decode it', count: COUNT, step: () => { const r = decodePacket(encodePacket(layers)); return r.ok ? r.value.layers.length : -1; } },
  {
    name: ENCODE_DECODE_INTO,
    what: 'encodePacketInto, then decode it (target)',
    count: COUNT,
    step: () => {
      const n = encodePacketInto(layers, reused, 0);
      const r = decodePacket(reused.subarray(0, n));
      return r.ok ? r.value.layers.length : -1;
    },
  },
  { name: 'decode + field spans', what: 'decodePacket, then read .fields', count: FIELDS_COUNT, step: () => { const r = decodePacket(bytes); return r.ok ? r.value.fields.length : -1; } },
];

for (const c of cases) measure(Math.min(WARMUP, c.count), c.step);
const rounds: number[][] = cases.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  cases.forEach((c, i) => rounds[i]!.push(measure(Math.ceil(c.count / ROUNDS), c.step)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const results = cases.map((c, i) => ({ name: c.name, what: c.what, pps: median(rounds[i]!) }));

const baseline = results[0]!.pps;
const mb = (pps: number) => (pps * bytes.length) / 1e6;
console.log(`packet: VXLAN-encapsulated TCP SYN, ${bytes.length} bytes, ${layers.length} layers; ${COUNT} iterations per case in ${ROUNDS} rounds (median shown)`);
console.log(`${'case'.padEnd(22)} ${'packets/s'.padStart(11)} ${'MB/s'.padStart(8)} ${'x copy'.padStart(7)}  what`);
for (const r of results) {
  console.log(`${r.name.padEnd(22)} ${Math.round(r.pps).toLocaleString('en-US').padStart(11)} ${mb(r.pps).toFixed(1).padStart(8)} ${(r.pps / baseline).toFixed(3).padStart(7)}  ${r.what}`);
}
const into = results.find((r) => r.name === ENCODE_DECODE_INTO)!.pps;
const alloc = results.find((r) => r.name === ENCODE_DECODE)!.pps;
const verdict = (pps: number) => (pps >= TARGET_PPS ? 'met' : 'MISSED');
console.log(`target ${TARGET_PPS.toLocaleString('en-US')} packets/s, encode + decode on one core:`);
console.log(`  encodePacketInto (reused buffer) + decode: ${Math.round(into).toLocaleString('en-US')} packets/s: ${verdict(into)}`);
console.log(`  encodePacket (new array per packet) + decode: ${Math.round(alloc).toLocaleString('en-US')} packets/s: ${verdict(alloc)}`);
console.log(
  'BENCH ' +
    JSON.stringify({
      packetBytes: bytes.length,
      iterations: COUNT,
      cases: Object.fromEntries(results.map((r) => [r.name, { pps: Math.round(r.pps), mbps: Number(mb(r.pps).toFixed(1)), vsCopy: Number((r.pps / baseline).toFixed(4)) }])),
      encodeDecodePps: Math.round(alloc),
      encodeIntoDecodePps: Math.round(into),
      targetCase: ENCODE_DECODE_INTO,
      targetPps: TARGET_PPS,
      targetMet: into >= TARGET_PPS,
      sink,
    }),
);
