// A little-endian byte builder for capture files: they are written once per export, so clarity wins over speed.

export class BlockWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.length + n, this.buf.length * 2));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  /** Overwrites the 32-bit value at `at`: for block lengths known only once the block is written. */
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** Zero bytes up to the next multiple of 4, as pcapng requires after packet data and option values. */
  pad32(): void {
    const n = (4 - (this.length % 4)) % 4;
    this.room(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
