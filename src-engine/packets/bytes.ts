// Big-endian reads and writes on a Uint8Array, and the encoders' range check. Plain index arithmetic:
// faster than a DataView for the 1- to 4-byte fields headers are made of.

export function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 8;
  b[at + 1] = v;
}

export function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

export function get16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

export function get32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Throws unless v is an integer in [0, max] (max < 2^32): a caller's bug, reported with the field's name. */
export function checkUint(v: number, max: number, what: string): void {
  // Tiny on purpose: V8 always inlines a function this small, and encoders call it for every field.
  if (v >>> 0 !== v || v > max) notUint(v, max, what);
}

function notUint(v: number, max: number, what: string): never {
  throw new Error(`${what}: ${v} is not an integer from 0 to ${max}`);
}
