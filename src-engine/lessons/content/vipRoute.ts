// Lesson 1: before anyone can reach a VIP, the router must learn where it lives. MuxVM tells BGPVM over BGP.
import { eventWhere, flowTrace, frameWhere, hopAt, nextDeviceRubric } from '../anchors';
import { readEndpoint } from '../../view/ids';
import type { LessonDef } from '../model';
import type { UdpLayer } from '../../packets/layers';
import { bgpMessages, hasLayer, isSyn, isSynAck, stepOf, tcp, type Frame, type RunQuery } from '../query';
import { PORTAL_REQUEST } from './requests';
import { serverOf, speakerAddress, vipOf, vipRouteOf } from '../values';
import { IDENTITY } from '../../view/protocolNames';
import { frameProtocol } from '../../view/protocols';

const bgpFrame = (f: Frame) => f.tx.protocol === 'bgp';
const fromMux = (f: Frame) => f.tx.fromNode === 'MuxVM';
const has = (f: Frame, kind: string) => bgpMessages(f).some((m) => m.kind === kind);

const synTo179 = frameWhere('the first TCP SYN from MuxVM to port 179', (f) => fromMux(f) && isSyn(f) && tcp(f)?.dstPort === 179);
/** The SYN as it reaches BGPVM: the step the question on the port is asked at, and the field pointed at there. */
const synAtBgp = frameWhere('MuxVM\'s TCP SYN to port 179 reaching BGPVM', (f) => isSyn(f) && tcp(f)?.dstPort === 179 && f.tx.toNode === 'BGPVM', synTo179);
/** BGPVM's answer leaving it: the question on the port waits just before it, with MuxVM's SYN on screen. */
const synAckSent = frameWhere('BGPVM\'s SYN-ACK on port 179 leaving BGPVM', (f) => isSynAck(f) && tcp(f)?.srcPort === 179 && f.tx.fromNode === 'BGPVM');
const synAck = frameWhere('BGPVM\'s SYN-ACK on port 179 arriving at MuxVM', (f) => isSynAck(f) && tcp(f)?.srcPort === 179 && f.tx.toNode === 'MuxVM');
const firstOpen = frameWhere('the first BGP OPEN from MuxVM', (f) => fromMux(f) && has(f, 'open'));
const openAtBgp = frameWhere('MuxVM\'s BGP OPEN reaching BGPVM', (f) => f.tx.toNode === 'BGPVM' && has(f, 'open'), firstOpen);
/** BGPVM's first BGP message once MuxVM's OPEN reached it: the question on the hold time waits just before it, with that OPEN on screen. */
const bgpAnswersOpen = frameWhere('BGPVM\'s first BGP message after MuxVM\'s OPEN reached it', (f) => f.tx.fromNode === 'BGPVM' && bgpMessages(f).length > 0, openAtBgp);
/** MuxVM's side: it is Established before it sends its UPDATE, which chapter 3 asks about. */
const established = eventWhere('MuxVM\'s session with BGPVM reaching Established', (e) => e.kind === 'bgp-state' && e.node === 'MuxVM' && e.state === 'Established');
const update = frameWhere('the first BGP UPDATE from MuxVM that announces prefixes', (f) => fromMux(f) && bgpMessages(f).some((m) => m.kind === 'update' && m.nlri.length > 0));
const installed = eventWhere('BGPVM installing the route to the VIP', (e, q) => e.kind === 'route-installed' && e.node === 'BGPVM' && e.prefix === vipRouteOf(q));

/**
 * The ports a student might mistake for BGP's, each as the run used it: the client's DNS query, its
 * connection to the VIP, and the MUX's VXLAN (absent from a run in which no rule balanced the connection).
 */
function otherPorts(q: RunQuery): { readonly port: number; readonly what: string }[] {
  const dnsQuery = q.frame((f) => f.layers.some((l) => l.type === 'dns' && !l.response));
  const syn = q.frame((f) => f.tx.flowId === q.attempts[0]?.id && isSyn(f));
  const vxlan = q.frame((f) => hasLayer(f, 'vxlan'));
  const used = (f: Frame | undefined, port: number | undefined, what: string) => (f && port !== undefined ? [{ port, what: `${f.tx.fromNode}'s ${what}` }] : []);
  const udpPort = (f: Frame | undefined) => f?.layers.find((l): l is UdpLayer => l.type === 'udp')?.dstPort;
  return [
    ...used(dnsQuery, udpPort(dnsQuery), `${IDENTITY.dns.name} query`),
    ...used(syn, syn && tcp(syn)?.dstPort, `${syn ? IDENTITY[frameProtocol(syn.layers)].name : ''} connection to the VIP`),
    ...used(vxlan, udpPort(vxlan), IDENTITY.vxlan.name),
  ];
}

/** "port 53 is ClientVM's DNS query, port 443 … and port 4789 MuxVM's VXLAN". */
const portList = (ports: readonly { readonly port: number; readonly what: string }[]) => {
  const parts = ports.map((p, i) => (i === 0 ? `port ${p.port} is ${p.what}` : `port ${p.port} ${p.what}`));
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
};

export const VIP_ROUTE: LessonDef = {
  id: 'vip-route',
  title: 'How the VIP gets a route',
  goal: 'Explain how BGPVM learns that the portal\'s VIP is reached through MuxVM.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'tcp-179',
      title: 'MuxVM calls BGPVM',
      caption: (q) => {
        const vip = vipOf(q);
        return (
          vip &&
          `The portal lives at a virtual address (a VIP), ${vip}, that no network card owns. ` +
            "MuxVM, the load balancer's MUX (multiplexer), must tell the router BGPVM to send VIP traffic its way. " +
            "Routers share routes in BGP (Border Gateway Protocol), over TCP. Watch MuxVM's first packet, a SYN, ask BGPVM to connect."
        );
      },
      from: synTo179,
      to: synAck,
      nodes: ['MuxVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => bgpFrame(f)).map((f) => f.tx.id),
      // At the SYN's arrival, where the question waits: pointing at the port keeps the question on screen.
      field: { at: synAtBgp, layer: 'tcp', field: 'dstPort' },
      questions: [
        {
          id: 'bgp-port',
          kind: 'choice',
          // Asked once the SYN, its port with it, is on screen (the event list and the inspector): asked before, a
          // newcomer could only guess.
          prompt: "MuxVM's SYN has reached BGPVM. Which TCP port did MuxVM connect to?",
          at: synAckSent,
          rubric: (q) => {
            const syn = synTo179.find(q);
            const f = syn?.txId !== undefined ? q.byTx(syn.txId) : undefined;
            const t = f && tcp(f);
            if (!t) return undefined;
            const others = otherPorts(q).filter((p) => p.port !== t.dstPort);
            const ports = [t.dstPort, ...others.map((p) => p.port)].sort((a, b) => a - b);
            return {
              choices: ports.map((p) => ({ id: String(p), label: `Port ${p}` })),
              answer: String(t.dstPort),
              why: `The SYN's destination port is ${t.dstPort}: routers that speak BGP listen on TCP port 179 (RFC 4271).${others.length ? ` In this run, ${portList(others)}.` : ''}`,
            };
          },
        },
      ],
    },
    {
      id: 'open',
      title: 'OPEN: the routers introduce themselves',
      caption:
        "Once TCP is up, each side sends an OPEN: its AS number (an autonomous system is one party's network, and BGP tells them apart by number), " +
        'its router id (a name for the router, written like an address) and a hold time: "if you hear nothing from me for this long, forget my routes". ' +
        'Each side answers the other\'s OPEN with a KEEPALIVE, a short "I am still here", and a side whose OPEN is answered is Established: ready to exchange routes. ' +
        "Watch MuxVM's side get there first.",
      endNote: "MuxVM's side of its BGP session with BGPVM is Established: BGPVM answered MuxVM's OPEN, and MuxVM may now announce its routes.",
      from: synAck,
      to: established,
      nodes: ['MuxVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => bgpFrame(f) && bgpMessages(f).length > 0).map((f) => f.tx.id),
      field: { at: firstOpen, layer: 'bgp', field: 'message.holdTime' },
      table: { node: 'MuxVM', table: 'BGP neighbours', match: { peer: (q) => speakerAddress(q, 'BGPVM'), state: 'Established' } },
      questions: [
        {
          id: 'hold-time',
          kind: 'choice',
          // Asked once MuxVM's OPEN, its hold time with it, has reached BGPVM: asked before, a newcomer could only guess.
          prompt: "MuxVM's OPEN has reached BGPVM. How long may BGPVM go without hearing from MuxVM before it drops MuxVM's routes?",
          at: bgpAnswersOpen,
          rubric: (q) => {
            const sent = firstOpen.find(q);
            const f = sent?.txId !== undefined ? q.byTx(sent.txId) : undefined;
            const open = f && bgpMessages(f).find((m) => m.kind === 'open');
            if (!open || open.kind !== 'open') return undefined;
            const h = open.holdTime;
            const options = [h / 3, h, h * 2, h * 3].map((s) => ({ id: String(s), label: `${s} s` }));
            return { choices: options, answer: String(h), why: `MuxVM's OPEN offers a hold time of ${h} s and both sides use the smaller of the two offers. KEEPALIVEs are sent every third of it (${h / 3} s) so that one lost message is not fatal.` };
          },
        },
      ],
    },
    {
      id: 'update',
      title: 'UPDATE: the VIPs are announced',
      caption:
        // Its question is asked before the UPDATE is on screen (nothing may give the answer away), with chapter 2's last
        // frames still drawn: the caption says the UPDATE comes next, and the question asks what it will do.
        'MuxVM\'s side is Established: next it sends an UPDATE, each VIP as a /32 (one single address) with a next hop, the address to send that VIP\'s traffic to. ' +
        'BGPVM puts them in its routing table; open it to see the new row and where it came from.',
      from: update,
      to: installed,
      endNote: (q) => {
        const route = vipRouteOf(q);
        const nh = speakerAddress(q, 'MuxVM');
        return route && nh && `BGPVM has put ${route} in its routing table: next hop ${nh}, MuxVM, which announced it over BGP.`;
      },
      nodes: ['MuxVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => bgpFrame(f) && bgpMessages(f).some((m) => m.kind === 'update')).map((f) => f.tx.id),
      field: { at: update, layer: 'bgp', field: 'message.nlri.0' },
      table: { node: 'BGPVM', table: 'Routing table', match: { prefix: vipRouteOf, 'next hop': (q) => speakerAddress(q, 'MuxVM'), source: 'bgp' } },
      questions: [
        {
          id: 'next-hop',
          debrief: (q) => {
            const vip = vipOf(q);
            return vip && `From now on, a packet for ${vip} leaves BGPVM towards MuxVM.`;
          },
          kind: 'address',
          prompt: (q) => {
            const route = vipRouteOf(q);
            return route && `Next, BGPVM installs a route to ${route}. What will its next hop be?`;
          },
          at: update,
          rubric: (q, at) => {
            const f = at.txId !== undefined ? q.byTx(at.txId) : undefined;
            const u = f && bgpMessages(f).find((m) => m.kind === 'update');
            if (!u || u.kind !== 'update' || !u.attributes.nextHop) return undefined;
            const nh = u.attributes.nextHop;
            // The likeliest wrong answers, read from the run: the VIP itself, the server behind it (the DIP the
            // host's VFP rewrites it to) and ClientVM's gateway, each named for what it is.
            const vip = u.nlri[0]?.split('/')[0];
            const rw = flowTrace(q)?.hops.find((h) => h.steps.some((s) => s.kind === 'decapsulate'))?.steps.find((s) => s.kind === 'rewrite');
            const dip = rw?.kind === 'rewrite' ? readEndpoint(rw.after).address : undefined;
            const route = stepOf(hopAt(q, flowTrace, 'ClientVM'), 'route');
            const gateway = route?.nextHop;
            const gatewayNode = nextDeviceRubric(flowTrace, 'ClientVM')(q)?.answer;
            const server = serverOf(q);
            if (!vip || !dip || !gateway || !gatewayNode || !server) return undefined;
            const options = [nh, vip, dip, gateway].map((a) => ({ id: a, label: a }));
            return {
              choices: options.sort((a, b) => a.id.localeCompare(b.id)),
              answer: nh,
              why: `The UPDATE's NEXT_HOP attribute, the field that says where to send the traffic, is ${nh}, MuxVM's own address: "send traffic for these VIPs to me". ${vip} is the VIP itself, ${dip} is ${server}'s own address (its DIP), the server behind the VIP, and ${gateway} is ${gatewayNode}, the router ClientVM sends all its traffic through.`,
            };
          },
        },
      ],
    },
  ],
};
