// DNS names on the wire (RFC 1035 3.1, 4.1.4), read and written by exact bytes: where each error is found and
// what it says, the limits at their edges (63-byte labels, 255-byte names, Latin-1), and pointers, whose offsets
// count from the message's start wherever the message sits in the frame.
import { describe, expect, it } from 'vitest';
import { readName, writeName } from './dnsName';
import { fromHex, toHex } from './testing/hex';
import { createWriter, WRITER_FULL } from './writer';

/** A writer holding `prefix` (the message so far, from offset 0), with room for exactly `room` more bytes. */
function writerAfter(prefix: string, room: number, growable = false) {
  const bytes = fromHex(prefix);
  const w = createWriter(bytes.length + room, growable);
  w.buf.set(bytes);
  w.pos = bytes.length;
  return w;
}
const HEADER = '0000 0000 0000 0000 0000 0000';

describe('readName', () => {
  it('reads labels to the root and says where the bytes after it start, with no pointer', () => {
    expect(readName(fromHex(`${HEADER} 0161 0362636400 ff`), 0, 12, 19)).toEqual({ ok: true, name: 'a.bcd', next: 19, pointer: -1 });
  });

  it('says where a name runs out: past the end, a label cut short, a pointer cut short', () => {
    // "abc" fills the message to its end, with no root byte after it.
    expect(readName(fromHex(`${HEADER} 03616263`), 0, 12, 16)).toEqual({ ok: false, code: 'truncated', offset: 16, problem: 'the name runs past the end of the message' });
    expect(readName(fromHex(`${HEADER} 05616263`), 0, 12, 16)).toEqual({ ok: false, code: 'truncated', offset: 12, problem: 'a label runs past the end of the message' });
    expect(readName(fromHex(`${HEADER} 0161 c0`), 0, 12, 15)).toEqual({ ok: false, code: 'truncated', offset: 14, problem: 'the compression pointer is cut short' });
  });

  it('counts a pointer from the message start, not the frame start: its offset, and the words of its errors', () => {
    // The message starts at byte 4 of these bytes; its name at 16 points at message offset 12 (byte 16 itself).
    const frame = (name: string) => fromHex(`deadbeef ${HEADER} 0161 00 ${name}`);
    expect(readName(frame('0162 c00c'), 4, 19, 23)).toEqual({ ok: true, name: 'b.a', next: 23, pointer: 12 });
    expect(readName(frame('c00f'), 4, 19, 21)).toEqual({ ok: false, code: 'malformed', offset: 19, problem: 'the compression pointer to 15 does not point back to an earlier name' });
    expect(readName(frame('c002'), 4, 19, 21)).toEqual({ ok: false, code: 'malformed', offset: 19, problem: 'the compression pointer to 2 points into the header' });
  });

  it('gives the pointer of the name itself, not of a pointer it was led to', () => {
    // Name 1 at 15: "b" + pointer to 12 ("a"); name 2 at 19: pointer to 15. Name 2's own pointer is 15.
    const b = fromHex(`${HEADER} 016100 0162c00c c00f`);
    expect(readName(b, 0, 19, 21)).toEqual({ ok: true, name: 'b.a', next: 21, pointer: 15 });
  });
});

describe('writeName', () => {
  it('writes a name in full, or its leading labels then a pointer to an earlier name, or only the pointer', () => {
    const full = writerAfter(HEADER, 32);
    writeName(full, 0, 'ab.c', null, 'n');
    expect(toHex(full.buf.subarray(12, full.pos))).toBe('026162016300');
    const pointed = writerAfter(`${HEADER} 016300`, 32);
    writeName(pointed, 0, 'ab.c', 12, 'n');
    expect(toHex(pointed.buf.subarray(15, pointed.pos))).toBe('026162c00c');
    const same = writerAfter(`${HEADER} 016300`, 32);
    writeName(same, 0, 'c', 12, 'n');
    expect(toHex(same.buf.subarray(15, same.pos))).toBe('c00c');
  });

  it('writes a name before a pointer to the root name in full, then the pointer', () => {
    const w = writerAfter(`${HEADER} 00`, 32);
    writeName(w, 0, 'x.y', 12, 'n');
    expect(toHex(w.buf.subarray(13, w.pos))).toBe('01780179c00c');
  });

  it('reserves the room of its longest form first, its text and 3 bytes: a fixed writer with less is full', () => {
    // "ab.c" takes 6 bytes in full (026162 0163 00), 7 at most (with a pointer after its labels).
    const room = writerAfter(HEADER, 7);
    writeName(room, 0, 'ab.c', null, 'n');
    expect(room.pos).toBe(18);
    expect(() => writeName(writerAfter(HEADER, 6), 0, 'ab.c', null, 'n')).toThrow(WRITER_FULL);
  });

  it('takes labels of 63 bytes, names of 253 characters (255 on the wire) and Latin-1, and no more', () => {
    const label = 'a'.repeat(63);
    const w = writerAfter(HEADER, 300, true);
    writeName(w, 0, label, null, 'n');
    expect(w.buf[12]).toBe(63);
    expect(() => writeName(writerAfter(HEADER, 300, true), 0, `${label}a`, null, 'n')).toThrow(`n: a label of "${label}a" is longer than 63 bytes`);
    const longest = [label, label, label, 'b'.repeat(61)].join('.');
    expect(longest.length).toBe(253);
    const l = writerAfter(HEADER, 300, true);
    writeName(l, 0, longest, null, 'n');
    expect(l.pos - 12).toBe(255);
    expect(() => writeName(writerAfter(HEADER, 300, true), 0, `${longest}b`, null, 'n')).toThrow('is longer than 255 bytes on the wire');
    const latin = writerAfter(HEADER, 8);
    writeName(latin, 0, '\u00ff', null, 'n');
    expect(toHex(latin.buf.subarray(12, latin.pos))).toBe('01ff00');
    expect(() => writeName(writerAfter(HEADER, 8), 0, '\u0100', null, 'n')).toThrow('n: "\u0100" has a character outside Latin-1; encode it as punycode first');
  });

  it('refuses a pointer that is not the offset of a name written before it, saying which', () => {
    const refused = (pointer: number) => () => writeName(writerAfter(`${HEADER} 016300`, 32), 0, 'c', pointer, 'dns.answers.0.name');
    for (const p of [12.5, 11, 15, 16, 0x4000]) expect(refused(p), String(p)).toThrow(`dns.answers.0.namePointer: ${p} is not the offset of a name written earlier in the message`);
    // Offset 14 is the root byte that ends "c": the root name, a suffix of every name, so "c" is written before it.
    const root = writerAfter(`${HEADER} 016300`, 32);
    writeName(root, 0, 'c', 14, 'n');
    expect(toHex(root.buf.subarray(15, root.pos))).toBe('0163c00e');
    // A pointer to bytes that hold no name says why.
    expect(() => writeName(writerAfter(`${HEADER} 4001`, 32), 0, 'c', 12, 'n')).toThrow('nPointer: offset 12 does not hold a name (label type 0x40 (extended labels) is not supported)');
    // A suffix must end at a label boundary: "xc" does not end with the name "c".
    expect(() => writeName(writerAfter(`${HEADER} 016300`, 32), 0, 'xc', 12, 'n')).toThrow('nPointer: the name at offset 12, "c", is not a suffix of "xc"');
  });

  it('takes the highest offset a pointer can hold (0x3fff) in a long message, and refuses the next', () => {
    // A message of 0x3fff bytes whose last byte is a root name: a pointer to it is written as ffff.
    const w = writerAfter(`${'00'.repeat(0x3fff)}00`, 32);
    writeName(w, 0, 'a', 0x3fff, 'n');
    expect(toHex(w.buf.subarray(0x4000, w.pos))).toBe('0161ffff');
    // One more does not fit in 14 bits, though a name (the root) is there: written, it would point at offset 0.
    const past = writerAfter(`${'00'.repeat(0x4000)}00`, 32);
    expect(() => writeName(past, 0, 'a', 0x4000, 'n')).toThrow('nPointer: 16384 is not the offset of a name written earlier in the message');
    expect(past.pos).toBe(0x4001);
  });
});
