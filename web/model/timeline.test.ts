import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src-engine/engine';
import type { RunResult } from '../../src-engine/protocol';
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
