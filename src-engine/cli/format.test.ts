// The CLI's one-line packet text names a DNS answer's rcode as the registry does (RFC 1035, RFC 6895).
import { describe, expect, it } from 'vitest';
import { dnsResponse } from '../packets/samples';
import { layersText } from './format';

describe('layersText', () => {
  it('gives a DNS answer its address, or the name of its rcode when it has none', () => {
    const dns = (rcode: number, answers: boolean) => dnsResponse().map((l) => (l.type === 'dns' ? { ...l, rcode, ...(answers ? {} : { answers: [] }) } : l));
    expect(layersText(dns(0, true))).toBe('eth c8:00:02>c8:00:0a | ip 192.168.100.2>192.168.200.10 ttl 127 | udp 53>58017 | dns answer 192.168.133.74');
    expect(layersText(dns(5, false)).split(' | ').at(-1)).toBe('dns answer REFUSED');
    expect(layersText(dns(3, false)).split(' | ').at(-1)).toBe('dns answer NXDOMAIN');
    expect(layersText(dns(0, false)).split(' | ').at(-1)).toBe('dns answer NOERROR');
  });
});
