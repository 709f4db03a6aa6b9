import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustChecksum32, fixIpv4Checksum, onesSum } from './checksum';
import { setU32 } from './frame';

describe('checksums', () => {
  it('an incremental update equals a full recomputation (RFC 1624)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(0xffffffff), (header, addr) => {
        const b = new Uint8Array(34);
        b.set(header, 14);
        b[14] = 0x45;
        fixIpv4Checksum(b, 14);
        const old = ((b[30]! << 24) | (b[31]! << 16) | (b[32]! << 8) | b[33]!) >>> 0;
        setU32(b, 30, addr);
        adjustChecksum32(b, 24, old, addr);
        expect(onesSum(b, 14, 34)).toBe(0xffff);
      }),
    );
  });
});
