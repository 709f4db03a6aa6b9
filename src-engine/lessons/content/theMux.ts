// Lesson 4: the MUX picks a server (a DIP) for the connection by hashing its 5-tuple, then wraps the
// packet in VXLAN addressed to the provider address of the host where that DIP runs.
import { addressChoices, choiceRubric, flowTrace, frameWhere, hopAt } from '../anchors';
import { readEndpoint } from '../../view/ids';
import type { LessonDef } from '../model';
import { hasLayer, isSyn, stepOf, type Frame } from '../query';
import { PORTAL_REQUEST } from './requests';
import { serverOf, vipOf } from '../values';

const flow = (f: Frame) => f.tx.flowId === 'flow';
const synAtMux = frameWhere('the SYN arriving at MuxVM', (f) => flow(f) && isSyn(f) && f.tx.toNode === 'MuxVM');
const muxFirst = frameWhere('the first frame MuxVM sends after the SYN arrived', (f) => f.tx.fromNode === 'MuxVM', synAtMux);
const vxlan = frameWhere('MuxVM\'s VXLAN frame', (f) => flow(f) && f.tx.fromNode === 'MuxVM' && hasLayer(f, 'vxlan'));

const CHOOSERS = [
  { id: 'hash', label: 'A hash of the connection\'s 5-tuple (addresses, ports, protocol)' },
  { id: 'round-robin', label: 'Round robin: each new connection to the next server' },
  { id: 'least-connections', label: 'The server with the fewest connections' },
  { id: 'client-mac', label: 'The client\'s hardware (MAC) address' },
];

export const THE_MUX: LessonDef = {
  id: 'the-mux',
  title: 'The MUX',
  goal: 'Explain how MuxVM chooses a server (DIP) for a connection and how VXLAN carries the packet to that server\'s host.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'choose',
      title: 'Choosing a DIP by hash',
      caption:
        'The SYN reaches MuxVM, the load balancer\'s multiplexer. A load-balancing rule says which servers (DIPs) stand behind this VIP and port. ' +
        'MuxVM must pick one, and every later packet of this connection must reach the same server.',
      // Ends as the SYN arrives: MuxVM's next frame, an ARP request, names the outer destination chapter 2 asks for.
      from: synAtMux,
      to: synAtMux,
      nodes: (q) => {
        const server = serverOf(q);
        return server === undefined ? undefined : ['MuxVM', server];
      },
      about: (q) => q.frames.filter(flow).map((f) => f.tx.id),
      table: { node: 'MuxVM', table: 'SLB rules', match: { VIP: vipOf } },
      questions: [
        {
          id: 'how-chosen',
          debrief: 'Every packet of this connection has the same 5-tuple, hence the same hash: all of them reach the same server, without the MUX having to remember anything.',
          kind: 'choice',
          prompt: 'How does MuxVM choose which server gets this connection?',
          at: synAtMux,
          rubric: choiceRubric(CHOOSERS, (q) => {
            const lb = stepOf(hopAt(q, flowTrace, 'MuxVM'), 'load-balance');
            const server = serverOf(q);
            if (!lb || !server) return undefined;
            const vip = readEndpoint(lb.vip);
            const dip = readEndpoint(lb.dip);
            return {
              answer: 'hash',
              why:
                `MuxVM's load-balancing rule ${lb.rule}, a row of its SLB rules (SLB: Software Load Balancer), is for the VIP ${vip.address}, port ${vip.port}. ` +
                `MuxVM computes a number from the connection's 5-tuple (its two addresses, two ports and protocol), here ${lb.hash}, and that number picks the server: the DIP ${dip.address}, port ${dip.port}, which is ${server}.`,
            };
          }),
        },
      ],
    },
    {
      id: 'encap',
      title: 'Wrapped in VXLAN',
      caption: (q) => {
        const m = vxlan.find(q);
        const f = m?.txId !== undefined ? q.byTx(m.txId) : undefined;
        const udp = f?.layers.find((l) => l.type === 'udp');
        const server = serverOf(q);
        if (!udp || udp.type !== 'udp' || !server) return undefined;
        return (
          'MuxVM does not change the packet. It wraps it in VXLAN, which carries a virtual network\'s packets inside ordinary UDP packets: ' +
          `a new outer Ethernet, IPv4 and UDP header (port ${udp.dstPort}) and a VXLAN header with the virtual network's id (VNI). ` +
          `The outer packet is addressed to the provider address (PA) of the Hyper-V host where ${server} runs: the host's own address on the physical network beneath the VMs. ` +
          'The original packet rides inside, untouched.'
        );
      },
      from: muxFirst,
      to: vxlan,
      nodes: ['MuxVM', 'CCI_External_vSwitch'],
      about: (q) => q.frames.filter((f) => flow(f) && hasLayer(f, 'vxlan')).map((f) => f.tx.id),
      field: { at: vxlan, layer: 'vxlan', field: 'vni' },
      questions: [
        {
          id: 'outer-dst',
          kind: 'address',
          prompt: 'What is the outer destination address of the packet MuxVM sends?',
          at: vxlan,
          rubric: (q) => {
            const e = stepOf(hopAt(q, flowTrace, 'MuxVM'), 'encapsulate');
            const m = vxlan.find(q);
            const f = m?.txId !== undefined ? q.byTx(m.txId) : undefined;
            const udp = f?.layers.find((l) => l.type === 'udp');
            const server = serverOf(q);
            // The host is named where the MUX's trace names it: "(HyperVHost's PA)".
            const host = e && /\(([^()]+)'s PA\)/.exec(e.text)?.[1];
            if (!e || !udp || udp.type !== 'udp' || !server || !host) return undefined;
            return {
              choices: addressChoices(q, e.outerDst, ['flow']),
              answer: e.outerDst,
              why:
                `MuxVM addresses the outer packet from its own provider address, ${e.outerSrc}, to ${e.outerDst}, the provider address of ${host}, the Hyper-V host where ${server} runs. ` +
                `Its UDP header goes to port ${udp.dstPort}, VXLAN's, and the VXLAN header carries the virtual network's id, VNI ${e.vni}.`,
            };
          },
        },
      ],
    },
  ],
};
