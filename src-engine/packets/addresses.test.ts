import { describe, expect, it, vi } from 'vitest';
import { ipv4Text, macText, parseIpv4, parseMac, readIpv4, readMac, writeIpv4, writeMac } from './addresses';
import { toHex } from './testing/hex';

describe('address caches', () => {
  it('start empty: the first texts of 0.0.0.1 and 00:00:00:00:00:01 are theirs, not a slot left over', async () => {
    // A fresh module, so nothing has been cached yet: an empty slot must not pass for the address 1.
    vi.resetModules();
    const fresh = await import('./addresses');
    expect(fresh.ipv4Text(1)).toBe('0.0.0.1');
    expect(fresh.readIpv4(Uint8Array.of(0, 0, 0, 1), 0)).toBe('0.0.0.1');
    expect(fresh.macText(1)).toBe('00:00:00:00:00:01');
    expect(fresh.readMac(Uint8Array.of(0, 0, 0, 0, 0, 1), 0)).toBe('00:00:00:00:00:01');
  });
});

describe('IPv4 text', () => {
  it('writes a dotted quad as 4 bytes where asked', () => {
    const b = new Uint8Array(6);
    writeIpv4(b, 1, '192.168.133.74', 'x');
    expect(toHex(b)).toBe('00c0a8854a00');
    writeIpv4(b, 1, '0.0.0.0', 'x');
    writeIpv4(b, 2, '255.255.255.255', 'x');
    expect(toHex(b)).toBe('0000ffffffff');
  });

  it('reads 4 bytes back as text, the same text each time', () => {
    const b = Uint8Array.of(9, 10, 0, 255, 1);
    expect(readIpv4(b, 1)).toBe('10.0.255.1');
    expect(readIpv4(b, 1)).toBe('10.0.255.1');
    expect(readIpv4(b, 0)).toBe('9.10.0.255');
  });

  it.each(['192.168.1', '192.168.1.1.1', '192.168.1.256', '192.168.01.1', '192.168..1', ' 192.168.1.1', '1.2.3.4/32', '', 'a.b.c.d', '1234.1.1.1', '192.168.1.', '.1.2.3', '1.2.3.4.', '1.2.3.:', '192,168,1,1', '10.0.0-1'])(
    'refuses %j, naming the field',
    (text) => {
      expect(() => writeIpv4(new Uint8Array(4), 0, text, 'ipv4.src')).toThrow(`ipv4.src: ${JSON.stringify(text)} is not a dotted-quad IPv4 address`);
    },
  );

  it('converts between a dotted quad and its unsigned 32-bit number', () => {
    expect(parseIpv4('192.168.100.2')).toBe(3232261122);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4Text(3232261122)).toBe('192.168.100.2');
    expect(ipv4Text(-1)).toBe('255.255.255.255');
    expect(parseIpv4('192.168.100')).toBe(-1);
    // Only a dot ends an octet: any other character after digits is refused, not read as a separator.
    expect(parseIpv4('10.0.0-1')).toBe(-1);
  });

  it('stays right past the size of its caches', () => {
    const b = new Uint8Array(4);
    for (let i = 0; i < 10_000; i++) {
      const text = `10.${(i >>> 8) & 255}.${i & 255}.${(i * 7) & 255}`;
      writeIpv4(b, 0, text, 'x');
      expect(readIpv4(b, 0)).toBe(text);
    }
  });
});

describe('MAC text', () => {
  it('writes either case and reads lower case', () => {
    const b = new Uint8Array(8);
    writeMac(b, 1, '00:15:5D:C8:00:0A', 'x');
    expect(toHex(b)).toBe('0000155dc8000a00');
    expect(readMac(b, 1)).toBe('00:15:5d:c8:00:0a');
    writeMac(b, 2, 'ff:ff:ff:ff:ff:ff', 'x');
    expect(readMac(b, 2)).toBe('ff:ff:ff:ff:ff:ff');
  });

  it('reads every hex digit, either case: 0-9, a-f, A-F', () => {
    const b = new Uint8Array(6);
    writeMac(b, 0, '01:23:45:67:89:Ab', 'x');
    expect(toHex(b)).toBe('0123456789ab');
    writeMac(b, 0, 'cD:Ef:aB:CD:EF:f0', 'x');
    expect(toHex(b)).toBe('cdefabcdeff0');
    expect(readMac(b, 0)).toBe('cd:ef:ab:cd:ef:f0');
  });

  it.each(['00:15:5d:c8:00', '00:15:5d:c8:00:0/', '00:15:5d:c8:00:0;', '00:15:5d:c8:00:0@', '00:15:5d:c8:00:0G', '00:15:5d:c8:00:0`', '00:15:5d:c8:00:0a:01', '00-15-5d-c8-00-0a', '00:15:5d:c8:00:0g', '0:15:5d:c8:00:0a:', '00:15:5d:c8:00:g0', '00:15:5d:c8:00:/0'])('refuses %j', (text) => {
    expect(() => writeMac(new Uint8Array(6), 0, text, 'ethernet.dst')).toThrow(`ethernet.dst: ${JSON.stringify(text)} is not a MAC address`);
  });

  it('converts between a MAC as a 48-bit number and its text', () => {
    expect(parseMac('00:15:5D:c8:00:0a')).toBe(0x00155dc8000a);
    expect(macText(0x00155dc8000a)).toBe('00:15:5d:c8:00:0a');
    expect(macText(0xfedcba987654)).toBe('fe:dc:ba:98:76:54');
    expect(parseMac('00:15:5d:c8:00:0')).toBe(-1);
    // A bad first digit of a later byte, after bytes worth more than it could take away.
    expect(parseMac('00:15:5d:c8:00:g0')).toBe(-1);
  });

  it('stays right past the size of its caches (16,384 MACs parsed, 4,096 texts)', () => {
    const b = new Uint8Array(6);
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = `02:00:${toHex(Uint8Array.of(i >>> 8, i & 255, (i * 13) & 255, 7)).replace(/(..)(?=.)/g, '$1:')}`;
      writeMac(b, 0, text, 'x');
      if (readMac(b, 0) !== text) wrong.push(`${text} read back as ${readMac(b, 0)}`);
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });
});
