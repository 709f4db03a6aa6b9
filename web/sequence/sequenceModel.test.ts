import { describe, expect, it } from 'vitest';
import { runPoc } from '../../src-engine/run/fixtures';
import type { RunResult } from '../../src-engine/protocol';
import { buildTimeline } from '../model/buildTimeline';
import { frameLook } from './frameLook';
import { buildSequence, GUTTER_W, HEAD_H, LANE_W, ROW_H, visibleRows, type FrameRow, type SequenceInput } from './sequenceModel';

const SW = 'CCI_External_vSwitch';

function input(result: RunResult, over: Partial<SequenceInput> = {}): SequenceInput {
  return { result, timeline: buildTimeline(result, SW), switchId: SW, vfpHost: 'HyperVHost', hidden: [], expanded: new Set(), look: frameLook, ...over };
}

const portal = runPoc().result;

describe('buildSequence', () => {
  it('gives one lane per device, the flow first, the switch and its VFP included', () => {
    const m = buildSequence(input(portal));
    expect(m.lanes.map((l) => l.id)).toEqual([
      'ClientVM', SW, `${SW}/VFP`, 'NATVM', 'BGPVM', 'ADVM', 'MuxVM', 'PortalVM', 'NCVM', 'ACSVM', 'SQLVM', 'xRPVM', 'HyperVHost',
    ]);
    expect(m.lanes[2]).toEqual({ id: `${SW}/VFP`, label: 'VFP (HyperVHost)', short: 'VFP', kind: 'vfp', x: GUTTER_W + LANE_W / 2 + 2 * LANE_W });
    expect(m.width).toBe(GUTTER_W + 13 * LANE_W);
  });

  it('draws a flood as one row with an arrow to every port, and one row per other frame', () => {
    const m = buildSequence(input(portal));
    const lane = (id: string) => m.lanes.findIndex((l) => l.id === id);
    expect(m.rows[0]).toEqual({ kind: 'frame', key: 'f0', y: HEAD_H + ROW_H / 2, step: 0, time: 30, txIds: [0], from: lane('MuxVM'), to: [lane(SW)], protocol: 'arp', label: 'ARP who-has' });
    const flood = m.rows[1] as FrameRow;
    expect(flood.txIds).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(flood.from).toBe(lane(SW));
    expect(flood.to).toEqual(['BGPVM', 'ADVM', 'PortalVM', 'NCVM', 'ACSVM', 'SQLVM', 'xRPVM'].map(lane).sort((a, b) => a - b));
    // Two frames sent at once to the same port (an ACK and a BGP OPEN) keep a row each.
    const both = m.rows.filter((r) => r.kind === 'frame' && r.step === m.rows.find((x) => x.kind === 'frame' && x.txIds.includes(14))!.step);
    expect(both.map((r) => (r as FrameRow).label)).toEqual(['TCP ACK', 'BGP OPEN']);
  });

  it('draws the VXLAN leg as a tunnel from the MUX to the VFP between provider addresses, then VFP to the DIP', () => {
    const m = buildSequence(input(portal));
    const vx = m.rows.find((r) => r.kind === 'frame' && r.protocol === 'vxlan') as FrameRow;
    expect(m.lanes[vx.from]!.id).toBe('MuxVM');
    expect(vx.to.map((l) => m.lanes[l]!.id)).toEqual([`${SW}/VFP`]);
    expect(vx.tunnel).toEqual({ src: '192.168.233.6', dst: '192.168.233.21', vni: 4096 });
    expect(vx.label).toBe('VXLAN TCP SYN');
    const next = m.rows[m.rows.indexOf(vx) + 1] as FrameRow;
    expect([m.lanes[next.from]!.id, m.lanes[next.to[0]!]!.id, next.label]).toEqual([`${SW}/VFP`, 'PortalVM', 'TCP SYN']);
  });

  it('honours the protocol filters and maps every visible step to its row', () => {
    const m = buildSequence(input(portal, { hidden: ['arp', 'bgp'] }));
    expect(m.rows.every((r) => r.kind !== 'frame' || (r.protocol !== 'arp' && r.protocol !== 'bgp'))).toBe(true);
    // First the SLB host agent's health probe of PortalVM (0.5 s), then the DNS lookup.
    expect(m.rows.map((r) => (r as FrameRow).label).slice(0, 6)).toEqual(['TCP SYN', 'TCP SYN-ACK', 'TCP RST', 'DNS query', 'DNS query', 'DNS query']);
    m.rows.forEach((r, i) => expect(m.rowOfStep.get(r.step)).toBeLessThanOrEqual(i));
    expect(m.height).toBe(HEAD_H + m.rows.length * ROW_H + ROW_H / 2);
  });

  it('folds the routing loop to its first and last round, marks the TTL death, and unfolds on request', () => {
    const loop = runPoc({ to: '192.168.133.50' }).result;
    const m = buildSequence(input(loop, { hidden: ['arp'] }));
    const folds = m.rows.filter((r) => r.kind === 'fold');
    expect(folds).toHaveLength(1);
    const f = folds[0]!;
    if (f.kind !== 'fold') throw new Error('not a fold');
    expect(f.period).toBe(4);
    expect(f.hiddenRows).toBe(f.cycles * 4);
    expect(f.cycles).toBeGreaterThan(20);
    expect(f.lanes.map((l) => m.lanes[l]!.id).sort()).toEqual(['BGPVM', SW, 'NATVM'].sort());
    const death = m.rows.find((r) => r.kind === 'mark');
    expect(death).toMatchObject({ kind: 'mark', mark: 'ttl', lane: m.lanes.findIndex((l) => l.id === 'BGPVM') });
    // Every folded step maps to the fold's row, so the playhead still lands on something.
    expect(m.rowOfStep.get(f.firstStep + 1)).toBe(m.rows.indexOf(f));
    const open = buildSequence(input(loop, { hidden: ['arp'], expanded: new Set([f.foldId]) }));
    expect(open.rows).toHaveLength(m.rows.length - 1 + f.hiddenRows);
    expect(open.rows.some((r) => r.kind === 'fold')).toBe(false);
  });

  it('does not mutate the run', () => {
    const before = JSON.stringify(portal.events);
    buildSequence(input(portal));
    expect(JSON.stringify(portal.events)).toBe(before);
  });
});

describe('visibleRows', () => {
  it('returns only the rows in the window, with a margin of two', () => {
    const m = buildSequence(input(portal));
    const rows = visibleRows(m, HEAD_H + 10 * ROW_H, HEAD_H + 20 * ROW_H);
    expect(rows[0]).toBe(m.rows[8]);
    expect(rows.at(-1)).toBe(m.rows[21]);
  });
});
