// The glossary: which spans of a sentence are terms, what each says, and that every word the engine's
// sentences use in the canonical run and in each lesson's run is either explained or plain English.
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons/catalog';
import type { FlowTrace, RunRequest } from '../protocol';
import { withKnobs } from '../run/knobs';
import { createRunSession } from '../run/session';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import type { Topology } from '../topology/schema';
import { GLOSSARY, GLOSS_ALIASES, explainTerm, glossCell, glossSegments, markTerms, nicNetwork, termsOf, type GlossContext } from './glossary';

const topology: Topology = (() => {
  const t = parseTopology(POC_TOPOLOGY);
  if (!t.ok) throw new Error('the POC topology does not validate');
  return t.value;
})();

describe('glossSegments', () => {
  it('splits a sentence into its text and its terms, which join back into the sentence', () => {
    const s = 'ClientVM gives up connecting to 192.168.133.74:443: no SYN-ACK to 3 SYNs in 21 s (Windows: TcpMaxConnectRetransmissions 2, first retransmission timeout (RTO) 3 s)';
    expect(glossSegments(s)).toEqual([
      { text: 'ClientVM gives up connecting to 192.168.133.74:443: no ' },
      { text: 'SYN-ACK', key: 'term/SYN-ACK' },
      { text: ' to 3 ' },
      { text: 'SYNs', key: 'term/SYN' },
      { text: ' in 21 s (Windows: ' },
      { text: 'TcpMaxConnectRetransmissions', key: 'term/TcpMaxConnectRetransmissions' },
      { text: ' 2, first retransmission timeout (' },
      { text: 'RTO', key: 'term/RTO' },
      { text: ') 3 s)' },
    ]);
  });

  it('takes the longest term, and no term inside a longer word, a name or an id', () => {
    expect(glossSegments('MuxVM2 sends a 5-tuple hash; gateway-not-on-link; VIPs on-link; ASNs AS')).toEqual([
      { text: 'MuxVM2 sends a ' },
      { text: '5-tuple hash', key: 'term/5-tuple hash' },
      { text: '; gateway-not-on-link; ' },
      { text: 'VIPs', key: 'term/VIP' },
      { text: ' ' },
      { text: 'on-link', key: 'term/on-link' },
      { text: '; ' },
      { text: 'ASNs', key: 'term/ASN' },
      { text: ' ' },
      { text: 'AS', key: 'term/AS' },
    ]);
  });

  it('marks a numbered source and an RFC by its number', () => {
    expect(glossSegments('OPEN sent (RFC 4271 section 8.2.2, source S19; S3, S8)')).toEqual([
      { text: 'OPEN', key: 'term/OPEN' },
      { text: ' sent (' },
      { text: 'RFC 4271', key: 'rfc/4271' },
      { text: ' section 8.2.2, source ' },
      { text: 'S19', key: 'source/S19' },
      { text: '; ' },
      { text: 'S3', key: 'source/S3' },
      { text: ', ' },
      { text: 'S8', key: 'source/S8' },
      { text: ')' },
    ]);
    expect(glossSegments('S1 and S9 and S190 are no sources')).toEqual([{ text: 'S1 and S9 and S190 are no sources' }]);
  });

  it("marks a NIC named with its device, and a bare NIC id in the sentence of the device that has it", () => {
    const ctx: GlossContext = { topology, node: 'BGPVM' };
    expect(glossSegments('received on port MuxVM.mgmt; MuxVM:pa; sent out of transit', ctx)).toEqual([
      { text: 'received on port MuxVM.' },
      { text: 'mgmt', key: 'interface/MuxVM/mgmt' },
      { text: '; MuxVM:' },
      { text: 'pa', key: 'interface/MuxVM/pa' },
      { text: '; sent out of ' },
      { text: 'transit', key: 'interface/BGPVM/transit' },
    ]);
    // ClientVM has no "mgmt": a bare "mgmt" in its sentence is no NIC of its; "inside" read as English stays text.
    expect(glossSegments('out of mgmt, inside VXLAN', { topology, node: 'ClientVM' })).toEqual([{ text: 'out of mgmt, inside ' }, { text: 'VXLAN', key: 'term/VXLAN' }]);
    // Without the sentence's device, an id every device has on one network is still that network's.
    expect(glossSegments('frame on mgmt lost', { topology })).toEqual([{ text: 'frame on ' }, { text: 'mgmt', key: 'interface//mgmt' }, { text: ' lost' }]);
  });

  it('says "on-link out of" in words, the NIC still named', () => {
    const ctx: GlossContext = { topology, node: 'MuxVM' };
    expect(glossSegments('MuxVM sends it by route 192.168.100.0/24 on-link out of mgmt, connected.', ctx)).toEqual([
      { text: 'MuxVM sends it by route 192.168.100.0/24 out of ' },
      { text: 'mgmt', key: 'interface/MuxVM/mgmt' },
      { text: ' straight to the destination, which is on that network (connected route).' },
    ]);
    expect(glossSegments('route 192.168.233.0/24 on-link out of pa, source connected', ctx).map((s) => s.text).join('')).toBe('route 192.168.233.0/24 out of pa straight to the destination, which is on that network (connected route)');
    expect(glossSegments('while BGPVM matches 0.0.0.0/0 (static) on-link;')).toEqual([{ text: 'while BGPVM matches 0.0.0.0/0 (static) ' }, { text: 'on-link', key: 'term/on-link' }, { text: ';' }]);
  });

  it('marks a term the first time a sentence has it, and its repeats as text', () => {
    expect(glossSegments('TCP SYN, then TCP SYN again (SYNs)')).toEqual([
      { text: 'TCP', key: 'term/TCP' },
      { text: ' ' },
      { text: 'SYN', key: 'term/SYN' },
      { text: ', then TCP SYN again (SYNs)' },
    ]);
    expect(glossSegments('TCP, TCP', {}, { everyTime: true })).toEqual([{ text: 'TCP', key: 'term/TCP' }, { text: ', ' }, { text: 'TCP', key: 'term/TCP' }]);
  });

  it('explains a BGP state that is an English word only where the sentence names it as a state', () => {
    expect(glossSegments('BGP session with 192.168.100.1 (AS 64647) Idle -> Connect: the session is Established later')).toEqual([
      { text: 'BGP', key: 'term/BGP' },
      { text: ' session with 192.168.100.1 (' },
      { text: 'AS', key: 'term/AS' },
      { text: ' 64647) ' },
      { text: 'Idle', key: 'bgp-state/Idle' },
      { text: ' -> ' },
      { text: 'Connect', key: 'bgp-state/Connect' },
      { text: ': the session is Established later' },
    ]);
    expect(termsOf('MuxVM2: BGP session with 192.168.100.1 (AS 64647) Idle: starts')).toEqual(['term/BGP', 'term/AS', 'bgp-state/Idle']);
    expect(explainTerm('bgp-state/Active')).toEqual({
      key: 'bgp-state/Active',
      term: 'Active',
      name: 'Active (BGP state)',
      says: 'This side waits for its peer to open the TCP connection (or will try again when its ConnectRetry timer fires).',
      standard: 'RFC 4271',
      href: 'https://www.rfc-editor.org/rfc/rfc4271',
    });
  });

  it('lists the terms of a sentence once each, in order', () => {
    expect(termsOf('SYN, SYN-ACK, SYN again, RTO')).toEqual(['term/SYN', 'term/SYN-ACK', 'term/RTO']);
  });
});

describe('explainTerm', () => {
  it('explains a term with its name, plain sentences and its standard, linked', () => {
    expect(explainTerm('term/RTO')).toEqual({
      key: 'term/RTO',
      term: 'RTO',
      name: 'Retransmission timeout',
      says: 'How long TCP waits for an acknowledgement before it sends a segment again. It doubles after each try.',
      standard: 'RFC 6298',
      href: 'https://www.rfc-editor.org/rfc/rfc6298',
    });
    expect(explainTerm('term/VIP')).toEqual({ key: 'term/VIP', term: 'VIP', name: 'Virtual IP address', says: 'The address clients use for a load-balanced service. It is on no interface: BGP routes it to the MUX.' });
  });

  it('says what a numbered source is, and links it when it is a standard', () => {
    expect(explainTerm('source/S19')).toEqual({
      key: 'source/S19',
      term: 'S19',
      name: 'Source S19',
      says: "Source 19 in the numbered list of sources the lab's network facts come from (gathered for the 2016 blog post's network): RFC 4271, BGP-4. The marks beside each value in Device details (doc, blog, inf, illus) name their sources by these numbers too.",
      standard: 'RFC 4271',
      href: 'https://www.rfc-editor.org/rfc/rfc4271',
    });
    expect(explainTerm('source/S13')?.says).toBe('Source 13 in the numbered list of sources the lab\'s network facts come from (gathered for the 2016 blog post\'s network): Microsoft, "Plan a Software Defined Network infrastructure". The marks beside each value in Device details (doc, blog, inf, illus) name their sources by these numbers too.');
    expect(explainTerm('source/S13')?.href).toBeUndefined();
  });

  it('says what an RFC is about', () => {
    expect(explainTerm('rfc/4271')).toEqual({
      key: 'rfc/4271',
      term: 'RFC 4271',
      name: 'Request for Comments 4271',
      says: "One of the numbered documents that define the internet's standards. This one is about BGP-4, the Border Gateway Protocol.",
      standard: 'RFC 4271',
      href: 'https://www.rfc-editor.org/rfc/rfc4271',
    });
  });

  it('names the network a NIC is on', () => {
    expect(explainTerm('interface/MuxVM/mgmt', { topology })).toEqual({
      key: 'interface/MuxVM/mgmt',
      term: 'mgmt',
      name: "MuxVM's interface mgmt",
      says: 'MuxVM\'s network interface named "mgmt", on the network Management 192.168.100.0/24 (VLAN 1001 on the switch).',
    });
    expect(explainTerm('interface//pa', { topology })?.says).toBe('The network interface named "pa", on the network Provider addresses 192.168.233.0/24 (VLAN 1003 on the switch).');
    expect(nicNetwork(topology, 'BGPVM', 'transit')).toBe('Transit 192.168.200.0/24');
    expect(nicNetwork(topology, 'BGPVM', 'nope')).toBeUndefined();
    expect(explainTerm('interface/MuxVM/mgmt')).toBeUndefined();
    expect(explainTerm('term/nonsense')).toBeUndefined();
  });

  it('has an entry for every alias, and one or two sentences per entry', () => {
    for (const [alias, word] of Object.entries(GLOSS_ALIASES)) expect(GLOSSARY[word], alias).toBeDefined();
    for (const [word, e] of Object.entries(GLOSSARY)) {
      expect(e.says, word).toMatch(/^[A-Z"'].*[.!]$/);
      expect(e.says.split(/(?<=[.!]) (?=[A-Z])/).length, word).toBeLessThanOrEqual(2);
    }
  });
});

// ---- Every word of the engine's sentences -------------------------------------------------------------

/** A word shaped like jargon: two capitals or more, a digit or an underscore in it, or one of these lowercase ids and shorthands. */
const LOWER_JARGON = new Set(['mgmt', 'pa', 'on-link', '5-tuple', 'half-open', 'time-exceeded', 'equal-cost', 'rto', 'nlri']);
const jargonShaped = (w: string) => LOWER_JARGON.has(w) || /[A-Z].*[A-Z]|[A-Za-z]\d|_/.test(w);

/** Every sentence the page shows of a run: events, frames and their notes, hops and steps, outcomes, and the lesson's text. */
function sentencesOf(request: RunRequest, lessonId?: string): { sentences: { text: string; node?: string }[]; topology: Topology } {
  const session = createRunSession();
  const r = session.run(topology, request);
  if (!r.ok) throw new Error(r.error.message);
  const res = r.value;
  const out: { text: string; node?: string }[] = [];
  for (const e of res.events) out.push({ text: e.summary, node: e.node });
  for (const t of res.transmissions) {
    out.push({ text: t.summary, node: t.fromNode });
    if (t.note) out.push({ text: t.note, node: t.fromNode });
  }
  const flow = (f: FlowTrace | undefined) => {
    if (!f) return;
    out.push({ text: f.reason }, { text: f.description });
    for (const h of [...f.hops, ...f.returnHops]) {
      out.push({ text: h.why, node: h.node });
      for (const s of h.steps) out.push({ text: s.text, node: h.node });
    }
    flow(f.dns);
    flow(f.tls);
  };
  for (const a of res.attempts) flow(a);
  flow(res.dnsTrace);
  const def = LESSONS.find((l) => l.id === lessonId);
  if (def) {
    const l = session.resolveLesson(def);
    if (!l.ok) throw new Error(`${def.title} does not resolve`);
    for (const c of l.value.chapters) {
      out.push({ text: c.caption });
      if (c.endNote) out.push({ text: c.endNote });
      for (const q of c.questions) out.push({ text: q.prompt }, { text: q.why }, ...q.choices.map((x) => ({ text: x.label })));
    }
  }
  return { sentences: out, topology: withKnobs(topology, request.knobs) };
}

/** The names a topology gives (devices, networks, rules, the switch): names, not jargon. */
const namesOf = (t: Topology) => new Set([...t.nodes.map((n) => n.id), t.switch.id, ...t.networks.map((n) => n.id), ...(t.slb?.rules ?? []).map((r) => r.name)]);
/** Values, not words: MAC addresses (their octets look like "c8"). */
const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g;

/** The jargon-shaped words left in a run's plain text (not in any term), with a sentence that has each. */
function unexplained(request: RunRequest, lessonId?: string): Record<string, string> {
  const left: Record<string, string> = {};
  const run = sentencesOf(request, lessonId);
  const names = namesOf(run.topology);
  for (const { text, node } of run.sentences) {
    for (const seg of glossSegments(text, { topology: run.topology, node }, { everyTime: true })) {
      if (seg.key !== undefined) continue;
      for (const m of seg.text.replace(MAC, '').matchAll(/(?<![\w-])[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/g)) {
        const w = m[0].replace(/'s$/, '');
        if (/^[\d-]+$/.test(w) || names.has(w) || !jargonShaped(w)) continue;
        left[w] ??= text;
      }
    }
  }
  return left;
}

describe('device table cells', () => {
  it("a BGP neighbour's state is its state, though the word stands alone; other cells are read as sentences", () => {
    expect(glossCell('BGP neighbours', 'state', 'Established')).toEqual([{ text: 'Established', key: 'bgp-state/Established' }]);
    expect(glossCell('BGP neighbours', 'state', 'Idle')).toEqual([{ text: 'Idle', key: 'bgp-state/Idle' }]);
    // The word in another column, or another table's state column, is plain English.
    expect(glossCell('BGP neighbours', 'peer', 'Active')).toEqual([{ text: 'Active' }]);
    expect(glossCell('SLB health probes (host agent)', 'state', 'Active')).toEqual([{ text: 'Active' }]);
    expect(glossCell('BGP neighbours', 'state', 'constructor')).toEqual([{ text: 'constructor' }]);
    expect(glossCell('BGP neighbours', 'capabilities', 'MP IPv4 unicast, route refresh')).toEqual(glossSegments('MP IPv4 unicast, route refresh'));
  });
});

describe('provenance marks', () => {
  it('a mark opens what it means and where the value comes from, then each source and standard its source names', () => {
    expect(markTerms({ mark: 'documented', source: 'S10, S12' })).toEqual(['mark/documented/S10, S12', 'source/S10', 'source/S12']);
    expect(markTerms({ mark: 'documented', source: 'RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers' })).toEqual([
      'mark/documented/RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers',
      'rfc/4271',
      'source/S19',
    ]);
    expect(markTerms({ mark: 'illustrative' })).toEqual(['mark/illustrative']);
  });

  it('explains each mark as the badge shows it, with its source', () => {
    expect(explainTerm('mark/documented/S10, S12')).toEqual({
      key: 'mark/documented/S10, S12',
      term: 'doc',
      name: 'Documented',
      says: 'A Microsoft document or an RFC states this value. Where: S10, S12.',
    });
    expect(explainTerm('mark/inferred/ASNs from a sample (S16)')).toEqual({
      key: 'mark/inferred/ASNs from a sample (S16)',
      term: 'inf',
      name: 'Inferred',
      says: 'No source states this value outright; it follows from what the sources do say. Where: ASNs from a sample (S16).',
    });
    expect(explainTerm('mark/blog')).toEqual({ key: 'mark/blog', term: 'blog', name: 'Blog', says: 'Only the 2016 blog post this lab follows states this value.' });
    expect(explainTerm('mark/illustrative')).toEqual({ key: 'mark/illustrative', term: 'illus', name: 'Illustrative', says: 'No source was found: a plausible value, chosen for the lab.' });
    expect(explainTerm('mark/certain')).toBeUndefined();
  });
});

describe('every word the engine uses is explained or plain English', () => {
  it('in the canonical run', () => {
    expect(unexplained({ from: 'ClientVM', to: 'https://portal.azurestack.local', seed: 1 })).toEqual({});
  });
  for (const def of LESSONS) {
    it(`in the run of "${def.title}", and in its text`, () => {
      expect(unexplained(def.request, def.id)).toEqual({});
    });
  }
});
