import { describe, expect, it } from 'vitest';
import type { FlowTrace, RunResult, Transmission } from '../../src-engine/protocol';
import type { Geometry, Rect } from '../diagram/geometry';
import { buildTimeline } from '../model/buildTimeline';
import { dropMarkers, lineCount, markerBox } from './dropMarkers';
import { CHAR_EM } from './measure';
import { nodeId } from '../../src-engine/view/ids';

const geo: Geometry = {
  switchId: 'SW',
  switchMidY: 0,
  wires: () => [],
  overlayText: () => [],
  devices: () => [],
  bounds: undefined,
  box: (id) => ({ A: { x: 0, y: 0, width: 100, height: 50 }, B: { x: 200, y: 0, width: 100, height: 50 } })[id],
  nic: () => undefined,
  port: () => undefined,
  vfpX: undefined,
  tunnel: () => undefined,
};
const tx = (id: number, time: number, fromNode: string, toNode: string): Transmission => ({ id, time, arrive: time + 20, fromNode: nodeId(fromNode), fromInterface: 'eth0', toNode: nodeId(toNode), toInterface: 'eth0', protocol: 'tcp', summary: '', bytes: new Uint8Array(), flowId: 'flow' });
const trace = (disposition: FlowTrace['disposition']): FlowTrace => ({
  id: 'flow',
  description: 'A to B',
  disposition,
  reason: 'the TTL ran out at B: a loop',
  hops: [
    { node: nodeId('A'), interface: 'eth0', time: 0, steps: [], layers: [], transmissionId: 0, why: '' },
    { node: nodeId('B'), interface: 'eth0', time: 30, steps: [], layers: [], why: '' },
  ],
  returnHops: [],
  // As the engine says it: the packet died at its last hop, B, brought there by transmission 0.
  ...(disposition === 'delivered' ? {} : { diedAt: { node: nodeId('B'), leg: 'forward' as const, hop: 1, transmissionId: 0 } }),
});
const run = (t: FlowTrace): RunResult => ({
  request: { from: 'A', to: 'B' },
  seed: 1,
  trace: t,
  attempts: [t],
  transmissions: [tx(0, 0, 'A', 'SW'), tx(1, 100, 'A', 'SW')],
  events: [
    { id: 0, time: 0, kind: 'transmission', node: nodeId('A'), protocol: 'other', transmissionId: 0, summary: '' },
    { id: 1, time: 50, kind: 'drop', reason: 'node-down', node: nodeId('B'), summary: 'B: frame lost' },
    { id: 2, time: 100, kind: 'transmission', node: nodeId('A'), protocol: 'other', transmissionId: 1, summary: '' },
  ],
  endTime: 200,
});

describe('dropMarkers', () => {
  it('shows where the flow died, with a short line and the whole reason, once the playhead has got there', () => {
    const result = run(trace('ttl-exceeded'));
    const tl = buildTimeline(result, 'SW');
    const markers = dropMarkers(geo, result, tl, 0);
    // B also dropped a frame of its own: its line stays, under the flow's, and its reason with it (the flow's had hidden it).
    expect(markers).toEqual([{ key: 'flow:flow', node: nodeId('B'), x: 204, y: 53, text: 'flow died: TTL exceeded', detail: 'TTL exceeded: the TTL ran out at B: a loop', own: { text: 'frame lost', detail: 'B: frame lost' }, flow: true, maxWidth: undefined }]);
  });
  it('keeps a dropped frame visible from its step on, and shows nothing for a delivered flow', () => {
    const result = run(trace('delivered'));
    const tl = buildTimeline(result, 'SW');
    // Under B, its line leaves out "B: "; the whole summary is its detail.
    expect(dropMarkers(geo, result, tl, 0).map((m) => [m.text, m.detail])).toEqual([['frame lost', 'B: frame lost']]);
    expect(dropMarkers(geo, result, tl, 1).map((m) => m.text)).toEqual(['frame lost']);
  });
  it('stands where the engine says the flow died: under A, where its answer died, from the step of the answer\'s transmission', () => {
    const died: FlowTrace = {
      ...trace('no-route'),
      reason: 'B accepts the connection, but the answer never came back: A has no route',
      returnHops: [
        { node: nodeId('B'), interface: 'eth0', time: 100, steps: [], layers: [], transmissionId: 1, why: '' },
        { node: nodeId('A'), interface: 'eth0', time: 120, steps: [], layers: [], why: '' },
      ],
      diedAt: { node: nodeId('A'), leg: 'return', hop: 1, transmissionId: 1 },
    };
    const result = run(died);
    const tl = buildTimeline(result, 'SW');
    const answerStep = tl.stepOfTx.get(1)!;
    expect(answerStep).toBeGreaterThan(0);
    // (Its width is the row's business: B's dropped frame stands to its right.)
    expect(dropMarkers(geo, result, tl, answerStep).filter((m) => m.flow).map(({ maxWidth: _, ...m }) => m)).toEqual([
      { key: 'flow:flow', node: nodeId('A'), x: 4, y: 53, text: 'flow died: no route', detail: 'no route: B accepts the connection, but the answer never came back: A has no route', flow: true },
    ]);
    // Not before the answer left B.
    expect(dropMarkers(geo, result, tl, answerStep - 1).filter((m) => m.flow)).toEqual([]);
  });

  it('wraps a label before it reaches the marker of the node to its right on the same row', () => {
    const base = run(trace('ttl-exceeded'));
    const result: RunResult = { ...base, events: [...base.events, { id: 3, time: 100, kind: 'drop', reason: 'node-down', node: nodeId('A'), summary: 'A: ARP for 10.0.0.2 failed after 3 tries' }] };
    const tl = buildTimeline(result, 'SW');
    const byNode = Object.fromEntries(dropMarkers(geo, result, tl, tl.steps.length - 1).map((m) => [m.node, m.maxWidth]));
    // A's label stops 6 px short of B's marker (at 204); B has the row to itself.
    expect(byNode).toEqual({ A: 194, B: undefined });
  });

  it('leaves out what died before step `since` (a lesson chapter\'s first step)', () => {
    const result = run(trace('ttl-exceeded'));
    const tl = buildTimeline(result, 'SW');
    const dropStep = tl.stepOfEvent.get(1)!;
    expect(dropMarkers(geo, result, tl, tl.steps.length - 1, 0).map((m) => m.text)).toEqual(['flow died: TTL exceeded']);
    expect(dropMarkers(geo, result, tl, tl.steps.length - 1, dropStep + 1)).toEqual([]);
    expect(dropMarkers(geo, result, tl, tl.steps.length - 1, dropStep).map((m) => m.key)).toEqual(['flow:flow']);
  });

  it('widens a label that would wrap down over the device below, and moves the next marker right, still under its device', () => {
    // Two devices side by side (a row gap of 68 under them, as the layout's), a device of the row in front below.
    const boxes: Record<string, Rect> = { A: { x: 0, y: 0, width: 180, height: 76 }, B: { x: 214, y: 0, width: 180, height: 76 }, C: { x: 107, y: 144, width: 180, height: 76 } };
    const rowGeo: Geometry = { ...geo, box: (id) => boxes[id], devices: () => Object.values(boxes), bounds: { x: 0, y: 0, width: 1200, height: 400 } };
    const base = run(trace('delivered'));
    const result: RunResult = { ...base, events: [...base.events, { id: 3, time: 100, kind: 'drop', reason: 'neighbor-unreachable', node: nodeId('A'), summary: 'A: ARP for 192.168.100.6 failed after 3 tries' }] };
    const tl = buildTimeline(result, 'SW');
    const [b, a] = dropMarkers(rowGeo, result, tl, tl.steps.length - 1, 0, 1.75);
    // Wrapped before B's marker (204 wide) it took 4 lines (114 units) down over C's name; 2 lines fit above C (63).
    const measure = (t: string) => t.length * CHAR_EM * 21;
    const chrome = 2 * 7 + 2 * 1.5 + 4 + measure('✕');
    expect(a!.text).toBe('ARP for 192.168.100.6 failed after 3 tries');
    expect(lineCount(a!.text, a!.maxWidth! - chrome, measure)).toBe(2);
    expect(5 + 2 * 1.3 * 21).toBeLessThanOrEqual(boxes.C!.y - a!.y - 2);
    // B's marker moves right of it, its ✕ still under B.
    expect(b!.x).toBe(a!.x + a!.maxWidth! + 6);
    expect(b!.x).toBeLessThan(214 + 180 - 28);
  });
  it('keeps a marker with the node\'s own drop above the device below: wider than its cap where the drawing has room, else its own line cut short', () => {
    // "When MuxVM dies" chapter 4: the flow's line and BGPVM's own, capped at 34 em, took three lines down over the
    // names of the row in front (xRPVM, PortalVM); two fit above it.
    const boxes: Record<string, Rect> = { A: { x: 0, y: 0, width: 180, height: 76 }, C: { x: 107, y: 144, width: 180, height: 76 } };
    const wide: Geometry = { ...geo, box: (id) => boxes[id], devices: () => Object.values(boxes), bounds: { x: 0, y: 0, width: 1200, height: 400 } };
    const base = run({ ...trace('ttl-exceeded'), diedAt: { node: nodeId('A'), leg: 'forward', hop: 0, transmissionId: 0 } });
    const own = 'A: TTL expired for 192.168.200.10 -> 192.168.133.74, ICMP time exceeded sent';
    const result: RunResult = { ...base, events: [...base.events, { id: 3, time: 10, kind: 'drop', reason: 'ttl-exceeded', node: nodeId('A'), summary: own }] };
    const tl = buildTimeline(result, 'SW');
    const room = boxes.C!.y - (boxes.A!.height + 3) - 2;
    const [m] = dropMarkers(wide, result, tl, tl.steps.length - 1, 0, 1.75);
    expect(m!.own?.text).toBe(own.slice(3));
    const box = markerBox(m!, 1.75);
    expect(box.height).toBeLessThanOrEqual(room);
    expect(box.width).toBeGreaterThan(34 * 21);
    expect(m!.clamp).toBeUndefined();
    // In a drawing too narrow for that, the node's line is cut short (its whole text is the marker's tooltip).
    const [cut] = dropMarkers({ ...wide, bounds: { x: 0, y: 0, width: 600, height: 400 } }, result, tl, tl.steps.length - 1, 0, 1.75);
    expect(cut!.clamp).toBe(true);
    expect(markerBox(cut!, 1.75).height).toBeLessThanOrEqual(room);
    expect(cut!.maxWidth).toBeLessThanOrEqual(600 - 4 - 4);
  });
});

describe('lineCount', () => {
  const measure = (t: string) => t.length * 10;
  it('wraps at spaces, and breaks a word wider than the column anywhere', () => {
    expect(lineCount('aa bb cc', 50, measure)).toBe(2);
    expect(lineCount('aa bb cc', 80, measure)).toBe(1);
    expect(lineCount('aaaaaaaaaa b', 40, measure)).toBe(3);
    expect(lineCount('aaaaaaaaaa bbbbb', 40, measure)).toBe(5);
  });
});
