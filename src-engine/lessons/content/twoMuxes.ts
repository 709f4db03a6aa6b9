// Lesson 8: with a second MUX both announce the VIP, BGPVM keeps two equal-cost routes and a hash of each
// flow picks one; when a MUX dies, its route goes with the hold timer and new flows use the other.
import { attempt, inAttempt, choiceRubric, eventsWhere, eventWhere, framesWhere, frameWhere, hopAt, hopFrame, nextDeviceRubric, sentence } from '../anchors';
import type { LessonDef } from '../model';
import type { EventOf, SimEvent } from '../../protocol';
import { bgpMessages, isSyn, stepOf, type RunQuery } from '../query';
import { SECOND, durationText } from '../../sim/timing';
import { PORTAL_REQUEST } from './requests';
import { serverOf, speakerAddress, vipRouteOf } from '../values';
import { routeRemovedWords } from '../words';
/** The MUX the lesson fails: the one the first connection's hash chose (the chapter checks it still is). */
const FAILED_MUX = 'MuxVM2';
const OTHER_MUX = 'MuxVM';

const installs = (e: SimEvent, q: RunQuery) => e.kind === 'route-installed' && e.node === 'BGPVM' && e.prefix === vipRouteOf(q);

const firstUpdate = frameWhere('the first BGP UPDATE from a MUX', (f) => (f.tx.fromNode === 'MuxVM' || f.tx.fromNode === 'MuxVM2') && bgpMessages(f).some((m) => m.kind === 'update' && m.nlri.length > 0));
const secondRoute = eventWhere('BGPVM installing a second route to the VIP', (e, q) => installs(e, q) && q.events.some((x) => installs(x, q) && x.id < e.id));
const syn1 = frameWhere('the first SYN of the first attempt', (f, q) => inAttempt(0)(f, q) && isSyn(f) && f.tx.fromNode === 'ClientVM');
const syn1AtBgp = hopFrame('BGPVM forwarding the first attempt\'s SYN', attempt(0), 'BGPVM');
const syn1AtPortal = frameWhere('the first attempt\'s SYN reaching the server behind the VIP', (f, q) => inAttempt(0)(f, q) && isSyn(f) && f.tx.toNode === serverOf(q));
/** Which MUX a trace's SYN went through after BGPVM. */
const muxOf = (q: RunQuery, n: number) => nextDeviceRubric(attempt(n), 'BGPVM')(q)?.answer;
const failed = eventWhere(`${FAILED_MUX}, the MUX the first connection went through, failing`, (e, q) => e.kind === 'node-failed' && e.node === FAILED_MUX && muxOf(q, 0) === FAILED_MUX);
const syn2AtBgp = hopFrame('BGPVM forwarding the second attempt\'s SYN', attempt(1), 'BGPVM');
const syn2AtPortal = frameWhere('the second attempt\'s SYN reaching the server behind the VIP', (f, q) => inAttempt(1)(f, q) && isSyn(f) && f.tx.toNode === serverOf(q));

const USES = [
  { id: 'ecmp', label: 'Both: each flow is hashed onto one of the two equal-cost routes' },
  { id: 'first', label: 'Only the first one it learned' },
  { id: 'newest', label: 'Only the newest one' },
];
const STICKS = [
  { id: 'same', label: 'Through the same MUX: the same addresses and ports give the same hash' },
  { id: 'alternate', label: 'Through the other MUX: the two routes take turns' },
  { id: 'both', label: 'Through both MUXes: a copy to each' },
  { id: 'less-busy', label: 'Through whichever MUX is less busy' },
];
const MUXES = new Set(['MuxVM', 'MuxVM2']);
/** The packets the client sent on the first connection after its SYN, as they reached a MUX while both MUXes were up. */
const laterAtMux = (q: RunQuery) => {
  const dies = failed.find(q)?.time ?? Infinity;
  return q.frames.filter((f) => inAttempt(0)(f, q) && !isSyn(f) && f.tx.toNode !== undefined && MUXES.has(f.tx.toNode) && f.tx.time < dies);
};
/** The MUX whose BGP speaker has this address (a route's next hop). */
const muxAt = (q: RunQuery, address: string) => [...MUXES].find((m) => speakerAddress(q, m) === address);
/** "via 192.168.100.6 (MuxVM)". */
const viaText = (q: RunQuery, nextHop: string) => {
  const mux = muxAt(q, nextHop);
  return `via ${nextHop}${mux ? ` (${mux})` : ''}`;
};
const TIMES = ['', 'once', 'twice'];

const WHY_OTHER = [
  { id: 'route-removed', label: `BGPVM removed ${FAILED_MUX}'s route when it stopped hearing from it; only ${OTHER_MUX}'s is left` },
  { id: 'hash', label: `The new connection just happened to hash to ${OTHER_MUX}` },
  { id: 'redirect', label: `${FAILED_MUX} redirected the packet to ${OTHER_MUX}` },
];

export const TWO_MUXES: LessonDef = {
  id: 'two-muxes',
  title: 'Two MUXes',
  goal: 'Explain how two MUXes share a VIP with equal-cost routes, why a flow sticks to one, and how traffic fails over when one dies.',
  topology: 'poc',
  request: { ...PORTAL_REQUEST, knobs: { secondMux: true }, whatIf: [{ action: 'fail', target: FAILED_MUX, at: 2 * SECOND }], flowAt: [1 * SECOND, 200 * SECOND] },
  chapters: [
    {
      id: 'ecmp',
      title: 'Two routes to one VIP',
      caption: (q) => {
        const route = vipRouteOf(q);
        return (
          route &&
          `This network has a second MUX, MuxVM2. Both have a BGP session with BGPVM and both announce the VIP as ${route}, each naming itself as next hop. ` +
            'What does BGPVM do with two routes for one address?'
        );
      },
      from: firstUpdate,
      to: secondRoute,
      endNote: (q) => {
        const route = vipRouteOf(q);
        const e = secondRoute.find(q);
        const ev = e?.eventId !== undefined ? q.events.find((x) => x.id === e.eventId) : undefined;
        const nh = ev?.kind === 'route-installed' ? ev.nextHop : undefined;
        const mux = nh && muxAt(q, nh);
        return route && nh && mux && `BGPVM has put a second route to ${route} in its routing table: next hop ${nh}, ${mux}, which announced it over BGP. It now holds one route through each MUX.`;
      },
      nodes: ['MuxVM', 'MuxVM2', 'BGPVM'],
      about: (q) => q.frames.filter((f) => f.tx.protocol === 'bgp').map((f) => f.tx.id),
      table: { node: 'BGPVM', table: 'Routing table', match: { prefix: vipRouteOf, 'next hop': (q) => speakerAddress(q, 'MuxVM2') } },
      questions: [
        {
          id: 'how-many',
          debrief: 'The two routes are equally good (equal cost), so BGPVM keeps and uses both: ECMP, equal-cost multipath.',
          kind: 'choice',
          prompt: (q) => {
            const route = vipRouteOf(q);
            return route && `How many routes to ${route} does BGPVM hold now?`;
          },
          at: secondRoute,
          rubric: choiceRubric(['1', '2', '3'].map((n) => ({ id: n, label: n })), (q, at) => {
            const got = q.events.filter((e): e is EventOf<'route-installed'> => e.kind === 'route-installed' && installs(e, q) && e.time <= at.time && (at.eventId === undefined || e.id <= at.eventId));
            const route = vipRouteOf(q);
            if (!route || got.length === 0) return undefined;
            // In a student's words: which MUX each route goes through, not the event's table-like summary.
            const vias = got.map((e) => viaText(q, e.nextHop));
            const count = TIMES[got.length] ?? `${got.length} times`;
            const why =
              got.length === 1
                ? `BGPVM has installed ${route} once, ${vias[0]}.`
                : `BGPVM has installed ${route} ${count}, once from each MUX: ${vias.slice(0, -1).join(', ')} and ${vias.at(-1)}. Each MUX announced the VIP over BGP with itself as next hop.`;
            return { answer: String(got.length), why };
          }),
        },
      ],
    },
    {
      id: 'hash',
      title: 'A hash pins the flow to one MUX',
      // Not "the MUX remembers the server it chose": the MUX keeps no state ("The MUX" teaches that its hash
      // sends every packet of a connection to the same server), and the caption must not give the questions' answers.
      caption: 'ClientVM connects. BGPVM now holds two equal routes to the VIP, one through each MUX. Which does this connection take, and why? Follow the SYN.',
      from: syn1,
      to: syn1AtPortal,
      nodes: ['BGPVM', 'MuxVM', 'MuxVM2'],
      about: (q) => q.frames.filter((f) => inAttempt(0)(f, q)).map((f) => f.tx.id),
      questions: [
        // Not "which device does the hash send it to?": nothing on screen tells a hash's pick, so that was a coin toss
        // between the two MUXes. What a student can reason out is asked instead: that the connection sticks to it.
        {
          id: 'which-route',
          debrief: "BGPVM hashes each connection's addresses and ports to pick one of the equal-cost routes, so a connection sticks to one MUX.",
          kind: 'choice',
          prompt: (q) => {
            const route = vipRouteOf(q);
            return route && `BGPVM has learned ${route} from both MUXes. Which route does it use?`;
          },
          at: syn1AtBgp,
          rubric: choiceRubric(USES, (q, at) => {
            const r = stepOf(hopAt(q, attempt(0), 'BGPVM'), 'route');
            if (!r) return undefined;
            // The routes installed by now: chapter 1 asked how many (no MUX has failed yet).
            const routes = q.events.filter((e) => installs(e, q) && e.time <= at.time).length;
            if (!/equal-cost/.test(r.text) || routes < 2 || !r.nextHop) return { answer: 'first', why: sentence(r.text) };
            return {
              answer: 'ecmp',
              why: `BGPVM's ${routes === 2 ? 'two' : routes} routes to ${r.prefix} are equally good, so it keeps ${routes === 2 ? 'both' : 'them all'} and a hash of this connection's addresses and ports picks one: for this SYN, the route ${viaText(q, r.nextHop)}.`,
            };
          }),
        },
        {
          id: 'sticks',
          kind: 'choice',
          prompt: (q) => {
            const mux = muxOf(q, 0);
            return mux && `The hash sent this connection's SYN through ${mux}. Which way will its next packets go?`;
          },
          at: syn1AtPortal,
          rubric: choiceRubric(STICKS, (q) => {
            const mux = muxOf(q, 0);
            const later = laterAtMux(q);
            if (mux === undefined || later.length === 0) return undefined;
            const via = new Set(later.map((f) => String(f.tx.toNode)));
            const same = via.size === 1 && via.has(mux);
            return {
              answer: same ? 'same' : 'alternate',
              why: same
                ? `All ${later.length} packets ClientVM sent on this connection after its SYN went through ${mux} too, while both MUXes were up: they carry the SYN's addresses and ports, so BGPVM's hash picks the same route for each.`
                : `The packets ClientVM sent on this connection after its SYN went through ${[...via].join(' and ')}.`,
            };
          }),
        },
      ],
    },
    {
      id: 'failover',
      title: `${FAILED_MUX} dies: failover to ${OTHER_MUX}`,
      caption: (q) => {
        const died = failed.find(q)?.time;
        const again = q.attempts[1]?.startedAt;
        if (died === undefined || again === undefined) return undefined;
        return (
          `${FAILED_MUX}, the MUX this connection went through, fails. New connections hashed onto its route would vanish until BGPVM gives up on ${FAILED_MUX}: ` +
          'when TCP stops retransmitting to it or BGP\'s hold timer runs out, whichever comes first (as in "When MuxVM dies"). ' +
          `${durationText(again - died)} after ${FAILED_MUX} failed, ClientVM opens a new connection. Playback runs quickly through the wait and slows where something happens.`
        );
      },
      from: failed,
      to: syn2AtPortal,
      nodes: ['MuxVM', 'MuxVM2', 'BGPVM'],
      about: (q) => q.frames.filter((f) => inAttempt(1)(f, q) || f.tx.protocol === 'bgp').map((f) => f.tx.id),
      // The failure, BGPVM calling the dead MUX and giving up on it, and the new connection; the health
      // probes and the other MUX's KEEPALIVEs in between run quickly.
      focus: (q) => [
        ...eventsWhere(q, (e) => (e.kind === 'node-failed' && e.node === FAILED_MUX) || (e.node === 'BGPVM' && (e.kind === 'tcp-gave-up' || e.kind === 'bgp-session-down' || e.kind === 'route-removed'))),
        ...framesWhere(q, (f) => f.tx.fromNode === 'BGPVM' && f.tx.protocol === 'bgp' && f.layers.some((l) => l.type === 'ipv4' && l.dst === speakerAddress(q, FAILED_MUX))),
        ...framesWhere(q, inAttempt(1)),
      ],
      questions: [
        {
          id: 'failover-next',
          kind: 'next-device',
          prompt: 'After the failure, a new SYN reaches BGPVM. Which device does BGPVM send it to?',
          at: syn2AtBgp,
          rubric: nextDeviceRubric(attempt(1), 'BGPVM'),
        },
        {
          id: 'why-other',
          debrief: `Both MUXes share the same rules, so the connection reaches the same server through ${OTHER_MUX}.`,
          kind: 'choice',
          prompt: `Why does this connection go to ${OTHER_MUX}?`,
          at: syn2AtBgp,
          rubric: choiceRubric(WHY_OTHER, (q) => {
            const start = q.attempts[1]?.startedAt ?? Infinity;
            const dead = hopAt(q, attempt(0), 'BGPVM');
            const deadHop = stepOf(dead, 'route')?.nextHop;
            const removed = q.events.find((e) => e.kind === 'route-removed' && e.node === 'BGPVM' && e.time < start && e.prefix === vipRouteOf(q) && e.peer === deadHop);
            const r = stepOf(hopAt(q, attempt(1), 'BGPVM'), 'route');
            if (!r) return undefined;
            // The route left, as a route through a MUX: not the hop's "out of mgmt, source bgp".
            const left = r.nextHop && `The one route to ${r.prefix} left goes ${viaText(q, r.nextHop)}, so every new connection takes it.`;
            return removed?.kind === 'route-removed' ? { answer: 'route-removed', why: `${routeRemovedWords(q, removed)} ${left || sentence(r.text)}` } : { answer: 'hash', why: sentence(r.text) };
          }),
        },
      ],
    },
  ],
};
