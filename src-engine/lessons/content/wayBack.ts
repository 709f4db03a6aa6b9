// Lesson 6: Direct Server Return. PortalVM's answer leaves through the host's VFP, which puts the VIP
// back as its source, and goes straight to the router: the MUX never sees the return traffic.
import { addressChoices, choiceRubric, flowTrace, frameWhere, hopFrame, nextDeviceRubric, type NodeRef } from '../anchors';
import type { LessonDef } from '../model';
import { deviceHops, isSynAck, type Frame } from '../query';
import { PORTAL_REQUEST } from './requests';
import { readEndpoint } from '../../view/ids';
import { serverOf } from '../values';
import { pathWords, vfpReplyWhy } from '../words';

const reply = (f: Frame) => f.tx.flowId === 'flow-reply';
const synAckFrom = (node: NodeRef, name = node as string) => hopFrame(`${name} sending the SYN-ACK on`, flowTrace, node, 'return');
/** The server behind the VIP, PortalVM on the POC, as the run delivered the SYN to it. */
const synAckFromServer = synAckFrom(serverOf, 'the server behind the VIP');
const synAckInto = (node: string) => frameWhere(`the SYN-ACK arriving at ${node}`, (f) => reply(f) && isSynAck(f) && f.tx.toNode === node);
const portalFirst = frameWhere(
  'the first frame the server sends after the SYN arrives',
  (f, q) => f.tx.fromNode === serverOf(q),
  frameWhere('the SYN arriving at the server', (f, q) => f.tx.flowId === 'flow' && f.tx.toNode === serverOf(q)),
);
const vfpOut = frameWhere('the SYN-ACK leaving the host\'s VFP', (f, q) => reply(f) && isSynAck(f) && f.tx.fromNode !== serverOf(q) && f.tx.toNode !== undefined && f.tx.toNode !== 'ClientVM', synAckFromServer);

export const WAY_BACK: LessonDef = {
  id: 'way-back',
  title: 'The way back: Direct Server Return',
  goal: 'Explain why the server\'s answer carries the VIP as its source and never passes the MUX.',
  topology: 'poc',
  request: PORTAL_REQUEST,
  chapters: [
    {
      id: 'answer',
      // Titles and goals are listed before the run: they name the server by its role, the caption by name.
      title: 'The server answers',
      caption: (q) => {
        const server = serverOf(q);
        return (
          server &&
          `${server} accepts the connection and answers with a SYN-ACK, TCP's "yes" to a SYN, from its own address (the DIP) to ClientVM. ` +
            'It knows nothing of the MUX: it simply sends the reply to its default gateway.'
        );
      },
      from: portalFirst,
      to: synAckFromServer,
      nodes: (q) => {
        const server = serverOf(q);
        return server === undefined ? undefined : [server];
      },
      about: (q) => q.frames.filter(reply).map((f) => f.tx.id),
      questions: [
        {
          id: 'portal-next',
          kind: 'next-device',
          prompt: (q) => {
            const server = serverOf(q);
            return server && `${server} sends the SYN-ACK. Which device does it go to next (not counting the switch)?`;
          },
          at: synAckFromServer,
          rubric: nextDeviceRubric(flowTrace, serverOf, 'return'),
        },
      ],
    },
    {
      id: 'source',
      title: 'VFP puts the VIP back',
      caption: (q) => {
        const server = serverOf(q);
        return (
          server &&
          'ClientVM opened a connection to the VIP; a reply from any other address would be refused. ' +
            `The reply leaves ${server} from its own address, the DIP, and passes VFP on its way out of the host.`
        );
      },
      from: vfpOut,
      to: vfpOut,
      nodes: (q) => {
        const server = serverOf(q);
        return server === undefined ? undefined : [server, 'CCI_External_vSwitch', 'BGPVM'];
      },
      about: (q) => q.frames.filter(reply).map((f) => f.tx.id),
      field: { at: vfpOut, layer: 'ipv4', field: 'src' },
      questions: [
        {
          id: 'src-after',
          kind: 'address',
          prompt: 'What source address does the SYN-ACK carry when it leaves the host?',
          at: vfpOut,
          rubric: (q) => {
            const t = flowTrace(q);
            const rw = t?.returnHops.flatMap((h) => h.steps).find((s) => s.kind === 'rewrite');
            const why = t && vfpReplyWhy(q, t);
            if (!rw || rw.kind !== 'rewrite' || !why) return undefined;
            const after = readEndpoint(rw.after).address;
            // The DIP, the source the reply left PortalVM with, is the likeliest wrong answer.
            return { choices: addressChoices(q, after, ['flow', 'flow-reply'], 4, [readEndpoint(rw.before).address]), answer: after, why };
          },
        },
      ],
    },
    {
      id: 'home',
      title: 'Home, without the MUX',
      caption:
        'BGPVM routes the SYN-ACK to ClientVM, and the connection is established. Watch the whole way back.',
      from: synAckFrom('BGPVM'),
      to: synAckInto('ClientVM'),
      nodes: ['BGPVM', 'ClientVM', 'MuxVM'],
      about: (q) => q.frames.filter(reply).map((f) => f.tx.id),
      questions: [
        {
          id: 'via-mux',
          debrief: 'The MUX only ever sees traffic towards the VIP; the answers, usually much larger, go straight back. This is Direct Server Return, and it is why one MUX can serve many servers.',
          kind: 'choice',
          prompt: 'Did the SYN-ACK pass through MuxVM on its way back?',
          at: synAckInto('ClientVM'),
          rubric: choiceRubric(
            [
              { id: 'yes', label: 'Yes, every packet of the connection passes the MUX' },
              { id: 'no', label: 'No, it went straight back to the router' },
            ],
            (q) => {
              const t = flowTrace(q);
              if (!t) return undefined;
              const path = deviceHops(t.returnHops, q.switchId).map((h) => h.node);
              return { answer: path.some((n) => n === 'MuxVM') ? 'yes' : 'no', why: `The SYN-ACK went ${pathWords(path)}.${(vfpReplyWhy(q, t) ?? '').replace(/^(?=.)/, ' ')}` };
            },
          ),
        },
      ],
    },
  ],
};
