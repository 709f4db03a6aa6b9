// Lesson 2: ClientVM knows a name, not an address. DNS on ADVM turns it into the VIP, and the answer
// comes back by a different way than the question went.
import { addressChoices, dnsTrace, frameWhere, hopFrame, nextDeviceRubric, choiceRubric } from '../anchors';
import type { Anchor, LessonDef } from '../model';
import { deviceHops, ipv4, type Frame, type RunQuery } from '../query';
import { nextDeviceWhy, pathWords } from '../words';
import { PORTAL_REQUEST } from './requests';

const dns = (f: Frame) => f.tx.flowId === 'dns';
const reply = (f: Frame) => f.tx.flowId === 'dns-reply';
const dnsLayer = (f: Frame) => f.layers.find((l) => l.type === 'dns');

const query = frameWhere('the DNS query leaving ClientVM', (f) => dns(f) && f.tx.fromNode === 'ClientVM' && dnsLayer(f) !== undefined);
/** The chapter ends as BGPVM sends the query on: at ADVM the Why already tells its answer, which chapter 2 asks. */
const queryFromBgp = hopFrame('BGPVM forwarding the DNS query to ADVM', dnsTrace, 'BGPVM');
/** Chapter 2 begins as the query reaches ADVM: what ADVM's DNS server logs then (its answer) is chapter 2's, held back until asked. */
const queryAtAdvm = frameWhere('the DNS query arriving at ADVM', (f) => dns(f) && f.tx.toNode === 'ADVM' && dnsLayer(f) !== undefined);
const answer = frameWhere('ADVM\'s DNS answer', (f) => reply(f) && f.tx.fromNode === 'ADVM');
const answerAtBgp = frameWhere('the DNS answer arriving at BGPVM', (f) => reply(f) && f.tx.toNode === 'BGPVM');
const answerFromBgp = hopFrame('BGPVM forwarding the DNS answer', dnsTrace, 'BGPVM', 'return');
const answerAtClient = frameWhere('the DNS answer arriving at ClientVM', (f) => reply(f) && f.tx.toNode === 'ClientVM');
const queryFromNat = hopFrame('NATVM forwarding the DNS query', dnsTrace, 'NATVM');

/** An address the frame at an anchor carries (its IPv4 source or destination). */
const addressOf = (q: RunQuery, at: Anchor, end: 'src' | 'dst') => {
  const m = at.find(q);
  const f = m?.txId !== undefined ? q.byTx(m.txId) : undefined;
  return f && ipv4(f)?.[end];
};

export const FIND_PORTAL: LessonDef = {
  id: 'find-portal',
  title: 'Finding the portal',
  goal: 'Explain how ClientVM turns portal.azurestack.local into an address, and why the answer takes another way back.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'query',
      title: 'The question: what is portal.azurestack.local?',
      caption: (q) => {
        const server = addressOf(q, query, 'dst');
        return (
          server &&
          'A browser on ClientVM is asked to open https://portal.azurestack.local. Computers connect to addresses, not names, ' +
            `so ClientVM first asks the server that turns names into addresses, its DNS server, ADVM (${server}): two queries side by side, one for an IPv4 address (an A record), one for an IPv6 address (AAAA). ` +
            'Follow the A query. ADVM is in another network, so it must cross routers to get there.'
        );
      },
      from: query,
      to: queryFromBgp,
      nodes: ['ClientVM', 'NATVM', 'BGPVM', 'ADVM'],
      about: (q) => q.frames.filter(dns).map((f) => f.tx.id),
      field: { at: query, layer: 'dns', field: 'questions.0.name' },
      questions: [
        {
          id: 'after-nat',
          kind: 'next-device',
          prompt: 'The query has reached NATVM. Which device does NATVM send it to next?',
          at: queryFromNat,
          rubric: nextDeviceRubric(dnsTrace, 'NATVM'),
        },
      ],
    },
    {
      id: 'answer',
      title: 'ADVM answers with the VIP',
      caption:
        'ADVM is the DNS server in charge of every name that ends in azurestack.local, its zone: it looks the name up in its own records and answers with an A record, the address clients should use for the portal. ' +
        'Several servers may stand behind a name; which address does a client get?',
      from: queryAtAdvm,
      to: answerAtBgp,
      nodes: ['ADVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => reply(f) || (dns(f) && f.tx.toNode === 'ADVM')).map((f) => f.tx.id),
      field: { at: answer, layer: 'dns', field: 'answers.0.address' },
      questions: [
        {
          id: 'a-record',
          kind: 'address',
          prompt: 'Which address does ADVM give for portal.azurestack.local?',
          at: answer,
          rubric: (q, at) => {
            const f = at.txId !== undefined ? q.byTx(at.txId) : undefined;
            const d = f && dnsLayer(f);
            const a = d && d.type === 'dns' ? d.answers[0]?.address : undefined;
            if (!a) return undefined;
            return { choices: addressChoices(q, a, ['dns', 'dns-reply', 'flow', 'flow-reply']), answer: a, why: `ADVM's answer carries the A record portal.azurestack.local = ${a}, the VIP. The servers behind it (the DIPs) are never given to clients.` };
          },
        },
      ],
    },
    {
      id: 'way-back',
      title: 'A different way back',
      caption: (q) => {
        const client = addressOf(q, answer, 'dst');
        return client && `The answer goes back to ClientVM, ${client}. Watch the way it takes, and compare it with the way the question came. Each router decides on its own, from its own routing table.`;
      },
      from: answerFromBgp,
      to: answerAtClient,
      nodes: ['BGPVM', 'ClientVM', 'NATVM'],
      about: (q) => q.frames.filter(reply).map((f) => f.tx.id),
      questions: [
        {
          id: 'after-bgp',
          kind: 'next-device',
          prompt: 'The answer has reached BGPVM. Which device does BGPVM send it to next?',
          at: answerFromBgp,
          rubric: nextDeviceRubric(dnsTrace, 'BGPVM', 'return'),
        },
        {
          id: 'skipped',
          debrief: "BGPVM sits in ClientVM's network itself, so it hands the answer straight to ClientVM: the way back skips NATVM. Paths that differ in each direction are called asymmetric, and they are normal.",
          kind: 'choice',
          prompt: 'Which device did the query pass through that the answer does not?',
          at: answerAtClient,
          rubric: choiceRubric(
            ['ClientVM', 'NATVM', 'BGPVM', 'ADVM'].map((n) => ({ id: n, label: n })),
            (q) => {
              const t = q.result.dnsTrace;
              if (!t) return undefined;
              const back = new Set(t.returnHops.map((h) => h.node));
              const skipped = deviceHops(t.hops, q.switchId).find((h) => !back.has(h.node));
              const way = deviceHops(t.returnHops, q.switchId);
              const at = way.findIndex((h) => h.node === 'BGPVM');
              const why = at >= 0 && way[at + 1] ? nextDeviceWhy(q, way[at]!, way[at + 1]!.node) : undefined;
              return skipped && { answer: skipped.node, why: `The query went ${pathWords(deviceHops(t.hops, q.switchId).map((h) => h.node))}; the answer came back ${pathWords(way.map((h) => h.node))}. ${why ?? ''}`.trim() };
            },
          ),
        },
      ],
    },
  ],
};
