// Scale: a 20,000-frame flood and a 50,000-frame run build their timeline in one pass, with the same answers
// a small run gets (one step per flood, each forwarded frame linked to the frame that brought it).
import { describe, expect, it } from 'vitest';
import type { RunResult, Transmission } from '../../src-engine/protocol';
import { buildTimeline } from './buildTimeline';
import { stepAtTime } from './timeline';
import { nodeId } from '../../src-engine/view/ids';

const SW = 'sw';
const mac = (n: number) => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x15, 0x5d, (n >> 16) & 255, (n >> 8) & 255, n & 255]);

function tx(id: number, time: number, fromNode: string, toNode: string, flowId?: string, src = 1): Transmission {
  return { id, time, arrive: time + 20, fromNode: nodeId(fromNode), fromInterface: 'e', toNode: nodeId(toNode), toInterface: 'e', protocol: 'arp', summary: '', bytes: mac(src), ...(flowId ? { flowId } : {}) };
}

function result(transmissions: Transmission[]): RunResult {
  return { request: { from: 'a', to: 'b' }, seed: 1, trace: { id: 'flow', description: '', disposition: 'delivered', reason: '', hops: [], returnHops: [] }, transmissions, events: [], endTime: 1e9, attempts: [] };
}

describe('buildTimeline at scale', () => {
  it('makes a 20,000-frame flood one step, every frame linked to the broadcast that brought it', () => {
    const frames = [tx(0, 0, 'A', SW, undefined, 7)];
    for (let i = 1; i <= 20_000; i++) frames.push(tx(i, 100, SW, `N${i}`, undefined, 7));
    const tl = buildTimeline(result(frames), SW);
    expect(tl.steps).toHaveLength(2);
    expect(tl.steps[1]!.txIds).toHaveLength(20_000);
    expect(tl.cameFrom.get(20_000)).toBe(0);
    expect(tl.cameFrom.size).toBe(20_000);
  });

  it('links 50,000 frames of 1,000 flows through one busy router, each to its own flow', () => {
    const frames: Transmission[] = [];
    let id = 0;
    for (let k = 0; k < 25_000; k++) {
      const flow = `f${k % 1000}`;
      frames.push(tx(id++, k * 100, `C${k % 1000}`, 'R', flow));
      frames.push(tx(id++, k * 100 + 50, 'R', 'S', flow));
    }
    const tl = buildTimeline(result(frames), SW);
    expect(tl.steps).toHaveLength(50_000);
    for (let k = 0; k < 25_000; k += 997) expect(tl.cameFrom.get(2 * k + 1)).toBe(2 * k);
    expect(stepAtTime(tl.steps, 100 * 12_345 + 1)).toBe(2 * 12_345 + 1);
    expect(stepAtTime(tl.steps, 1e12)).toBe(49_999);
    expect(stepAtTime(tl.steps, -1)).toBe(0);
  });
});
