import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { put32 } from './bytes';
import { FC_SEED } from '../testing/seed';
import { adjustChecksum16, adjustChecksum32, finishChecksum, fixIpv4Checksum, foldSum, onesSum, sumPseudoHeader, sumWords } from './checksum';
import { fromHex } from './testing/hex';

describe('the Internet checksum', () => {
  // The worked example of an IPv4 header checksum (Wikipedia, "Internet checksum"), checked by hand.
  const header = fromHex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7');

  it('gives b861 for the textbook IPv4 header', () => {
    expect(finishChecksum(sumWords(header, 0, 20, 0))).toBe(0xb861);
  });

  it('gives 0 over a header that holds its own checksum', () => {
    const withSum = header.slice();
    withSum[10] = 0xb8;
    withSum[11] = 0x61;
    expect(finishChecksum(sumWords(withSum, 0, 20, 0))).toBe(0);
  });

  it('pads an odd last byte with zero (RFC 1071)', () => {
    expect(sumWords(Uint8Array.of(0x01, 0x02, 0x03), 0, 3, 0)).toBe(0x0102 + 0x0300);
    expect(finishChecksum(0x1_fffe)).toBe(0x0000);
    expect(finishChecksum(0)).toBe(0xffff);
  });

  it('sums the pseudo-header from the addresses in an IPv4 header', () => {
    // c0a8 + 0001 + c0a8 + 00c7 + protocol 17 + length 8
    expect(sumPseudoHeader(header, 0, 17, 8)).toBe(0xc0a8 + 0x0001 + 0xc0a8 + 0x00c7 + 17 + 8);
  });

  it('folds any sum the way repeated end-around carries do', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (sum) => {
        let slow = sum;
        while (slow > 0xffff) slow = (slow % 0x10000) + Math.floor(slow / 0x10000);
        expect(foldSum(sum)).toBe(slow);
      }),
      { seed: FC_SEED },
    );
  });

  it("a router's TTL decrement updates the stored checksum in place, as a full recomputation would", () => {
    // The textbook header with its checksum b861, TTL 0x40 and protocol 0x11 in the word at offset 8.
    const b = header.slice();
    b[10] = 0xb8;
    b[11] = 0x61;
    b[8] = 0x3f;
    adjustChecksum16(b, 10, 0x4011, 0x3f11);
    // ~(~b861 + ~4011 + 3f11) = b961: one less in the word's high byte is one more in the checksum's.
    expect([b[10], b[11]]).toEqual([0xb9, 0x61]);
    const full = b.slice();
    full[10] = 0;
    full[11] = 0;
    expect(finishChecksum(sumWords(full, 0, 20, 0))).toBe(0xb961);
    // Only the two checksum bytes are written.
    expect(Array.from(b.subarray(0, 10))).toEqual(Array.from(header.subarray(0, 8)).concat([0x3f, 0x11]));
    expect(Array.from(b.subarray(12))).toEqual(Array.from(header.subarray(12)));
  });

  it('an incremental update equals a full recomputation (RFC 1624)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(0xffffffff), (header, addr) => {
        const b = new Uint8Array(34);
        b.set(header, 14);
        b[14] = 0x45;
        fixIpv4Checksum(b, 14);
        const old = ((b[30]! << 24) | (b[31]! << 16) | (b[32]! << 8) | b[33]!) >>> 0;
        put32(b, 30, addr);
        adjustChecksum32(b, 24, old, addr);
        expect(onesSum(b, 14, 34)).toBe(0xffff);
      }),
      { seed: FC_SEED },
    );
  });
});
