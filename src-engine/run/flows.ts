// Many flows in one run, for the benchmark: each a TCP connection from a node to an address and
// port, started at its own time after the control plane is up. Untraced (tag 0).
import { SECOND } from '../sim/timing';
import type { Topology } from '../topology/schema';
import type { RecordOptions } from '../trace/recorder';
import type { NodeRt } from '../devices/node';
import type { TcpHandlers } from '../devices/tcp';
import { buildWorld, type World } from './world';

export interface FlowSpec {
  readonly from: string;
  readonly to: number;
  readonly port: number;
  readonly at: number;
}

export interface FlowsRun {
  readonly world: World;
  readonly events: number;
  readonly established: number;
}

export function runFlows(topology: Topology, flows: readonly FlowSpec[], seed: number, record: RecordOptions, onProgress?: () => void): FlowsRun {
  const world = buildWorld(topology, { seed, icmpRedirects: false, record });
  const { sched } = world.ctx;
  for (const node of world.nodes.values()) for (const boot of node.boot) sched.at(0, boot);
  let established = 0;
  let last = 0;
  const handlers: TcpHandlers = { onEstablished: () => established++ };
  const start = (node: NodeRt, f: FlowSpec): void => void node.tcp.connect(f.to, f.port, handlers, 0);
  for (const f of flows) {
    const node = world.nodes.get(f.from);
    if (!node) throw new Error(`runFlows: no node ${f.from}`);
    last = Math.max(last, f.at);
    sched.call(f.at, start, node, f, undefined);
  }
  sched.run(last + 2 * SECOND, onProgress ? () => ((sched.processed & 0xffff) === 0 ? (onProgress(), false) : false) : undefined);
  return { world, events: sched.processed, established };
}
