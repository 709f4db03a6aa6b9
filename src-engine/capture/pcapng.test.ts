import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../packets/testing/hex';
import { writePcapng } from './pcapng';

const hex = (text: string) => toHex(fromHex(text));

// Section header: type, length 44, byte-order magic, version 1.0, section length -1, shb_userappl "Hoplab".
const SHB = '0a0d0d0a 2c000000 4d3c2b1a 0100 0000 ffffffff ffffffff 0400 0600 486f706c6162 0000 00000000 2c000000';
// Interface: type 1, length 40, LINKTYPE_ETHERNET, snaplen 262144, if_name "eth0", if_tsresol 6, end.
const IDB = '01000000 28000000 0100 0000 00000400 0200 0400 65746830 0900 0100 06 000000 00000000 28000000';

describe('writePcapng', () => {
  it('writes a section header, an interface block and a packet block with its comment, all little-endian', () => {
    const file = writePcapng({
      interfaces: [{ name: 'eth0' }],
      packets: [{ interfaceIndex: 0, timeUs: 2 ** 32 + 2, data: fromHex('deadbeef'), comment: 'hi' }],
    });
    // Packet: type 6, length 48, interface 0, timestamp high 1 low 2, 4 bytes captured of 4, data, opt_comment "hi".
    const epb = '06000000 30000000 00000000 01000000 02000000 04000000 04000000 deadbeef 0100 0200 6869 0000 00000000 30000000';
    expect(toHex(file)).toBe(hex(SHB + IDB + epb));
  });

  it('pads packet data to 32 bits and leaves out options a packet does not have', () => {
    const file = writePcapng({ interfaces: [{ name: 'eth0' }], packets: [{ interfaceIndex: 0, timeUs: 7, data: fromHex('0102030405') }] });
    const epb = '06000000 28000000 00000000 00000000 07000000 05000000 05000000 0102030405 000000 28000000';
    expect(toHex(file)).toBe(hex(SHB + IDB + epb));
  });

  it('writes a description when an interface has one, in UTF-8', () => {
    const file = writePcapng({ interfaces: [{ name: 'MuxVM pa', description: 'PA é' }], packets: [] });
    const idb = '01000000 38000000 0100 0000 00000400 0200 0800 4d7578564d207061 0300 0500 5041 20c3a9 000000 0900 0100 06 000000 00000000 38000000';
    expect(toHex(file)).toBe(hex(SHB + idb));
  });

  it('makes every block length a multiple of 4, repeated at its end', () => {
    const file = writePcapng({
      interfaces: [{ name: 'a' }, { name: 'bc', description: 'd' }],
      packets: [1, 2, 3, 4, 5].map((n) => ({ interfaceIndex: n % 2, timeUs: n, data: new Uint8Array(n), comment: 'x'.repeat(n) })),
    });
    const view = new DataView(file.buffer);
    let at = 0;
    let blocks = 0;
    while (at < file.length) {
      const length = view.getUint32(at + 4, true);
      expect(length % 4).toBe(0);
      expect(view.getUint32(at + length - 4, true)).toBe(length);
      at += length;
      blocks++;
    }
    expect(at).toBe(file.length);
    expect(blocks).toBe(1 + 2 + 5);
  });

  it('refuses packets on interfaces that do not exist, and times that are not whole microseconds', () => {
    const one = (p: { interfaceIndex: number; timeUs: number }) => () => writePcapng({ interfaces: [{ name: 'eth0' }], packets: [{ ...p, data: new Uint8Array(1) }] });
    expect(one({ interfaceIndex: 1, timeUs: 0 })).toThrow('packets[0].interfaceIndex: 1 names no interface; the capture has 1');
    expect(one({ interfaceIndex: 0, timeUs: -1 })).toThrow('packets[0].timeUs: -1 is not a whole, non-negative number of microseconds');
    expect(one({ interfaceIndex: 0, timeUs: 1.5 })).toThrow('packets[0].timeUs: 1.5');
  });
});
