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
    expect(message('ClientVM')).toBe('ClientVM cannot send to itself. Pick another destination, e.g. PortalVM.');
    expect(message('bad_name.local')).toContain('is not a valid DNS name');
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
