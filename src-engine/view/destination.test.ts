import { describe, expect, it } from 'vitest';
import { parseTopology } from '../topology/validate';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { checkDestination, parseDestination, suggestNode } from './destination';

const parsed = parseTopology(POC_TOPOLOGY);
if (!parsed.ok) throw new Error('POC does not parse');
const poc = parsed.value;
const check = (to: string, from = 'ClientVM') => checkDestination(poc, from, to);
const message = (to: string) => {
  const r = check(to);
  return r.ok ? '' : r.error.message;
};

describe('checkDestination', () => {
  it('accepts node names, addresses, names and URLs', () => {
    for (const to of ['PortalVM', 'portalvm', '192.168.133.74', '192.168.133.74:443', 'portal.azurestack.local', 'https://portal.azurestack.local', 'http://192.168.133.74:8080/x']) {
      expect(check(to).ok, to).toBe(true);
    }
  });

  it('names what is wrong and how to fix it', () => {
    expect(message('')).toContain('Type a destination');
    expect(message('192.168.1.300')).toBe('"192.168.1.300" is not a valid IPv4 address: 300 is more than 255. Each of the four numbers must be 0 to 255, e.g. 192.168.133.74.');
    expect(message('192.168.1')).toContain('has 3 numbers; an IPv4 address has four');
    expect(message('ftp://portal.azurestack.local')).toContain('only http:// and https://');
    expect(message('https://portal.azurestack.local:99999')).toContain('the port "99999" must be a whole number from 1 to 65535');
    expect(message('PortalVN')).toBe('There is no node called "PortalVN". Did you mean PortalVM? Type a node name (PortalVM), an IPv4 address (192.168.133.74) or a URL (https://portal.azurestack.local).');
    expect(message('portal azurestack')).toContain('contains a space');
    const bidi = 'https://portal\u202Eexe.local';
    expect(message(bidi)).toBe(
      'The destination contains a bidirectional control character (U+202E) that can make text display in a misleading order. Type it again without it: a node name (PortalVM), an IPv4 address (192.168.133.74) or a URL (https://portal.azurestack.local).',
    );
    expect(message('Portal\u200BVM')).toContain('The destination contains an invisible control character (U+200B)');
    expect(message('ClientVM')).toBe('ClientVM cannot send to itself: a packet to its own address never leaves it (the IP stack loops it back), so it crosses no network. Pick another destination, e.g. PortalVM.');
    expect(message('bad_name.local')).toContain('is not a valid DNS name');
  });

  it('refuses the source\'s own address as it refuses its name, by any of its interfaces, in any form', () => {
    const own = 'ClientVM cannot send to itself: 192.168.200.10 is its own address, and a packet to its own address never leaves it (the IP stack loops it back), so it crosses no network. Pick another destination, e.g. PortalVM.';
    expect(message('192.168.200.10')).toBe(own);
    expect(message('https://192.168.200.10:8443/x')).toBe(own);
    expect(checkDestination(poc, 'MuxVM', '192.168.233.6')).toEqual({
      ok: false,
      error: { code: 'bad-destination', message: 'MuxVM cannot send to itself: 192.168.233.6 is its own address, and a packet to its own address never leaves it (the IP stack loops it back), so it crosses no network. Pick another destination, e.g. PortalVM.' },
    });
    expect(checkDestination(poc, 'MuxVM', '192.168.100.6').ok).toBe(false);
    expect(checkDestination(poc, 'PortalVM', '192.168.200.10').ok).toBe(true);
  });

  it('refuses an address that names no one device, saying what it is (RFC 1122, RFC 919, RFC 5771, RFC 1112)', () => {
    const tail = '. Hoplab traces a packet to one device: type its address, e.g. 192.168.133.74, or a node name (PortalVM).';
    expect(message('127.0.0.1')).toBe(`127.0.0.1 is a loopback address (127.0.0.0/8): a packet to it never leaves the host that sends it (RFC 1122, 3.2.1.3), so it crosses no network${tail}`);
    expect(message('127.255.255.255:80')).toContain('127.255.255.255 is a loopback address');
    expect(message('0.0.0.0')).toBe(`0.0.0.0 is in 0.0.0.0/8, "this network": a host may use it only as a source while it learns its own address, never as a destination (RFC 1122, 3.2.1.3)${tail}`);
    expect(message('0.255.255.255')).toContain('is in 0.0.0.0/8');
    expect(message('224.0.0.5')).toBe(`224.0.0.5 is a multicast address (224.0.0.0/4, RFC 5771): it names a group of receivers, not one device${tail}`);
    expect(message('239.255.255.255')).toContain('is a multicast address');
    expect(message('255.255.255.255')).toBe(`255.255.255.255 is the limited broadcast address (RFC 919): it reaches every device on the sender's own network, and no router forwards it${tail}`);
    expect(message('240.0.0.1')).toBe(`240.0.0.1 is in 240.0.0.0/4, reserved for future use (RFC 1112, 4): no device may have it${tail}`);
    expect(message('255.255.255.254')).toContain('is in 240.0.0.0/4');
    // The edges of each block: the addresses just outside are ordinary.
    for (const ok of ['1.0.0.0', '126.255.255.255', '128.0.0.0', '223.255.255.255']) expect(message(ok), ok).toBe('');
  });

  it('refuses the broadcast address of a network of the topology, but not of the VIP pool, which is no link', () => {
    expect(message('192.168.200.255')).toBe(
      '192.168.200.255 is the broadcast address of Transit 192.168.200.0/24: it reaches every device on that network, not one. Hoplab traces a packet to one device: type its address, e.g. 192.168.133.74, or a node name (PortalVM).',
    );
    expect(message('192.168.100.255')).toContain('is the broadcast address of');
    expect(message('192.168.100.254')).toBe('');
    expect(message('192.168.133.255')).toBe('');
    // Without the networks (a caller that passes the nodes alone), only the special blocks are known.
    expect(parseDestination({ nodes: poc.nodes }, '192.168.200.255').ok).toBe(true);
  });

  it('suggests only near names', () => {
    expect(suggestNode(poc, 'muxvn')).toBe('MuxVM');
    expect(suggestNode(poc, 'zzzzzzzzzz')).toBeUndefined();
  });
});

describe('parseDestination', () => {
  it('says what each form means: a name to look up, or an address (with the node it belongs to)', () => {
    expect(parseDestination(poc, ' https://Portal.AzureStack.local ')).toEqual({ ok: true, value: { kind: 'name', name: 'portal.azurestack.local', port: 443 } });
    expect(parseDestination(poc, 'http://portal.azurestack.local/x')).toEqual({ ok: true, value: { kind: 'name', name: 'portal.azurestack.local', port: 80 } });
    expect(parseDestination(poc, '192.168.133.74')).toEqual({ ok: true, value: { kind: 'address', address: 0xc0a8854a, port: undefined } });
    expect(parseDestination(poc, 'PortalVM:8443')).toEqual({ ok: true, value: { kind: 'address', address: 0xc0a86409, port: 8443, node: 'PortalVM' } });
  });

  it('refuses with the code bad-destination and a sentence, leaving the node rule to checkDestination', () => {
    expect(parseDestination(poc, '192.168.1.010')).toEqual({
      ok: false,
      error: { code: 'bad-destination', message: '"192.168.1.010" is not a valid IPv4 address: 010 has a leading zero. Write each number without one, e.g. 192.168.133.74.' },
    });
    expect(parseDestination(poc, 'portal.azurestack.local:').ok).toBe(false);
    expect(parseDestination(poc, 'a/b').ok).toBe(false);
    expect(parseDestination(poc, 'https://').ok).toBe(false);
    expect(parseDestination(poc, 'ClientVM').ok).toBe(true);
  });
});
