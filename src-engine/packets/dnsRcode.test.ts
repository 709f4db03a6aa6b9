// The DNS response codes by the names RFC 1035 and the IANA registry (RFC 6895) give them, and what each tells
// the client: exact names for every assigned code, and the unassigned ones said to be so.
import { describe, expect, it } from 'vitest';
import { RCODE, rcodeName, rcodeText } from './dnsRcode';

describe('rcodeName', () => {
  it('names each assigned code 0-11 as the registry does', () => {
    expect(Array.from({ length: 12 }, (_, i) => rcodeName(i))).toEqual([
      'NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE', 'DSOTYPENI',
    ]);
  });

  it('says the number of a code no RFC assigns (12-15 of the header\'s four bits)', () => {
    expect([12, 15].map(rcodeName)).toEqual(['RCODE 12', 'RCODE 15']);
  });

  it('gives the codes the engine sends their registry values', () => {
    expect(RCODE).toEqual({ NOERROR: 0, NXDOMAIN: 3, REFUSED: 5 });
    expect([RCODE.NOERROR, RCODE.NXDOMAIN, RCODE.REFUSED].map(rcodeName)).toEqual(['NOERROR', 'NXDOMAIN', 'REFUSED']);
  });
});

describe('rcodeText', () => {
  it('says the name, the number and the meaning', () => {
    expect(rcodeText(5)).toBe('REFUSED (rcode 5): the server will not answer this query, by its own policy');
    expect(rcodeText(2)).toBe('SERVFAIL (rcode 2): the server failed to find an answer (a problem on its side or further upstream)');
    expect(rcodeText(3)).toBe('NXDOMAIN (rcode 3): the name does not exist');
    expect(rcodeText(0)).toBe('NOERROR (rcode 0): no error');
    expect(rcodeText(1)).toBe('FORMERR (rcode 1): the server could not read the query');
    expect(rcodeText(4)).toBe('NOTIMP (rcode 4): the server does not support this kind of query');
    expect(rcodeText(9)).toBe('NOTAUTH (rcode 9): the server is not authoritative for the zone');
    expect(rcodeText(6)).toBe('YXDOMAIN (rcode 6): a name exists that the update said should not');
    expect(rcodeText(7)).toBe('YXRRSET (rcode 7): a record set exists that the update said should not');
    expect(rcodeText(8)).toBe('NXRRSET (rcode 8): a record set the update needs does not exist');
    expect(rcodeText(10)).toBe('NOTZONE (rcode 10): a name in the update is outside the zone');
    expect(rcodeText(11)).toBe('DSOTYPENI (rcode 11): the server does not implement this DNS Stateful Operations type');
    expect(rcodeText(14)).toBe('RCODE 14: a code no RFC assigns');
  });
});
