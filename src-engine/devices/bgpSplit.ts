// RFC 4271 4.1: a BGP message is at most 4,096 bytes. A speaker with more prefixes than fit one UPDATE sends
// several, each with the same path attributes; withdrawals go first, so a prefix is never withdrawn after
// it is announced again. Prefixes are packed in order, as many as fit.

export const BGP_MAX_MESSAGE = 4096;
/** Marker (16), length (2), type (1). */
const HEADER = 19;
/** Withdrawn routes length (2) and total path attribute length (2). */
const LENGTHS = 4;

/** Bytes of one prefix in an UPDATE: a length byte and the significant bytes of the address. */
export function prefixBytes(prefix: string): number {
  const len = Number(prefix.slice(prefix.indexOf('/') + 1));
  return 1 + Math.ceil(len / 8);
}

/** Bytes of ORIGIN (4), an AS_PATH of one AS_SEQUENCE (3 + 2 + 2 per AS, or 3 when empty) and NEXT_HOP (7). */
export function attributeBytes(asPathLength: number): number {
  return 4 + (asPathLength === 0 ? 3 : 5 + 2 * asPathLength) + 7;
}

export interface UpdatePart {
  readonly withdrawn: readonly string[];
  readonly nlri: readonly string[];
}

/** The UPDATEs that carry these withdrawals and announcements, each at most BGP_MAX_MESSAGE bytes. */
export function splitUpdate(withdrawn: readonly string[], nlri: readonly string[], asPathLength: number): UpdatePart[] {
  const parts: UpdatePart[] = [];
  let w: string[] = [];
  let n: string[] = [];
  let size = HEADER + LENGTHS;
  const flush = () => {
    if (w.length > 0 || n.length > 0) parts.push({ withdrawn: w, nlri: n });
    w = [];
    n = [];
    size = HEADER + LENGTHS;
  };
  for (const p of withdrawn) {
    const bytes = prefixBytes(p);
    if (size + bytes > BGP_MAX_MESSAGE) flush();
    w.push(p);
    size += bytes;
  }
  const attrs = attributeBytes(asPathLength);
  for (const p of nlri) {
    const bytes = prefixBytes(p) + (n.length === 0 ? attrs : 0);
    if (size + bytes > BGP_MAX_MESSAGE) {
      flush();
      n.push(p);
      size += prefixBytes(p) + attrs;
      continue;
    }
    n.push(p);
    size += bytes;
  }
  flush();
  return parts;
}
