// Lesson 5: on the host, VFP (the virtual switch's programmable filter) unwraps the VXLAN packet,
// rewrites the VIP to the DIP, remembers the connection and delivers it to PortalVM.
import { addressChoices, byAddress, choiceRubric, flowTrace, frameWhere, hopAt, sentence } from '../anchors';
import type { Anchor, LessonDef } from '../model';
import { hasLayer, ipv4, isSyn, stepOf, tcp, type Frame, type RunQuery } from '../query';
import { PORTAL_REQUEST } from './requests';
import { readEndpoint } from '../../view/ids';
import { dipOf, serverOf, vipOf } from '../values';
import { endpointWords, vfpReplyWhy } from '../words';

const flow = (f: Frame) => f.tx.flowId === 'flow';
const vxlanIn = frameWhere('the VXLAN frame from MuxVM reaching the host', (f) => flow(f) && hasLayer(f, 'vxlan'));
/**
 * The moment the VXLAN frame has arrived at the host, before VFP delivers anything: the frame is on screen
 * (in the inspector, both headers) and what VFP makes of it is not.
 */
const vxlanArrived: Anchor = {
  describe: 'the VXLAN frame from MuxVM having arrived at the host',
  find: (q) => {
    const m = vxlanIn.find(q);
    const f = m?.txId !== undefined ? q.byTx(m.txId) : undefined;
    return f && { time: f.tx.arrive };
  },
};
const toPortal = frameWhere('the SYN that VFP delivers to the server behind the VIP', (f, q) => flow(f) && isSyn(f) && f.tx.toNode === serverOf(q));
/** The VXLAN frame as it reached the host. */
const vxlanFrame = (q: RunQuery) => {
  const m = vxlanIn.find(q);
  return m?.txId !== undefined ? q.byTx(m.txId) : undefined;
};

/** The host's hop on the forward path: where VFP decapsulated and rewrote. */
const vfpHop = (q: Parameters<typeof flowTrace>[0]) => {
  const t = flowTrace(q);
  return t?.hops.find((h) => h.steps.some((s) => s.kind === 'decapsulate'));
};

const FIRST_ACTS = [
  { id: 'decapsulate', label: 'It removes the outer headers (decapsulates)' },
  { id: 'to-mux', label: 'It sends the packet back to the MUX' },
  { id: 'rewrite-source', label: 'It rewrites the source address' },
  { id: 'drop', label: 'It drops the packet' },
];
const FLOW_USES = [
  { id: 'rewrite-reply', label: 'To rewrite the reply\'s source from the DIP back to the VIP' },
  { id: 'via-mux', label: 'To send the reply back through the MUX' },
  { id: 'arp', label: 'To answer ARP requests for the VIP' },
  { id: 'nothing', label: 'Nothing: it is only a log' },
];

export const VFP_ON_HOST: LessonDef = {
  id: 'vfp-on-host',
  title: 'VFP on the host',
  goal: 'Explain what the host\'s VFP does to the load-balanced packet before the server behind the VIP sees it.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'unwrap',
      title: 'Unwrapping',
      caption:
        'The VXLAN packet arrives at the Hyper-V host\'s provider address. The host\'s virtual switch runs VFP, the Virtual Filtering Platform, ' +
        'which the network controller programs with the load balancer\'s rules. What does it do with a packet inside a packet?',
      from: vxlanIn,
      // The VXLAN frame's arrival, not the delivered SYN: that shows the rewritten address chapter 2 asks for.
      to: vxlanArrived,
      nodes: ['MuxVM', 'CCI_External_vSwitch'],
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      field: { at: vxlanIn, layer: 'ipv4', field: 'dst', which: 'inner' },
      questions: [
        {
          // Asked with the VXLAN frame on screen: the packet inspector lists both IPv4 headers.
          id: 'inner-dst',
          debrief: 'The outer headers only carry the packet across the provider network to the right host; inside, the packet is still the one ClientVM sent.',
          kind: 'address',
          prompt: 'This frame has two IPv4 headers, one inside the other. What is the inner one\'s destination?',
          at: vxlanArrived,
          rubric: (q) => {
            const f = vxlanFrame(q);
            const inner = f && ipv4(f, 'inner');
            const outer = f && ipv4(f, 'outer');
            const encap = stepOf(hopAt(q, flowTrace, 'MuxVM'), 'encapsulate');
            const dip = dipOf(q);
            if (!inner || !outer || inner === outer || !encap || !dip) return undefined;
            // The likeliest wrong answers: the outer destination (the host's provider address), the server's own
            // address (as if the MUX had rewritten it, as a NAT would) and the outer source (MuxVM's provider address).
            const choices = [...new Set([inner.dst, outer.dst, dip, outer.src])].sort(byAddress).map((a) => ({ id: a, label: a }));
            return {
              choices,
              answer: inner.dst,
              why:
                `The inner IPv4 header still reads from ${inner.src} to ${inner.dst}: MuxVM did not change the packet, it wrapped it. ` +
                `${outer.dst} is the outer header's destination, the host's provider address, and ${outer.src} is MuxVM's. No header of this frame names the server's own address yet.`,
            };
          },
        },
      ],
    },
    {
      id: 'rewrite',
      title: 'The VIP becomes the DIP',
      caption: (q) => {
        const server = serverOf(q);
        return (
          server &&
          `The inner packet is still addressed to the VIP, but ${server} owns only the DIP, the address under its name on the diagram. ` +
            'VFP changes the packet before delivering it and records the connection in its flow table.'
        );
      },
      // From the VXLAN frame's arrival: VFP logs its flow entry (with the DIP asked for below) before it
      // delivers the SYN, and that row belongs to this chapter, held back until the question is answered.
      from: vxlanIn,
      to: toPortal,
      nodes: (q) => {
        const server = serverOf(q);
        return server === undefined ? undefined : ['CCI_External_vSwitch', server];
      },
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      field: { at: toPortal, layer: 'ipv4', field: 'dst' },
      table: {
        node: 'CCI_External_vSwitch',
        table: 'VFP flow table',
        match: {
          VIP: (q) => {
            const f = vxlanFrame(q);
            const port = f && tcp(f)?.dstPort;
            const vip = vipOf(q);
            return vip && port !== undefined ? `${vip}:${port}` : undefined;
          },
        },
      },
      questions: [
        {
          id: 'first-act',
          kind: 'choice',
          prompt: 'What does VFP do first with the VXLAN packet?',
          at: toPortal,
          rubric: choiceRubric(FIRST_ACTS, (q) => {
            const h = vfpHop(q);
            const first = h?.steps.find((s) => s.kind === 'decapsulate' || s.kind === 'rewrite' || s.kind === 'dropped');
            if (!first) return undefined;
            // The step's own text is a log's ("VFP strips the outer Ethernet, IPv4 192.168.233.6 -> 192.168.233.21, UDP 4789 ...").
            const f = vxlanFrame(q);
            const outer = f && ipv4(f, 'outer');
            const udp = f?.layers.find((l) => l.type === 'udp');
            const why =
              first.kind === 'decapsulate' && outer && udp?.type === 'udp'
                ? `VFP first removes the outer headers MuxVM added: Ethernet, IPv4 (from ${outer.src} to ${outer.dst}), UDP (to port ${udp.dstPort}) and VXLAN (virtual network ${first.vni}). What is left is the inner packet.`
                : sentence(first.text);
            return { answer: first.kind === 'decapsulate' ? 'decapsulate' : first.kind === 'dropped' ? 'drop' : 'rewrite-source', why };
          }),
        },
        {
          id: 'dst-after',
          debrief: (q) => {
            const server = serverOf(q);
            return server && `VFP rewrites the destination from the VIP to the DIP, so ${server} receives a packet addressed to itself.`;
          },
          kind: 'address',
          prompt: 'What is the SYN\'s destination address after VFP?',
          at: toPortal,
          rubric: (q) => {
            const rw = vfpHop(q)?.steps.find((s) => s.kind === 'rewrite');
            if (!rw || rw.kind !== 'rewrite') return undefined;
            const after = readEndpoint(rw.after).address;
            const rule = rw.rule === undefined ? '' : ` as the load balancer's rule ${rw.rule} says,`;
            const why = `VFP changes the destination from the VIP, ${endpointWords(rw.before)}, to the DIP, ${endpointWords(rw.after)},${rule} and records the connection in its flow table, its list of the connections it has seen and what it did to each.`;
            return { choices: addressChoices(q, after, ['flow']), answer: after, why };
          },
        },
        {
          id: 'flow-use',
          debrief: (q) => {
            const server = serverOf(q);
            return server && `The reply will leave ${server} from the DIP; VFP must put the VIP back as its source, or ClientVM would not recognise it.`;
          },
          kind: 'choice',
          prompt: 'VFP recorded this connection in its flow table. What will it need that record for?',
          at: toPortal,
          rubric: choiceRubric(FLOW_USES, (q) => {
            const t = flowTrace(q);
            if (!t) return undefined;
            if (t.returnHops.some((h) => h.node === 'MuxVM')) return { answer: 'via-mux', why: 'The reply passes MuxVM on its way back.' };
            const why = vfpReplyWhy(q, t);
            return why ? { answer: 'rewrite-reply', why } : undefined;
          }),
        },
      ],
    },
  ],
};
