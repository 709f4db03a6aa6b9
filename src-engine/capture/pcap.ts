// Classic libpcap files: for tools that read nothing newer. No interfaces and no comments; microsecond
// timestamps; Ethernet link type. Little-endian, as the magic number's byte order tells readers.
import { BlockWriter } from './blockWriter';
import { checkTime, LINKTYPE_ETHERNET, SNAPLEN } from './types';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MICROS = 1_000_000;

/** Accepts the packets of a Capture as they are; interfaceIndex and comment have no place here and are dropped. */
export function writePcap(packets: readonly { readonly timeUs: number; readonly data: Uint8Array }[]): Uint8Array {
  const w = new BlockWriter();
  w.u32(MAGIC_MICROSECONDS);
  w.u16(2); // version 2.4
  w.u16(4);
  w.u32(0); // thiszone: timestamps are UTC
  w.u32(0); // sigfigs
  w.u32(SNAPLEN);
  w.u32(LINKTYPE_ETHERNET);
  packets.forEach((p, index) => {
    checkTime(p.timeUs, index);
    const seconds = Math.floor(p.timeUs / MICROS);
    if (seconds > 0xffffffff) throw new Error(`packets[${index}].timeUs: ${p.timeUs} is past what a pcap's 32-bit seconds can hold`);
    w.u32(seconds);
    w.u32(p.timeUs % MICROS);
    w.u32(p.data.length); // captured length
    w.u32(p.data.length); // original length
    w.bytes(p.data);
  });
  return w.result();
}
