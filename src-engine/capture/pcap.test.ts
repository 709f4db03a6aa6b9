import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../packets/testing/hex';
import { writePcap } from './pcap';

// Magic a1b2c3d4 (microseconds) little-endian, version 2.4, zone 0, sigfigs 0, snaplen 262144, LINKTYPE_ETHERNET.
const HEADER = 'd4c3b2a1 0200 0400 00000000 00000000 00000400 01000000';

describe('writePcap', () => {
  it('writes the global header and one record per packet, seconds and microseconds apart', () => {
    const file = writePcap([
      { timeUs: 1_500_000, data: fromHex('deadbeef') },
      { timeUs: 0, data: fromHex('01') },
    ]);
    // 1.5 s: 1 s and 500000 (0x0007a120) us; no padding between records.
    expect(toHex(file)).toBe(toHex(fromHex(`${HEADER} 01000000 20a10700 04000000 04000000 deadbeef 00000000 00000000 01000000 01000000 01`)));
  });

  it('takes a capture\'s packets as they are, dropping interface and comment', () => {
    const file = writePcap([{ interfaceIndex: 2, timeUs: 3, data: fromHex('ff'), comment: 'not kept' } as { timeUs: number; data: Uint8Array }]);
    expect(file.length).toBe(24 + 16 + 1);
  });

  it('refuses times that are not whole non-negative microseconds, or past 32-bit seconds', () => {
    expect(() => writePcap([{ timeUs: 0.5, data: new Uint8Array(1) }])).toThrow('packets[0].timeUs: 0.5 is not a whole, non-negative number of microseconds');
    expect(() => writePcap([{ timeUs: 2 ** 32 * 1_000_000, data: new Uint8Array(1) }])).toThrow("past what a pcap's 32-bit seconds can hold");
  });
});
