// Each device draws from its own stream (seed + device id): adding a second MUX or a what-if elsewhere
// leaves ClientVM's ports, ISNs and DNS ids, and PortalVM's ISN, exactly as they were.
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/index';
import type { RunRequest } from '../protocol';
import { createDeviceRng } from '../sim/rng';
import { runPoc } from './fixtures';

const S = 1_000_000;

/** What ClientVM and PortalVM drew in a run: DNS source port and id, TCP source port and both ISNs. */
function drawn(request: Partial<RunRequest>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of runPoc(request).result.transmissions) {
    if (t.toNode !== 'CCI_External_vSwitch') continue;
    const d = decodePacket(t.bytes);
    if (!d.ok) continue;
    const udp = d.value.layers.find((l) => l.type === 'udp');
    const dns = d.value.layers.find((l) => l.type === 'dns');
    const tcp = d.value.layers.find((l) => l.type === 'tcp');
    if (t.fromNode === 'ClientVM' && dns?.type === 'dns' && udp?.type === 'udp' && out.dnsId === undefined) {
      out.dnsId = dns.id;
      out.dnsPort = udp.srcPort;
    }
    if (t.fromNode === 'ClientVM' && tcp?.type === 'tcp' && tcp.flags.syn && out.clientIsn === undefined) {
      out.clientPort = tcp.srcPort;
      out.clientIsn = tcp.seq;
    }
    if (t.fromNode === 'PortalVM' && tcp?.type === 'tcp' && tcp.flags.syn && tcp.flags.ack && out.portalIsn === undefined) out.portalIsn = tcp.seq;
  }
  return out;
}

describe('randomness per device', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let base: Record<string, number>;
  beforeEach(() => {
    base = drawn({});
  });

  it('finds every value it compares', () => {
    expect(Object.keys(base).sort()).toEqual(['clientIsn', 'clientPort', 'dnsId', 'dnsPort', 'portalIsn']);
  });

  it('a second MUX does not change them', () => {
    expect(drawn({ knobs: { secondMux: true } })).toEqual(base);
  });

  it('a what-if on an unrelated node (xRPVM fails, then comes back) does not change them', () => {
    expect(drawn({ whatIf: [{ action: 'fail', target: 'xRPVM', at: 1 * S }, { action: 'restore', target: 'xRPVM', at: 2 * S }] })).toEqual(base);
  });

  it('another seed does', () => {
    const other = drawn({ seed: 2 });
    expect(other.clientIsn).not.toBe(base.clientIsn);
    expect(other.portalIsn).not.toBe(base.portalIsn);
  });

  it('derives a stream from the seed and the id alone', () => {
    const a = createDeviceRng(1, 'ClientVM');
    expect([a.nextU32(), a.nextU32()]).toEqual([createDeviceRng(1, 'ClientVM').nextU32(), (() => { const b = createDeviceRng(1, 'ClientVM'); b.nextU32(); return b.nextU32(); })()]);
    expect(createDeviceRng(1, 'ClientVM').nextU32()).not.toBe(createDeviceRng(1, 'PortalVM').nextU32());
    expect(createDeviceRng(1, 'ClientVM').nextU32()).not.toBe(createDeviceRng(2, 'ClientVM').nextU32());
  });
});
