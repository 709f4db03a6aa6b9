// DNS names on the wire (RFC 1035 3.1, 4.1.4): length-prefixed labels ending in a zero byte or in a pointer
// to an earlier name. Reading follows pointers but only ever backwards, so a pointer cycle cannot loop.
import { reserve, type Writer } from './writer';

const MAX_LABEL = 63;
const MAX_NAME = 255;
const POINTER = 0xc0;
export const DNS_HEADER_LENGTH = 12;

const CHARS: readonly string[] = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

export type NameRead =
  | {
      readonly ok: true;
      readonly name: string;
      /** Where the bytes after the name (in place, not where a pointer led) start. */
      readonly next: number;
      /** The offset from the message start that the name's own pointer targets, or -1 when it has none. */
      readonly pointer: number;
    }
  | { readonly ok: false; readonly code: 'truncated' | 'malformed'; readonly offset: number; readonly problem: string };

/** Reads the name at `at`; `message` is where the DNS message starts, `end` where it must end. */
export function readName(b: Uint8Array, message: number, at: number, end: number): NameRead {
  let name = '';
  let p = at;
  let next = -1;
  let pointer = -1;
  let wireLength = 1; // the final zero byte
  // Every pointer must target a byte before the segment it ends, so the segments' starts strictly decrease.
  let segmentStart = at;
  for (;;) {
    if (p >= end) return { ok: false, code: 'truncated', offset: Math.min(p, end), problem: 'the name runs past the end of the message' };
    const len = b[p]!;
    if (len === 0) {
      if (next < 0) next = p + 1;
      return { ok: true, name, next, pointer };
    }
    if ((len & POINTER) === POINTER) {
      if (p + 1 >= end) return { ok: false, code: 'truncated', offset: p, problem: 'the compression pointer is cut short' };
      const target = message + (((len & 0x3f) << 8) | b[p + 1]!);
      if (target >= segmentStart) return { ok: false, code: 'malformed', offset: p, problem: `the compression pointer to ${target - message} does not point back to an earlier name` };
      if (target < message + DNS_HEADER_LENGTH) return { ok: false, code: 'malformed', offset: p, problem: `the compression pointer to ${target - message} points into the header` };
      if (next < 0) {
        next = p + 2;
        pointer = target - message;
      }
      segmentStart = target;
      p = target;
      continue;
    }
    if (len & POINTER) return { ok: false, code: 'malformed', offset: p, problem: `label type 0x${(len & POINTER).toString(16)} (extended labels) is not supported` };
    if (p + 1 + len > end) return { ok: false, code: 'truncated', offset: p, problem: 'a label runs past the end of the message' };
    wireLength += len + 1;
    if (wireLength > MAX_NAME) return { ok: false, code: 'malformed', offset: p, problem: `the name is longer than ${MAX_NAME} bytes` };
    if (name.length > 0) name += '.';
    for (let i = p + 1; i <= p + len; i++) {
      const c = b[i]!;
      // A dot inside a label could not be told apart from a label boundary in the text form.
      if (c === 46) return { ok: false, code: 'malformed', offset: i, problem: 'a label contains a dot, which the text form of a name cannot hold' };
      name += CHARS[c]!;
    }
    p += 1 + len;
  }
}

/**
 * Writes `name` ("portal.azurestack.local"; "" is the root) in full when `pointer` is null, or as its leading
 * labels followed by a pointer to the earlier name at `pointer` (from the message start), which must be a
 * suffix of it. `what` names the field in error messages.
 */
export function writeName(w: Writer, message: number, name: string, pointer: number | null, what: string): void {
  // Resolved, a name takes its text length + 2 bytes on the wire, however it is compressed.
  if (name.length > MAX_NAME - 2) throw new Error(`${what}: ${JSON.stringify(name)} is longer than ${MAX_NAME} bytes on the wire`);
  let literal = name;
  if (pointer !== null) {
    if (!(Number.isInteger(pointer) && pointer >= DNS_HEADER_LENGTH && message + pointer < w.pos && pointer < 0x4000)) {
      throw new Error(`${what}Pointer: ${pointer} is not the offset of a name written earlier in the message`);
    }
    const target = readName(w.buf, message, message + pointer, w.pos);
    if (!target.ok) throw new Error(`${what}Pointer: offset ${pointer} does not hold a name (${target.problem})`);
    const suffix = target.name;
    if (suffix === name) literal = '';
    else if (suffix === '') literal = name;
    else if (name.endsWith('.' + suffix)) literal = name.slice(0, name.length - suffix.length - 1);
    else throw new Error(`${what}Pointer: the name at offset ${pointer}, "${suffix}", is not a suffix of "${name}"`);
  }
  const b = reserve(w, literal.length + 3);
  let p = w.pos;
  if (literal.length > 0) {
    let lengthAt = p++;
    for (let i = 0; i <= literal.length; i++) {
      const c = i === literal.length ? 46 : literal.charCodeAt(i);
      if (c === 46) {
        const len = p - lengthAt - 1;
        if (len === 0) throw new Error(`${what}: ${JSON.stringify(name)} has an empty label`);
        if (len > MAX_LABEL) throw new Error(`${what}: a label of ${JSON.stringify(name)} is longer than ${MAX_LABEL} bytes`);
        b[lengthAt] = len;
        lengthAt = p++;
      } else {
        if (c > 255) throw new Error(`${what}: ${JSON.stringify(name)} has a character outside Latin-1; encode it as punycode first`);
        b[p++] = c;
      }
    }
    p--; // the length byte opened after the last label is not used
  }
  if (pointer === null) b[p++] = 0;
  else {
    b[p++] = POINTER | (pointer >>> 8);
    b[p++] = pointer & 0xff;
  }
  w.pos = p;
}
