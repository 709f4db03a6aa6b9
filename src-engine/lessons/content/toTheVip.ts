// Lesson 3: the SYN to the VIP crosses three routers' decisions: ClientVM's default route, NATVM's static
// route and BGPVM's /32 learned by BGP. Each is a longest-prefix match in a routing table.
import { choiceRubric, flowTrace, frameWhere, hopAt, hopFrame, nextDeviceRubric } from '../anchors';
import type { LessonDef } from '../model';
import { ipv4, isSyn, stepOf, tcp, type Frame } from '../query';
import { PORTAL_REQUEST } from './requests';
import { rangeWords } from '../words';
import { vipOf, vipRouteOf } from '../values';

const flow = (f: Frame) => f.tx.flowId === 'flow';
const synFrom = (node: string) => hopFrame(`${node} forwarding the SYN`, flowTrace, node);
const synInto = (node: string) => frameWhere(`the SYN arriving at ${node}`, (f) => flow(f) && isSyn(f) && f.tx.toNode === node);

const ROUTE_KINDS = [
  { id: 'connected', label: 'A connected route: the destination is in one of its own networks' },
  { id: 'static', label: 'A static route typed in by an administrator' },
  { id: 'bgp', label: 'A route learned from a neighbour by BGP' },
  { id: 'default', label: 'The default route, 0.0.0.0/0' },
];

export const TO_THE_VIP: LessonDef = {
  id: 'to-the-vip',
  title: 'To the VIP',
  goal: 'Follow the SYN from ClientVM to MuxVM and name the route each router uses, and why.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'client',
      title: 'ClientVM: the default route',
      caption: (q) => {
        const syn = synFrom('ClientVM').find(q);
        const f = syn?.txId !== undefined ? q.byTx(syn.txId) : undefined;
        const ip = f && ipv4(f);
        const port = f && tcp(f)?.dstPort;
        if (!ip || port === undefined) return undefined;
        return `ClientVM now knows the VIP, ${ip.dst}, and opens a TCP connection to port ${port}${port === 443 ? ', the port of secure web pages (HTTPS),' : ''} with a SYN. The VIP is not in ClientVM's own network, so ClientVM hands the packet to its default gateway: the router it sends everything outside its own network to.`;
      },
      from: synFrom('ClientVM'),
      to: synInto('NATVM'),
      nodes: ['ClientVM', 'NATVM'],
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      field: { at: synFrom('ClientVM'), layer: 'ipv4', field: 'dst' },
      questions: [
        {
          id: 'client-next',
          kind: 'next-device',
          prompt: 'ClientVM sends the SYN. Which device receives it first (not counting the switch)?',
          at: synFrom('ClientVM'),
          rubric: nextDeviceRubric(flowTrace, 'ClientVM'),
        },
      ],
    },
    {
      id: 'nat',
      title: 'NATVM: a static route, and the TTL',
      caption:
        'NATVM is a router. It looks the destination up in its routing table and forwards the SYN. ' +
        'A router also changes one field of every packet it forwards, the time-to-live (TTL), so that a packet cannot circle forever.',
      from: synFrom('NATVM'),
      to: synInto('BGPVM'),
      nodes: ['NATVM', 'BGPVM'],
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      field: { at: synFrom('NATVM'), layer: 'ipv4', field: 'ttl' },
      table: { node: 'NATVM', table: 'Routing table', match: { prefix: (q) => stepOf(hopAt(q, flowTrace, 'NATVM'), 'route')?.prefix } },
      questions: [
        // Asked first: the next device's why gives the TTL after NATVM.
        {
          id: 'ttl',
          debrief: 'Every router takes one off the TTL. A packet whose TTL reaches 0 is dropped, so a packet caught in a loop cannot circle forever.',
          kind: 'choice',
          prompt: (q) => {
            const ttl = stepOf(hopAt(q, flowTrace, 'NATVM'), 'ttl');
            return ttl && `ClientVM sent the SYN with TTL ${ttl.before}. What is its TTL when it leaves NATVM?`;
          },
          at: synFrom('NATVM'),
          rubric: (q) => {
            const ttl = stepOf(hopAt(q, flowTrace, 'NATVM'), 'ttl');
            if (!ttl) return undefined;
            const options = [ttl.before, ttl.after, ttl.after - 1, ttl.before / 2].map((n) => ({ id: String(n), label: String(n) }));
            return { choices: options, answer: String(ttl.after), why: `NATVM takes one off the TTL as it forwards the SYN: ${ttl.before} becomes ${ttl.after}.` };
          },
        },
        {
          id: 'nat-next',
          kind: 'next-device',
          prompt: 'The SYN is at NATVM. Which device does NATVM send it to next?',
          at: synFrom('NATVM'),
          rubric: nextDeviceRubric(flowTrace, 'NATVM'),
        },
      ],
    },
    {
      id: 'bgp',
      title: 'BGPVM: the /32 from BGP wins',
      caption: (q) => {
        const vip = vipOf(q);
        return (
          vip &&
          `BGPVM has several routes that match ${vip}. A route holds a range of addresses, its prefix: the number after the slash says how much of the address is fixed, ` +
            '/24 its first three numbers (256 addresses), /32 all four (one address). ' +
            "When several match, the longest prefix wins: the most specific route. Open BGPVM's routing table and find it."
        );
      },
      from: synFrom('BGPVM'),
      to: synInto('MuxVM'),
      nodes: ['BGPVM', 'MuxVM'],
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      table: { node: 'BGPVM', table: 'Routing table', match: { prefix: vipRouteOf, source: 'bgp' } },
      questions: [
        {
          id: 'bgp-route',
          debrief: "The /32 announced over BGP is longer, more specific, than BGPVM's default route 0.0.0.0/0, so it wins.",
          kind: 'choice',
          prompt: (q) => {
            const vip = vipOf(q);
            return vip && `Which kind of route does BGPVM use for ${vip}?`;
          },
          at: synFrom('BGPVM'),
          rubric: choiceRubric(ROUTE_KINDS, (q) => {
            const h = hopAt(q, flowTrace, 'BGPVM');
            const r = stepOf(h, 'route');
            // Not the hop's why: it names the device the next question asks for.
            const learned = r?.source === 'bgp' ? `a BGP route: ${r.from ? `its neighbour ${r.from.split(' ')[0]!}` : 'a neighbour'} announced it over BGP` : `a ${r?.source} route`;
            const vip = vipOf(q);
            if (!r || !h || vip === undefined) return undefined;
            return { answer: r.source, why: `Of the routes in BGPVM's routing table that hold ${vip}, the longest prefix, the most specific, is ${rangeWords(r.prefix)}, ${learned}.` };
          }),
        },
        {
          id: 'bgp-next',
          kind: 'next-device',
          prompt: 'Which device does BGPVM send the SYN to?',
          at: synFrom('BGPVM'),
          rubric: nextDeviceRubric(flowTrace, 'BGPVM'),
        },
      ],
    },
  ],
};
