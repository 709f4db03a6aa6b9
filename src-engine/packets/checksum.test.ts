import { describe, expect, it } from 'vitest';
import { finishChecksum, sumPseudoHeader, sumWords } from './checksum';
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
});
