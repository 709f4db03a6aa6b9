// DNS response codes: the 4-bit RCODE of the header (RFC 1035 4.1.1; the IANA registry RFC 6895 keeps, with the
// codes RFC 2136 and RFC 8490 added). The one table the engine names an rcode from: the CLI, the packet summary,
// the inspector's field and the resolver's sentences all say REFUSED, never "rcode 5".

/** The registry's name of each code 0-11; 12-15 are unassigned. */
const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE', 'DSOTYPENI'] as const;

export type RcodeName = (typeof RCODE_NAMES)[number];

/** The codes the engine's DNS server sends and its resolver acts on. */
export const RCODE = { NOERROR: 0, NXDOMAIN: 3, REFUSED: 5 } as const satisfies Partial<Record<RcodeName, number>>;

/** The registry's name of an rcode, undefined for one it leaves unassigned. */
export const rcodeRegistryName = (rcode: number): RcodeName | undefined => RCODE_NAMES[rcode];

/** An rcode as the registry names it: "REFUSED"; an unassigned one as "RCODE 12". */
export const rcodeName = (rcode: number): string => rcodeRegistryName(rcode) ?? `RCODE ${rcode}`;

/** What each code tells the client, in a few plain words (RFC 1035 4.1.1, RFC 2136 2.2, RFC 8490 5.3). */
const RCODE_MEANINGS: Readonly<Record<RcodeName, string>> = {
  NOERROR: 'no error',
  FORMERR: 'the server could not read the query',
  SERVFAIL: 'the server failed to find an answer (a problem on its side or further upstream)',
  NXDOMAIN: 'the name does not exist',
  NOTIMP: 'the server does not support this kind of query',
  REFUSED: 'the server will not answer this query, by its own policy',
  YXDOMAIN: 'a name exists that the update said should not',
  YXRRSET: 'a record set exists that the update said should not',
  NXRRSET: 'a record set the update needs does not exist',
  NOTAUTH: 'the server is not authoritative for the zone',
  NOTZONE: 'a name in the update is outside the zone',
  DSOTYPENI: 'the server does not implement this DNS Stateful Operations type',
};

/** "REFUSED (rcode 5): the server will not answer this query, by its own policy". */
export function rcodeText(rcode: number): string {
  const name = rcodeRegistryName(rcode);
  return name ? `${name} (rcode ${rcode}): ${RCODE_MEANINGS[name]}` : `RCODE ${rcode}: a code no RFC assigns`;
}
