// The step's rings: one on each lit box, exactly where the box is, saying what lit it; a selected or failed
// device keeps its own border and a lesson's focus keeps its own ring.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type AppStore } from '../store/testing/inProcessStore';
import { PRESET_REQUEST } from '../store/runSlice';
import { selectStepMarks } from '../store/selectors';
import { portBoxId } from '../../src-engine/view/index';
import { hopRings, type DeviceLook } from './hopRings';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
  await store.getState().runFlow(PRESET_REQUEST);
});

const plain: DeviceLook = { selected: undefined, isDown: () => false, isFocus: () => false };

function ringsAt(pick: (summary: string, protocols: readonly string[], from: string) => boolean, look: DeviceLook = plain) {
  const timeline = store.getState().timeline!;
  const at = timeline.steps.findIndex((s) => pick(timeline.tx.get(s.txIds[0]!)!.summary, s.protocols, s.fromNode));
  expect(at).toBeGreaterThanOrEqual(0);
  store.getState().seek(at);
  const s = store.getState();
  return hopRings(selectStepMarks(s)!, s.geometry!, look);
}

describe('the rings of a step', () => {
  it('MuxVM sends into the tunnel: its box as the sender, the switch as the receiver, its PA NIC active, each on its box', () => {
    const rings = ringsAt((_, protocols) => protocols.includes('vxlan'));
    const geo = store.getState().geometry!;
    const pa = portBoxId('MuxVM', 'pa');
    expect(rings.map((r) => [r.box, r.kind, r.role])).toEqual([
      ['MuxVM', 'vm', 'sender'],
      ['CCI_External_vSwitch', 'switch', 'receiver'],
      [pa, 'port', 'active'],
    ]);
    expect(rings.map((r) => r.rect)).toEqual([geo.box('MuxVM'), geo.box('CCI_External_vSwitch'), geo.box(pa)]);
    expect(rings.every((r) => !r.selected && !r.down && !r.focus)).toBe(true);
  });

  it('a flood rings every device it reaches', () => {
    const rings = ringsAt((summary, _, from) => from === 'CCI_External_vSwitch' && summary === 'ARP who has 192.168.100.1? tell 192.168.100.6');
    expect(rings.filter((r) => r.role === 'receiver').map((r) => r.box).sort()).toEqual(['ACSVM', 'ADVM', 'BGPVM', 'NCVM', 'PortalVM', 'SQLVM', 'xRPVM']);
    expect(rings.filter((r) => r.role === 'sender').map((r) => r.kind)).toEqual(['switch']);
  });

  it('a selected or failed device keeps its own border, a focused one its own ring; the switch shows none of these', () => {
    const look: DeviceLook = { selected: 'MuxVM', isDown: (n) => n === 'MuxVM' || n === 'CCI_External_vSwitch', isFocus: () => true };
    const rings = ringsAt((_, protocols) => protocols.includes('vxlan'), look);
    expect(rings.map((r) => [r.box, r.selected, r.down, r.focus])).toEqual([
      ['MuxVM', true, true, true],
      ['CCI_External_vSwitch', false, false, false],
      [portBoxId('MuxVM', 'pa'), true, true, false],
    ]);
  });

  it('a device with no box of its own has no ring', () => {
    const s = store.getState();
    const geo = s.geometry!;
    const rings = hopRings({ roles: new Map([['NoSuchVM', 'sender']]), edges: new Set(), ports: new Set(['port:NoSuchVM:eth0']) }, geo, plain);
    expect(rings).toEqual([]);
  });
});
