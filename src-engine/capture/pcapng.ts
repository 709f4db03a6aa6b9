// pcapng (draft-ietf-opsawg-pcapng): one section header, one interface description per capture point, one
// enhanced packet block per frame, with the frame's comment as opt_comment. Little-endian throughout.
import { BlockWriter } from './blockWriter';
import { type Capture, checkTime, LINKTYPE_ETHERNET, SNAPLEN } from './types';

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
/** epb_flags: a 32-bit word whose bits 0-1 are the direction, 01 inbound, 10 outbound. */
const EPB_FLAGS = 2;
const DIRECTION_BITS = { inbound: 1, outbound: 2 } as const;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
/** if_tsresol 6: timestamps count microseconds (10^-6 s). */
const TSRESOL_MICROSECONDS = 6;

const utf8 = new TextEncoder();

/** Throws on an interface index out of range or a time that is not whole non-negative microseconds. */
export function writePcapng(capture: Capture): Uint8Array {
  const w = new BlockWriter();
  block(w, BLOCK_SHB, () => {
    w.u32(BYTE_ORDER_MAGIC);
    w.u16(1); // major version
    w.u16(0); // minor version
    w.u32(0xffffffff); // section length: -1, not given
    w.u32(0xffffffff);
    options(w, [[SHB_USERAPPL, utf8.encode('Hoplab')]]);
  });
  for (const i of capture.interfaces) {
    block(w, BLOCK_IDB, () => {
      w.u16(LINKTYPE_ETHERNET);
      w.u16(0); // reserved
      w.u32(SNAPLEN);
      const opts: [number, Uint8Array][] = [[IF_NAME, utf8.encode(i.name)]];
      if (i.description !== undefined) opts.push([IF_DESCRIPTION, utf8.encode(i.description)]);
      opts.push([IF_TSRESOL, Uint8Array.of(TSRESOL_MICROSECONDS)]);
      options(w, opts);
    });
  }
  capture.packets.forEach((p, index) => {
    if (!(Number.isInteger(p.interfaceIndex) && p.interfaceIndex >= 0 && p.interfaceIndex < capture.interfaces.length)) {
      throw new Error(`packets[${index}].interfaceIndex: ${p.interfaceIndex} names no interface; the capture has ${capture.interfaces.length}`);
    }
    checkTime(p.timeUs, index);
    block(w, BLOCK_EPB, () => {
      w.u32(p.interfaceIndex);
      w.u32(Math.floor(p.timeUs / 2 ** 32)); // timestamp, high 32 bits
      w.u32(p.timeUs >>> 0); // low 32 bits
      w.u32(p.data.length); // captured length
      w.u32(p.data.length); // original length
      w.bytes(p.data);
      w.pad32();
      const opts: [number, Uint8Array][] = [];
      if (p.comment !== undefined) opts.push([OPT_COMMENT, utf8.encode(p.comment)]);
      if (p.direction !== undefined) opts.push([EPB_FLAGS, Uint8Array.of(DIRECTION_BITS[p.direction], 0, 0, 0)]);
      options(w, opts);
    });
  });
  return w.result();
}

/** Writes a block: type, total length, body, total length again (so readers can walk backwards too). */
function block(w: BlockWriter, type: number, body: () => void): void {
  const start = w.length;
  w.u32(type);
  w.u32(0);
  body();
  const total = w.length - start + 4;
  w.u32(total);
  w.setU32(start + 4, total);
}

/** Options as code, length, value padded to 32 bits, then opt_endofopt; nothing at all when there are none. */
function options(w: BlockWriter, opts: readonly (readonly [number, Uint8Array])[]): void {
  if (opts.length === 0) return;
  for (const [code, value] of opts) {
    if (value.length > 0xffff) throw new Error(`pcapng option ${code}: ${value.length} bytes exceed the 65535 an option holds`);
    w.u16(code);
    w.u16(value.length);
    w.bytes(value);
    w.pad32();
  }
  w.u16(OPT_ENDOFOPT);
  w.u16(0);
}
