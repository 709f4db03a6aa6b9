// Lesson 7: MuxVM dies. BGPVM learns of it only when one of its clocks runs out (BGP's hold timer, or TCP's
// limit on retransmissions), so until then it keeps forwarding VIP traffic to a dead MUX (a black hole).
// Then the routes go, and the static routes left behind send the packet round between NATVM and BGPVM
// until its TTL dies.
import { attempt, attemptId, inAttempt, choiceRubric, eventsWhere, eventWhere, framesWhere, frameWhere, hopFrame, nextDeviceRubric, sentence } from '../anchors';
import type { LessonDef } from '../model';
import { ipv4, isSyn, moment, type Frame, type RunQuery } from '../query';
import type { EventOf } from '../../protocol';
import { SECOND, durationText, secondsText } from '../../sim/timing';
import { PORTAL_REQUEST } from './requests';
import { serverOf, speakerAddress, vipOf, vipRouteOf } from '../values';
import { gaveUpWords, loopWhy, retriesWhy, routeRemovedWords } from '../words';

const failed = eventWhere('MuxVM failing', (e) => e.kind === 'node-failed' && e.node === 'MuxVM');
const firstSyn = frameWhere('the first SYN of the attempt made while BGPVM still trusts MuxVM', (f, q) => inAttempt(0)(f, q) && isSyn(f) && f.tx.fromNode === 'ClientVM');
const voidSyn = hopFrame('BGPVM forwarding that SYN towards MuxVM', attempt(0), 'BGPVM');
const gaveUp = eventWhere('ClientVM giving up on that connection', (e, q) => e.kind === 'tcp-gave-up' && e.flowId === attemptId(q, 0));
const firstRetry = eventWhere('ClientVM retransmitting its first SYN', (e, q) => e.kind === 'tcp-retransmit' && e.flowId === attemptId(q, 0));

const sessionDown = eventWhere('BGPVM\'s session with MuxVM going down', (e, q) => e.node === 'BGPVM' && e.kind === 'bgp-session-down' && e.peer === speakerAddress(q, 'MuxVM'), failed);
/** BGPVM's BGP segments (KEEPALIVEs, their retransmissions, a NOTIFICATION) and its ARP requests for MuxVM. */
const towardsMux = (f: Frame, q: RunQuery) => f.tx.fromNode === 'BGPVM' && (f.tx.protocol === 'bgp' || f.layers.some((l) => l.type === 'arp' && l.targetIp === speakerAddress(q, 'MuxVM')));
const keepaliveAfter = frameWhere('BGPVM\'s first frame towards MuxVM (a KEEPALIVE, or the ARP request it needs) after the first attempt gave up', towardsMux, gaveUp);
const routeGone = eventWhere('BGPVM removing the route to the VIP', (e, q) => e.kind === 'route-removed' && e.node === 'BGPVM' && e.prefix === vipRouteOf(q));
const loopSyn = frameWhere('the first SYN of the attempt made after the routes were removed', (f, q) => inAttempt(1)(f, q) && isSyn(f) && f.tx.fromNode === 'ClientVM');
const loopAtBgp = hopFrame('BGPVM forwarding that SYN', attempt(1), 'BGPVM');
/** The SYN back at BGPVM from NATVM: the loop has shown itself, its end has not (the diagram marks a death as it comes). */
const loopAgain = hopFrame('BGPVM forwarding that SYN a second time, after NATVM sent it back', attempt(1), 'BGPVM', 'forward', 1);
const ttlDeath = eventWhere('the TTL running out in the loop', (e) => e.kind === 'drop' && e.node === 'BGPVM' && e.reason === 'ttl-exceeded', loopSyn);

/** When a moment of the run happens, for a sentence ("1 s"); undefined when the run has no such moment. */
const when = (a: { find: (q: RunQuery) => { time: number } | undefined }, q: RunQuery) => a.find(q)?.time;
/** The loop's frames: the SYN of the second attempt going round, hop after hop. */
const loopFrames = (q: RunQuery) => q.frames.filter((f) => inAttempt(1)(f, q));
/** How many of the loop's first and last hops playback shows at the chosen speed; the rounds between run quickly. */
const LOOP_SHOWN = 6;

/**
 * Why BGPVM removed the peer's routes, told as the race between its two clocks: TCP's retransmission
 * limit on the unacknowledged message, and BGP's hold timer since the peer was last heard from.
 */
function twoClocks(q: RunQuery, removed: EventOf<'route-removed'>): string {
  const { peer } = removed;
  const bgpFrom = (f: Frame, src: string) => f.layers.some((l) => l.type === 'ipv4' && l.src === src) && f.layers.some((l) => l.type === 'bgp');
  // The hold time both speakers agreed: the smaller of their OPENs' (RFC 4271 4.2).
  const withPeer = (f: Frame) => f.layers.some((l) => l.type === 'ipv4' && (l.src === peer || l.dst === peer));
  const holds = q.frames.filter(withPeer).flatMap((f) => f.layers.flatMap((l) => (l.type === 'bgp' && l.message.kind === 'open' ? [l.message.holdTime] : [])));
  const hold = holds.length > 0 ? Math.min(...holds) : undefined;
  const heard = q.frames.filter((f) => f.tx.toNode === removed.node && f.tx.time < removed.time && bgpFrom(f, peer)).at(-1);
  const gave = q.events.find((e): e is EventOf<'tcp-gave-up'> => e.kind === 'tcp-gave-up' && e.node === removed.node && e.remote.startsWith(`${peer}:`) && e.time <= removed.time);
  const holdRunsOut = hold !== undefined && heard ? heard.tx.arrive + hold * SECOND : undefined;
  if (removed.cause === 'tcp-gave-up' && gave && hold !== undefined && heard && holdRunsOut !== undefined) {
    return (
      `BGPVM sent MuxVM a BGP message at ${secondsText(gave.firstSent)} and nothing acknowledged it: TCP sent it again ${gave.retransmissions} times, ` +
      `waiting twice as long each time, and gave up at ${secondsText(gave.time)}. BGP's own clock, the ${hold} s hold timer agreed in the OPEN messages, ` +
      `would have run out only at ${secondsText(holdRunsOut)}, ${hold} s after BGPVM last heard from MuxVM (at ${secondsText(heard.tx.arrive)}). ` +
      `TCP's clock ran out first: ${removed.node} closed its BGP session with MuxVM and removed every route MuxVM had announced, the VIP's ${removed.prefix} among them.`
    );
  }
  // Any other ending (a hold timer run out, a NOTIFICATION): what removed the route, in words.
  return routeRemovedWords(q, removed);
}

const DIED_ROUTE = (q: RunQuery) => {
  const route = vipRouteOf(q);
  const mux = speakerAddress(q, 'MuxVM');
  return route && mux
    ? [
        { id: 'still', label: `Still ${route} via MuxVM (${mux}): nobody has told BGPVM` },
        { id: 'removed', label: 'Nothing: the route was removed the moment MuxVM died' },
        { id: 'via-nat', label: 'A new route via NATVM' },
      ]
    : undefined;
};
const WHY_REMOVED = [
  { id: 'hold-timer-expired', label: 'It heard nothing from MuxVM for the whole hold time' },
  { id: 'withdrawn', label: 'MuxVM sent an UPDATE withdrawing them' },
  { id: 'tcp-gave-up', label: 'TCP gave up retransmitting to MuxVM' },
  { id: 'admin', label: 'An administrator removed them' },
];
const RETRY = [
  { id: 'retransmit', label: 'It sends the SYN again, waiting longer each time, then gives up' },
  { id: 'dns', label: 'It asks DNS for another address' },
  { id: 'other-mux', label: 'It sends the SYN to another MUX' },
  { id: 'nothing', label: 'Nothing: one SYN, then it gives up' },
];
const ENDINGS = (q: RunQuery) => {
  const server = serverOf(q);
  return server
    ? [
        { id: 'delivered', label: `It reaches ${server}` },
        { id: 'ttl-exceeded', label: 'It goes round between NATVM and BGPVM until its TTL runs out' },
        { id: 'no-route', label: 'BGPVM drops it at once: no route' },
        { id: 'node-down', label: 'It is lost at MuxVM, which is down' },
      ]
    : undefined;
};

export const MUX_DIES: LessonDef = {
  id: 'mux-dies',
  title: 'When MuxVM dies',
  goal: 'Explain why VIP traffic vanishes for so long after a MUX dies, what ends it, and why the packet then loops.',
  topology: 'poc',
  request: { ...PORTAL_REQUEST, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * SECOND }], flowAt: [5 * SECOND, 200 * SECOND] },
  chapters: [
    {
      id: 'dies',
      title: 'MuxVM dies, and nobody says so',
      caption: (q) => {
        const t = when(failed, q);
        return t === undefined ? undefined : `At ${secondsText(t)} into the run, MuxVM fails: it simply stops. A crashed machine sends no goodbye. What does BGPVM know about it? Its routing table will tell you.`;
      },
      from: failed,
      to: firstSyn,
      nodes: ['MuxVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => f.tx.fromNode === 'MuxVM' || f.tx.toNode === 'MuxVM').map((f) => f.tx.id),
      // The failure and what reaches the dead MUX; the health probes and KEEPALIVEs elsewhere run quickly.
      focus: (q) => [...eventsWhere(q, (e) => e.kind === 'node-failed' && e.node === 'MuxVM'), ...framesWhere(q, (f) => f.tx.toNode === 'MuxVM')],
      table: { node: 'BGPVM', table: 'Routing table', match: { prefix: vipRouteOf, 'next hop': (q) => speakerAddress(q, 'MuxVM') } },
      questions: [
        {
          id: 'route-after-death',
          debrief: (q) => {
            const route = vipRouteOf(q);
            return route && `A crashed machine sends no goodbye: BGPVM still holds ${route} via MuxVM, and keeps it until it notices the silence for itself (chapter 3 shows how).`;
          },
          kind: 'choice',
          prompt: (q) => {
            const vip = vipOf(q);
            return vip && `MuxVM has just died. What does BGPVM's routing table now say about ${vip}?`;
          },
          at: firstSyn,
          rubric: choiceRubric(DIED_ROUTE, (q, at) => {
            const route = vipRouteOf(q);
            const mux = speakerAddress(q, 'MuxVM');
            const gone = q.events.find((e) => e.kind === 'route-removed' && e.node === 'BGPVM' && e.time <= at.time && e.prefix === route);
            const died = q.events.find((e) => e.kind === 'node-failed' && e.node === 'MuxVM');
            if (!died || !route || !mux) return undefined;
            return gone
              ? { answer: 'removed', why: sentence(gone.summary) }
              : { answer: 'still', why: `No event changed BGPVM's route between MuxVM failing and this moment: ${route} via ${mux} is still installed. BGP notices a silent peer only for itself: when its hold timer runs out, or when TCP gives up on a message the peer never acknowledges.` };
          }),
        },
      ],
    },
    {
      id: 'void',
      title: 'Into the void',
      caption: (q) => {
        const died = when(failed, q);
        const opens = when(firstSyn, q);
        return died === undefined || opens === undefined ? undefined : `${durationText(opens - died)} after MuxVM died, ClientVM opens the portal. Follow the SYN.`;
      },
      from: firstSyn,
      to: gaveUp,
      // The event's own line names Windows' settings ("TcpMaxConnectRetransmissions 2, first retransmission timeout (RTO) 3 s").
      endNote: (q) => {
        const m = gaveUp.find(q);
        const e = m?.eventId !== undefined ? q.events.find((x) => x.id === m.eventId) : undefined;
        const server = serverOf(q);
        if (e?.kind !== 'tcp-gave-up' || !server) return undefined;
        return (
          `${gaveUpWords(e)}, because BGPVM still sends everything for the VIP to the dead MuxVM. Whoever opened the portal sees a page that never loads, although ${server} itself is up. ` +
          `(Windows sends a SYN again at most ${e.retransmissions} times before it gives up; that limit is its TcpMaxConnectRetransmissions setting.)`
        );
      },
      nodes: ['ClientVM', 'BGPVM', 'MuxVM'],
      about: (q) => q.frames.filter((f) => inAttempt(0)(f, q)).map((f) => f.tx.id),
      // The SYN and its retransmissions; the seconds of waiting between them run quickly.
      focus: (q) => [...framesWhere(q, inAttempt(0)), ...eventsWhere(q, (e, q) => (e.kind === 'tcp-retransmit' || e.kind === 'tcp-gave-up') && e.flowId === attemptId(q, 0))],
      questions: [
        {
          id: 'void-next',
          kind: 'next-device',
          prompt: 'The SYN has reached BGPVM. Where does BGPVM send it?',
          at: voidSyn,
          rubric: nextDeviceRubric(attempt(0), 'BGPVM'),
        },
        {
          id: 'client-retries',
          debrief: 'For as long as BGPVM trusts the dead MUX, every connection to the VIP ends like this: a black hole.',
          kind: 'choice',
          prompt: 'No SYN-ACK comes back. What does ClientVM do?',
          at: firstRetry,
          rubric: choiceRubric(RETRY, (q) => {
            const id = attemptId(q, 0);
            const retries = q.events.filter((e): e is EventOf<'tcp-retransmit'> => e.kind === 'tcp-retransmit' && e.flowId === id);
            const gave = q.events.find((e): e is EventOf<'tcp-gave-up'> => e.kind === 'tcp-gave-up' && e.flowId === id);
            if (!gave) return undefined;
            return { answer: retries.length > 0 ? 'retransmit' : 'nothing', why: retriesWhy(retries, gave) };
          }),
        },
      ],
    },
    {
      id: 'gives-up',
      title: 'BGPVM gives up on MuxVM',
      caption:
        'MuxVM is silent. BGPVM keeps sending it KEEPALIVEs, and nothing acknowledges them: TCP sends them again and again, and ARP, by which a device asks its network who has an address, asks for MuxVM in vain. ' +
        'Two clocks are running: BGP\'s hold timer, agreed in the OPEN messages, and TCP\'s limit on retransmissions. Whichever runs out first ends the session, ' +
        'and with it every route MuxVM had announced. Open BGPVM\'s BGP neighbours table to see the session go down.',
      from: keepaliveAfter,
      to: sessionDown,
      endNote: (q) => {
        const m = sessionDown.find(q);
        const e = m?.eventId !== undefined ? q.events.find((x) => x.id === m.eventId) : undefined;
        if (e?.kind !== 'bgp-session-down') return undefined;
        const cause = e.cause === 'tcp-gave-up' ? 'TCP gave up resending to MuxVM' : e.cause === 'hold-timer-expired' ? 'its hold timer ran out' : undefined;
        return cause && `BGPVM's BGP session with MuxVM is down: ${cause}. Every route MuxVM announced goes with it.`;
      },
      nodes: ['BGPVM', 'MuxVM'],
      about: (q) => q.frames.filter((f) => f.tx.protocol === 'bgp' || towardsMux(f, q)).map((f) => f.tx.id),
      // BGPVM calling the dead MUX, and the session's end; the health probes between run quickly.
      focus: (q) => [...framesWhere(q, towardsMux), ...eventsWhere(q, (e) => e.node === 'BGPVM' && (e.kind === 'tcp-gave-up' || e.kind === 'bgp-session-down' || e.kind === 'route-removed'))],
      table: { node: 'BGPVM', table: 'BGP neighbours', match: { peer: (q) => speakerAddress(q, 'MuxVM') } },
      questions: [
        {
          id: 'why-removed',
          debrief: 'Until this moment every packet for the VIP went into the void: a black hole lasting as long as one of the two clocks took to run out.',
          kind: 'choice',
          prompt: 'Why does BGPVM finally remove MuxVM\'s routes?',
          at: routeGone,
          rubric: choiceRubric(WHY_REMOVED, (q, at) => {
            const e = at.eventId !== undefined ? q.events.find((x) => x.id === at.eventId) : undefined;
            return e?.kind === 'route-removed' ? { answer: e.cause, why: twoClocks(q, e) } : undefined;
          }),
        },
      ],
    },
    {
      id: 'loop',
      title: 'Round and round until the TTL dies',
      caption: (q) => {
        const route = vipRouteOf(q);
        return (
          route &&
          `ClientVM tries again, after the routes were removed: BGPVM no longer holds the route ${route} to the VIP. Follow the SYN, and watch its TTL. ` +
        'Playback shows the first rounds, runs quickly through the rest and slows again for the last: the event list folds the rounds into one row. ' +
        '(Real networks run BFD, Bidirectional Forwarding Detection, beside BGP: it notices a dead neighbour in under a second, so the black hole lasts a moment, not as long as the one you watched.)'
        );
      },
      from: loopSyn,
      to: ttlDeath,
      endNote: (q) => {
        const m = loopSyn.find(q);
        const f = m?.txId !== undefined ? q.byTx(m.txId) : undefined;
        const client = f && ipv4(f)?.src;
        return client && `The SYN's TTL ran out at BGPVM: BGPVM dropped it and sent ${client}, ${f.tx.fromNode}, an ICMP "time exceeded" message to say so.`;
      },
      nodes: ['NATVM', 'BGPVM'],
      about: (q) => q.frames.filter((f) => inAttempt(1)(f, q)).map((f) => f.tx.id),
      focus: (q) => {
        const hops = loopFrames(q);
        return [...hops.slice(0, LOOP_SHOWN), ...hops.slice(-LOOP_SHOWN)].map(moment);
      },
      questions: [
        {
          id: 'loop-next',
          kind: 'next-device',
          prompt: 'This time the SYN reaches BGPVM after the routes were removed. Where does BGPVM send it?',
          at: loopAtBgp,
          rubric: nextDeviceRubric(attempt(1), 'BGPVM'),
        },
        {
          id: 'loop-end',
          debrief: 'Removing a route does not stop the traffic: the less specific routes left behind decide where it goes, here round in a circle. Only the TTL keeps a packet from circling forever.',
          kind: 'choice',
          prompt: 'NATVM has sent the SYN back to BGPVM. How will this packet end?',
          at: loopAgain,
          rubric: choiceRubric(ENDINGS, (q) => {
            const t = q.attempts[1];
            if (!t) return undefined;
            // The trace's reason is a log's ("routing loop between NATVM and BGPVM: for ..., NATVM matches ... (static) via ...").
            const loop = t.disposition === 'ttl-exceeded' ? loopWhy(q, t) : undefined;
            const server = serverOf(q);
            return { answer: t.disposition, why: loop && server ? `${loop} It never reaches ${server}.` : sentence(t.reason) };
          }),
        },
      ],
    },
  ],
};
