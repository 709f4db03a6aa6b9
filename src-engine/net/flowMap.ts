// A map keyed by up to four of a flow's numbers (addresses, ports, protocol) instead of a string built from
// them: TCP connections, VFP flows and NAT mappings are looked up for every packet, and building and hashing
// "6|192.168.100.9:443|192.168.200.10:49731" cost more than the rest of the lookup. Entries whose keys hash
// alike are chained. Not iterable: nothing that uses it needs to list its entries.

interface Entry<V> {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  value: V;
  /** The next entry whose key hashes alike. */
  next: Entry<V> | undefined;
}

/** Keys are integers from 0 to 2^32 - 1 (an address, two ports as port1 * 65536 + port2, a protocol). */
export class FlowMap<V> {
  /** Made on first use: a world has thousands of these, most of them never used. */
  private buckets: Map<number, Entry<V>> | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(a: number, b = 0, c = 0, d = 0): V | undefined {
    if (this.buckets === undefined) return undefined;
    for (let e = this.buckets.get(hash(a, b, c, d)); e !== undefined; e = e.next) {
      if (e.a === a && e.b === b && e.c === c && e.d === d) return e.value;
    }
    return undefined;
  }

  has(a: number, b = 0, c = 0, d = 0): boolean {
    if (this.buckets === undefined) return false;
    for (let e = this.buckets.get(hash(a, b, c, d)); e !== undefined; e = e.next) {
      if (e.a === a && e.b === b && e.c === c && e.d === d) return true;
    }
    return false;
  }

  set(a: number, b: number, c: number, d: number, value: V): void {
    const h = hash(a, b, c, d);
    const buckets = (this.buckets ??= new Map());
    const first = buckets.get(h);
    for (let e = first; e !== undefined; e = e.next) {
      if (e.a === a && e.b === b && e.c === c && e.d === d) {
        e.value = value;
        return;
      }
    }
    buckets.set(h, { a, b, c, d, value, next: first });
    this.count++;
  }

  delete(a: number, b = 0, c = 0, d = 0): boolean {
    const buckets = this.buckets;
    if (buckets === undefined) return false;
    const h = hash(a, b, c, d);
    let prev: Entry<V> | undefined;
    for (let e = buckets.get(h); e !== undefined; prev = e, e = e.next) {
      if (e.a !== a || e.b !== b || e.c !== c || e.d !== d) continue;
      if (prev) prev.next = e.next;
      else if (e.next) buckets.set(h, e.next);
      else buckets.delete(h);
      this.count--;
      return true;
    }
    return false;
  }

  clear(): void {
    this.buckets = undefined;
    this.count = 0;
  }
}

/** FNV-1a over the keys' 16-bit halves, as a signed 32-bit integer (a small integer to V8: never boxed). */
function hash(a: number, b: number, c: number, d: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ (a & 0xffff), 0x01000193);
  h = Math.imul(h ^ (a >>> 16), 0x01000193);
  h = Math.imul(h ^ (b & 0xffff), 0x01000193);
  h = Math.imul(h ^ (b >>> 16), 0x01000193);
  h = Math.imul(h ^ (c & 0xffff), 0x01000193);
  h = Math.imul(h ^ (c >>> 16), 0x01000193);
  h = Math.imul(h ^ (d & 0xffff), 0x01000193);
  return Math.imul(h ^ (d >>> 16), 0x01000193) | 0;
}
