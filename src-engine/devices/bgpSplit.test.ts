import { describe, expect, it } from 'vitest';
import { encodePacket } from '../packets/encode';
import { attributeBytes, BGP_MAX_MESSAGE, prefixBytes, splitUpdate } from './bgpSplit';

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);

/** The encoded length of one UPDATE message, as the codec writes it. */
function encodedLength(withdrawn: readonly string[], nlri: readonly string[], asPath: number[] = [65001]): number {
  const attributes = nlri.length ? { origin: 0, asPath, nextHop: '192.168.200.1' } : {};
  return encodePacket([{ type: 'bgp', message: { kind: 'update', withdrawn: [...withdrawn], attributes, nlri: [...nlri] } }]).length;
}

describe('splitUpdate', () => {
  it('counts prefix and attribute bytes as RFC 4271 lays them out', () => {
    expect(prefixBytes('192.168.133.74/32')).toBe(5);
    expect(prefixBytes('10.0.0.0/8')).toBe(2);
    expect(prefixBytes('0.0.0.0/0')).toBe(1);
    expect(attributeBytes(1)).toBe(18);
    expect(encodedLength([], ['192.168.133.74/32'])).toBe(19 + 4 + 18 + 5);
    // An empty AS path (a route of the speaker's own AS) is an attribute header alone; each AS adds 2 bytes.
    expect(attributeBytes(0)).toBe(14);
    expect(attributeBytes(3)).toBe(22);
    expect(encodedLength([], ['192.168.133.74/32'], [])).toBe(19 + 4 + attributeBytes(0) + 5);
    expect(encodedLength([], ['192.168.133.74/32'], [64628, 64647, 65001])).toBe(19 + 4 + attributeBytes(3) + 5);
  });

  it('keeps a small update whole', () => {
    expect(splitUpdate(['10.0.0.1/32'], ['10.0.0.2/32'], 1)).toEqual([{ withdrawn: ['10.0.0.1/32'], nlri: ['10.0.0.2/32'] }]);
    expect(splitUpdate([], [], 1)).toEqual([]);
  });

  it('fills each message up to 4,096 bytes exactly as the encoder counts them, and loses no prefix', () => {
    for (const [w, n] of [[0, 811], [0, 812], [0, 5000], [2000, 3000], [900, 0]] as const) {
      const withdrawn = hosts(w);
      const nlri = hosts(n).map((p) => p.replace(/^10\./, '11.'));
      const parts = splitUpdate(withdrawn, nlri, 1);
      expect(parts.flatMap((p) => p.withdrawn)).toEqual(withdrawn);
      expect(parts.flatMap((p) => p.nlri)).toEqual(nlri);
      for (const p of parts) expect(encodedLength(p.withdrawn, p.nlri)).toBeLessThanOrEqual(BGP_MAX_MESSAGE);
      // Every message but the last is full: one more /32 would not fit.
      for (const p of parts.slice(0, -1)) expect(encodedLength(p.withdrawn, p.nlri) + 5).toBeGreaterThan(BGP_MAX_MESSAGE);
    }
    // Withdrawals that make exactly 4,096 bytes are one message.
    const exact = [...hosts(814), '11.1.0.0/16'];
    expect(encodedLength(exact, [])).toBe(BGP_MAX_MESSAGE);
    expect(splitUpdate(exact, [], 1)).toEqual([{ withdrawn: exact, nlri: [] }]);
    expect(splitUpdate([...exact, '11.2.0.0/16'], [], 1)).toEqual([{ withdrawn: exact, nlri: [] }, { withdrawn: ['11.2.0.0/16'], nlri: [] }]);
    expect(splitUpdate([], hosts(811), 1)).toHaveLength(1);
    expect(splitUpdate([], hosts(812), 1)).toHaveLength(2);
  });
});
