// What the page and the CLI read from a run, pinned by digest: every transmission (bytes, summary, note,
// ends, times, flow), every event, the traces and every table at every time a table changed. Speeding up
// the recorder, the tracer or the way devices hand them frames and sentences must not change one of them.
// A change in behaviour is meant to change them: then check what changed, and regenerate the digests
// (see RUN_SHA256).
import { createHash, type Hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunRequest, SimTime } from '../protocol';
import { ipToU32 } from '../net/addr';
import { generateTopology } from '../scenarios/generate';
import { createRng } from '../sim/rng';
import { parseTopology } from '../topology/validate';
import { tablesAt, type TableChange } from '../trace/tableLog';
import { eventsOf, transmissionAt, type RunLog } from '../view/runLog';
import { pocTopology } from './fixtures';
import { runFlows, type FlowSpec } from './flows';
import { simulate } from './simulate';

const S = 1_000_000;

/** Byte arrays as hex, so that a frame's bytes count, not how they are stored (each array written once: copies of a frame share theirs). */
const hexOf = new WeakMap<Uint8Array, string>();
function hex(v: Uint8Array): string {
  let h = hexOf.get(v);
  if (h === undefined) hexOf.set(v, (h = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')));
  return h;
}
const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? hex(v) : v));

/** Every transmission and event of a log, one at a time (a generated run has half a million). */
function hashLog(h: Hash, log: RunLog): void {
  for (let i = 0; i < log.count; i++) {
    const t = transmissionAt(log, i);
    h.update(JSON.stringify({ ...t, bytes: hex(t.bytes) }));
  }
  // Events carry no bytes.
  for (const e of eventsOf(log)) h.update(JSON.stringify(e));
}

/** Every node's tables at every time one of its tables changed, and at the end. */
function hashTables(h: Hash, tableLog: readonly TableChange[], nodes: readonly string[], end: SimTime): void {
  const times = new Map<string, Set<SimTime>>();
  for (const c of tableLog) {
    let t = times.get(c.node);
    if (!t) times.set(c.node, (t = new Set()));
    t.add(c.time);
  }
  for (const node of nodes) for (const t of [...(times.get(node) ?? []), end]) h.update(`${node}@${t}:${json(tablesAt(tableLog, node, t))}`);
}

/** The page's whole reading of a POC run, as `npm run trace` and the app make it. */
function pocDigest(request: Partial<RunRequest>): string {
  const r = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!r.ok) throw new Error(r.error.message);
  const run = r.value;
  const h = createHash('sha256');
  const { log, ...rest } = run.wire;
  h.update(json(rest));
  hashLog(h, log);
  h.update(json(run.result));
  hashTables(h, run.tableLog, [...run.nodes, run.switchId], run.result.endTime);
  return h.digest('hex');
}

/** The benchmark's recorded run: 2,000 flows on the generated 4,000-VM topology (src-engine/bench/sim.bench.ts). */
function generatedDigest(): string {
  const seed = 1;
  const parsed = parseTopology(generateTopology({ vms: 4000, vips: 400, seed, hostsPerSubnet: 250 }));
  if (!parsed.ok) throw new Error(parsed.error.map((e) => e.message).join('\n'));
  const topology = parsed.value;
  const clients = topology.nodes.filter((n) => n.id.startsWith('Client')).map((n) => n.id);
  const vips = topology.slb!.rules.map((r) => ipToU32(r.vip));
  const rng = createRng(seed);
  const flows: FlowSpec[] = Array.from({ length: 2000 }, (_, i) => ({ from: clients[rng.int(0, clients.length - 1)]!, to: vips[rng.int(0, vips.length - 1)]!, port: 443, at: 1_000_000 + i * 50 }));
  const run = runFlows(topology, flows, seed, { full: true });
  const { rec, sched } = run.world.ctx;
  const log = rec.log();
  const h = createHash('sha256');
  h.update(`${run.events} ${run.established} ${log.count} ${log.order.length}`);
  hashLog(h, log);
  // Each change as it was made, then every node's tables at the end (replaying every time of 4,000 nodes would take minutes).
  for (const c of rec.tableLog) h.update(json({ time: c.time, node: c.node, table: c.table, key: c.key, row: c.row }));
  hashTables(h, [], [...run.world.nodes.keys(), run.world.sw.id], sched.now);
  return h.digest('hex');
}

/** The POC runs pinned: the canonical run and runs that end every other way. */
const POC_RUNS: Record<string, Partial<RunRequest>> = {
  canonical: {},
  failMuxVM: { whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] },
  loop: { to: '192.168.133.50' },
  icmpRedirects: { knobs: { icmpRedirects: true } },
  neighborUnreachable: { to: '10.0.0.99' },
};

/**
 * sha256 of each run's reading. To regenerate after an intended change in behaviour: run
 * `UPDATE_RUN_SHA256=1 npx vitest run src-engine/run/runDigest.test.ts`, which prints the new digests,
 * look at what changed, and paste them here.
 */
const RUN_SHA256: Record<keyof typeof POC_RUNS | 'generated', string> = {
  canonical: 'fe1ae4ee7001ff54663931744b72bdc09301045214ae5b74cc0b81089fb14917',
  failMuxVM: '43a412a5f7390a8b186a9ebcf2c3900980161f19dc778108198416274d9e324f',
  loop: 'a9a7e3923a38feb8949a1e43c330edb4e1ab3887fddaa183b72718be58a43656',
  icmpRedirects: '8ca86116329718dc67b94d3010d37c52fe618a82c7442e6cc31933cbcc78170d',
  neighborUnreachable: 'aeae98780844b4d306385da92c625f191a7ad36126384d3f347b6ffb2c25f601',
  generated: '59e5a5d0cb2b27d9724912fc992931d8f12bfc9268638c7f52eb4e4590f2c0ad',
};

describe("what the page and the CLI read from a run is the same, frame for frame and sentence for sentence", () => {
  for (const name of Object.keys(POC_RUNS)) {
    it(name, () => {
      const digest = pocDigest(POC_RUNS[name]!);
      if (process.env.UPDATE_RUN_SHA256) console.log(`${name}: '${digest}',`);
      expect(digest).toBe(RUN_SHA256[name]);
    });
  }
  it('generated: 2,000 flows on 4,000 VMs', { timeout: 120_000 }, () => {
    const digest = generatedDigest();
    if (process.env.UPDATE_RUN_SHA256) console.log(`generated: '${digest}',`);
    expect(digest).toBe(RUN_SHA256.generated);
  });
});
