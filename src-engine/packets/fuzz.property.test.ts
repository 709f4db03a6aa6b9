// Properties over hostile input: random bytes, and valid packets with bytes changed or cut off. Decoding
// never throws and always ends; it returns a packet or an error inside the input; whatever it does decode
// re-encodes to exactly the input, and its spans lie inside the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { LayerType } from './layers';
import { FC_SEED } from '../testing/seed';
import { frame, layerType, mutatedFrame } from './testing/arbitraries';

const CODES = ['truncated', 'malformed'];

function checkDecode(bytes: Uint8Array, first: LayerType): void {
  const r = decodePacket(bytes, first);
  if (!r.ok) {
    const e = r.error;
    expect(CODES).toContain(e.code);
    expect(e.offset >= 0 && e.offset <= bytes.length, `offset ${e.offset} of ${bytes.length}: ${e.message}`).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
    return;
  }
  // Anything decoded is held exactly: nothing was dropped or normalised.
  expect(encodePacket(r.value.layers)).toEqual(bytes);
  // Zero-length only for a raw layer over no bytes at all (decoding empty input from raw).
  for (const f of r.value.fields) expect(f.start >= 0 && f.start <= f.end && f.end <= bytes.length).toBe(true);
}

// Thousands of decodes each: on a loaded CI machine they take longer than vitest's 5 s default.
describe('decoding hostile input', { timeout: 30_000 }, () => {
  it('handles random bytes, from any starting layer', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 160 }), layerType, (bytes, first) => checkDecode(bytes, first)), { seed: FC_SEED, numRuns: 3000 });
  });

  it('handles valid packets with bytes changed or cut short', () => {
    fc.assert(fc.property(mutatedFrame, (bytes) => checkDecode(bytes, 'ethernet')), { seed: FC_SEED, numRuns: 1500 });
  });

  it('handles random DNS bodies and random BGP messages behind a valid header', () => {
    // Small counts and a valid marker get random bytes past the headers into names, pointers and attributes.
    const dnsBody = fc.tuple(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ maxLength: 120 })).map(([h, body]) =>
      Uint8Array.from([h[0]!, h[1]!, h[2]!, h[3]! & 0x8f, 0, h[4]! & 3, 0, h[5]! & 3, 0, 0, 0, 0, ...body]),
    );
    fc.assert(fc.property(dnsBody, (bytes) => checkDecode(bytes, 'dns')), { seed: FC_SEED, numRuns: 1500 });
    const bgpBody = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.uint8Array({ maxLength: 80 })).map(([type, body]) => {
      const length = 19 + body.length;
      return Uint8Array.from([...new Uint8Array(16).fill(0xff), length >>> 8, length & 255, type, ...body]);
    });
    fc.assert(fc.property(bgpBody, (bytes) => checkDecode(bytes, 'bgp')), { seed: FC_SEED, numRuns: 1500 });
  });

  it('handles every truncation of a valid packet', () => {
    fc.assert(
      fc.property(frame(1), (layers) => {
        const bytes = encodePacket(layers);
        for (let n = 0; n < bytes.length; n++) {
          const r = decodePacket(bytes.subarray(0, n));
          if (r.ok) expect(encodePacket(r.value.layers)).toEqual(bytes.subarray(0, n));
          else expect(r.error.offset).toBeLessThanOrEqual(n);
        }
      }),
      { seed: FC_SEED, numRuns: 100 },
    );
  });
});
