import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-engine/engine';
import type { RunResult, Transmission } from '../../src-engine/protocol';
import { encodePacket } from '../../src-engine/packets/encode';
import { bgpSession, synAtClient } from '../../src-engine/packets/samples';
import { decodeFrame, frameIdentity, viewFrame } from '../../src-engine/view/index';
import { diffLayers } from '../inspector/diffLayers';
import { nextVisibleStep } from './filters';
import { flowParts, hopContext, hopTransmission } from './hops';
import { buildTimeline, stepAtTime, type Timeline } from './timeline';

const SW = 'CCI_External_vSwitch';
let result: RunResult;
let tl: Timeline;

beforeAll(async () => {
  const engine = createEngine();
  await engine.loadTopology();
  const r = await engine.run({ from: 'ClientVM', to: 'https://portal.azurestack.local' });
  if (!r.ok) throw new Error(r.error.message);
  result = r.value;
  tl = buildTimeline(result, SW);
});

const txWhere = (pred: (t: RunResult['transmissions'][number]) => boolean) => result.transmissions.find(pred)!;

describe('buildTimeline on the canonical run', () => {
  it('groups a flood into one step and gives every frame and event a step, in time order', () => {
    const flood = tl.steps.find((s) => s.txIds.length > 1 && s.fromNode === SW)!;
    expect(flood.protocols).toEqual(['arp']);
    expect(tl.stepOfTx.size).toBe(result.transmissions.length);
    expect(tl.stepOfEvent.size).toBe(result.events.length);
    for (let i = 1; i < tl.steps.length; i++) expect(tl.steps[i]!.time).toBeGreaterThanOrEqual(tl.steps[i - 1]!.time);
    for (const e of result.events) {
      const s = tl.steps[tl.stepOfEvent.get(e.id)!]!;
      if (e.kind === 'transmission') expect(s.txIds).toContain(e.transmissionId);
      else expect(s.time).toBeLessThanOrEqual(Math.max(e.time, tl.steps[0]!.time));
    }
  });

  it('links each forwarded frame to the frame that brought it: the VXLAN frame into the switch, then on to PortalVM', () => {
    const vxlan = txWhere((t) => t.protocol === 'vxlan' && t.flowId === 'flow');
    const toPortal = txWhere((t) => t.fromNode === SW && t.toNode === 'PortalVM' && t.flowId === 'flow');
    expect(tl.cameFrom.get(toPortal.id)).toBe(vxlan.id);
    const intoMux = txWhere((t) => t.toNode === 'MuxVM' && t.flowId === 'flow');
    expect(tl.cameFrom.get(vxlan.id)).toBe(intoMux.id);
    const first = txWhere((t) => t.fromNode === 'ClientVM' && t.flowId === 'flow');
    expect(tl.cameFrom.has(first.id)).toBe(false);
  });

  it('links each frame of a step that holds several to its own packet: the KEEPALIVE and the UPDATE through the switch', () => {
    const bgp = (from: string, to: string, type: string) =>
      txWhere((t) => t.protocol === 'bgp' && t.fromNode === from && t.toNode === to && viewFrame(t.bytes).tokenLabel === `BGP ${type}`);
    const sent = { keepalive: bgp('MuxVM', SW, 'KEEPALIVE'), update: bgp('MuxVM', SW, 'UPDATE') };
    const fwd = { keepalive: bgp(SW, 'BGPVM', 'KEEPALIVE'), update: bgp(SW, 'BGPVM', 'UPDATE') };
    // Sent in one step by MuxVM, forwarded in one step by the switch: the UPDATE is the later of the two arrivals.
    expect(tl.stepOfTx.get(sent.keepalive.id)).toBe(tl.stepOfTx.get(sent.update.id));
    expect(tl.stepOfTx.get(fwd.keepalive.id)).toBe(tl.stepOfTx.get(fwd.update.id));
    expect(tl.cameFrom.get(fwd.keepalive.id)).toBe(sent.keepalive.id);
    expect(tl.cameFrom.get(fwd.update.id)).toBe(sent.update.id);
    // So what the hop changed is nothing: no NLRI or path attribute removed.
    const layers = (t: Transmission) => decodeFrame(t.bytes)!.layers;
    expect(diffLayers(layers(sent.keepalive), layers(fwd.keepalive))).toEqual({ added: [], removed: [], changes: [] });
    expect(diffLayers(layers(sent.update), layers(fwd.update))).toEqual({ added: [], removed: [], changes: [] });
  });

  it('links every forwarded frame of the run to a frame carrying the same packet, never another one', () => {
    let linked = 0;
    for (const [to, from] of tl.cameFrom) {
      const a = tl.tx.get(from)!;
      const b = tl.tx.get(to)!;
      expect(frameIdentity(b.bytes), `#${to} comes from #${from}`).toBe(frameIdentity(a.bytes));
      linked++;
    }
    expect(linked).toBeGreaterThan(60);
  });

  it('takes the earlier arrival when it is the same packet, and none when no arrival carried it', () => {
    const session = bgpSession();
    const [keepalive, update] = [session[2]!, session[4]!].map((l) => encodePacket(l));
    const base = { fromInterface: 'p', protocol: 'bgp' as const, summary: '', flowId: 'bgp' };
    const tx = [
      { ...base, id: 0, time: 0, arrive: 10, fromNode: 'A', toNode: SW, toInterface: 'p', bytes: keepalive! },
      { ...base, id: 1, time: 0, arrive: 10, fromNode: 'A', toNode: SW, toInterface: 'p', bytes: update! },
      { ...base, id: 2, time: 20, arrive: 30, fromNode: SW, toNode: 'B', toInterface: 'p', bytes: new Uint8Array(keepalive!) },
      { ...base, id: 3, time: 20, arrive: 30, fromNode: SW, toNode: 'B', toInterface: 'p', bytes: new Uint8Array(update!) },
      { ...base, id: 4, time: 40, arrive: 50, fromNode: 'B', toNode: SW, toInterface: 'p', bytes: new Uint8Array(keepalive!) },
      { ...base, id: 5, time: 40, arrive: 50, fromNode: SW, toNode: 'C', toInterface: 'p', bytes: encodePacket(synAtClient()) },
    ];
    const run = { transmissions: tx, events: [] } as unknown as RunResult;
    const links = buildTimeline(run, SW).cameFrom;
    expect(links.get(2)).toBe(0);
    expect(links.get(3)).toBe(1);
    expect(links.get(4)).toBe(2);
    expect(links.has(5)).toBe(false);
  });

  it('finds the step at a time, and skips hidden protocols when stepping', () => {
    expect(stepAtTime(tl.steps, 0)).toBe(0);
    expect(stepAtTime(tl.steps, Number.MAX_SAFE_INTEGER)).toBe(tl.steps.length - 1);
    const firstArp = tl.steps.findIndex((s) => s.protocols.includes('arp'));
    const next = nextVisibleStep(tl.steps, firstArp - 1, 1, ['arp']);
    expect(tl.steps[next!]!.protocols).not.toEqual(['arp']);
    expect(nextVisibleStep(tl.steps, tl.steps.length - 1, 1, [])).toBeUndefined();
    expect(nextVisibleStep(tl.steps, 0, -1, [])).toBeUndefined();
  });
});

describe('hopContext', () => {
  it('names the MuxVM hop for the VXLAN frame, and the PortalVM hop as the end of the request', () => {
    const parts = flowParts(result);
    expect(parts.map((p) => p.key)).toEqual(['dns', 'dns-reply', 'flow', 'flow-reply']);
    const vxlan = txWhere((t) => t.protocol === 'vxlan' && t.flowId === 'flow');
    expect(hopContext(parts, vxlan).sender?.hop.node).toBe('MuxVM');
    const toPortal = txWhere((t) => t.toNode === 'PortalVM' && t.flowId === 'flow');
    const ctx = hopContext(parts, toPortal);
    expect(ctx.sender?.hop.node).toBe(SW);
    expect(ctx.receiver?.hop.node).toBe('PortalVM');
    expect(ctx.receiver?.index).toBe(parts[2]!.hops.length - 1);
  });

  it('has no hop for background frames, and a frame for every hop', () => {
    const arp = txWhere((t) => t.protocol === 'arp');
    expect(hopContext(flowParts(result), arp)).toEqual({});
    const part = flowParts(result)[2]!;
    part.hops.forEach((_, i) => expect(hopTransmission(part, i)).toBeTypeOf('number'));
  });
});
