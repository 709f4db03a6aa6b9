// BGP prefixes (RFC 4271 4.3) by exact bytes: the length in bits, then only the bytes it needs; the text refused
// when it is no prefix, and the bytes refused where they are cut short or carry host bits.
import { describe, expect, it } from 'vitest';
import { readPrefix, writePrefix } from './bgpPrefix';
import { toHex } from './testing/hex';
import { createWriter, WRITER_FULL } from './writer';

const written = (text: string) => {
  const w = createWriter(8);
  writePrefix(w, text, 'p');
  return toHex(w.buf.subarray(0, w.pos));
};

describe('writePrefix', () => {
  it('writes the length, then only the bytes it needs', () => {
    expect(['192.168.133.74/32', '10.0.0.0/8', '192.168.128.0/17', '0.0.0.0/0'].map(written)).toEqual(['20c0a8854a', '080a', '11c0a880', '00']);
  });

  it('writes nothing past its own bytes', () => {
    const w = createWriter(6);
    w.buf.fill(0xee);
    writePrefix(w, '10.0.0.0/8', 'p');
    expect(toHex(w.buf)).toBe('080aeeeeeeee');
  });

  it('takes exactly the room it needs: a fixed writer one byte short is full', () => {
    const exact = createWriter(2, false);
    writePrefix(exact, '10.0.0.0/8', 'p');
    expect(toHex(exact.buf)).toBe('080a');
    expect(() => writePrefix(createWriter(1, false), '10.0.0.0/8', 'p')).toThrow(WRITER_FULL);
  });

  it('refuses text that is no prefix, naming it', () => {
    for (const text of ['10.0.0.0', '10.0.0.0/', '10.0.0.0/x8', '10.0.0.0/8x', '10.0.0.0/033', '10.0.0.0/33']) {
      expect(() => written(text), text).toThrow(`p: ${JSON.stringify(text)} is not an IPv4 prefix such as "192.168.133.74/32"`);
    }
    expect(() => written('12')).toThrow('p: "12" is not an IPv4 prefix such as "192.168.133.74/32"');
    expect(() => written('/8')).toThrow('p: "" is not a dotted-quad IPv4 address');
    expect(() => written('10.0.0.1/8')).toThrow('p: "10.0.0.1/8" has bits set beyond its /8; write the network address');
  });
});

describe('readPrefix', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('reads the length and its bytes, and says where the next one starts', () => {
    expect(readPrefix(bytes(0xff, 0x11, 0xc0, 0xa8, 0x80, 0x09), 1, 5)).toEqual({ ok: true, text: '192.168.128.0/17', next: 5 });
    expect(readPrefix(bytes(0x20, 1, 2, 3, 4), 0, 5)).toEqual({ ok: true, text: '1.2.3.4/32', next: 5 });
  });

  it('says what is wrong: no length, a length over 32, bytes cut short, host bits set (in the last byte too)', () => {
    expect(readPrefix(bytes(0x08, 0x0a), 2, 2)).toEqual({ ok: false, code: 'truncated', problem: 'the prefix length is missing' });
    expect(readPrefix(bytes(0x21, 1, 2, 3, 4), 0, 5)).toEqual({ ok: false, code: 'malformed', problem: 'prefix length 33 is more than 32' });
    expect(readPrefix(bytes(0x18, 10, 0), 0, 3)).toEqual({ ok: false, code: 'truncated', problem: 'a /24 prefix needs 3 address bytes' });
    expect(readPrefix(bytes(0x1f, 10, 0, 0, 1), 0, 5)).toEqual({ ok: false, code: 'malformed', problem: 'the prefix has bits set beyond its /31' });
    expect(readPrefix(bytes(0x1f, 10, 0, 0, 2), 0, 5)).toEqual({ ok: true, text: '10.0.0.2/31', next: 5 });
  });
});
