// Every chapter of every lesson binds to the current engine's run. When the engine changes so that a
// chapter no longer finds its moment, this test names the lesson and the chapter.
import { describe, expect, it } from 'vitest';
import { createRunSession } from '../run/session';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { LESSONS, lessonSummaries } from './catalog';
import { bgpMessages, createRunQuery, isSyn, isSynAck, tcp } from './query';
import type { ResolvedLesson } from './model';
import { glossSegments } from '../view/glossary';

const topology = (() => {
  const t = parseTopology(POC_TOPOLOGY);
  if (!t.ok) throw new Error('the POC topology does not validate');
  return t.value;
})();

function resolve(id: string): ResolvedLesson {
  const def = LESSONS.find((l) => l.id === id)!;
  const session = createRunSession();
  const run = session.run(topology, def.request);
  if (!run.ok) throw new Error(`${def.title}: its run fails: ${run.error.message}`);
  const r = session.resolveLesson(def);
  if (!r.ok) throw new Error(r.error.map((f) => `lesson "${f.lesson}", chapter "${f.chapter}": ${f.message}`).join('\n'));
  return r.value;
}

describe('lessons bind to the engine', () => {
  for (const def of LESSONS) {
    it(`${def.title}: every chapter resolves`, () => {
      const lesson = resolve(def.id);
      expect(lesson.chapters.map((c) => c.id)).toEqual(def.chapters.map((c) => c.id));
      for (const c of lesson.chapters) {
        expect(c.end, c.title).toBeGreaterThanOrEqual(c.start);
        expect(c.txIds.length, c.title).toBeGreaterThan(0);
        for (const q of c.questions) expect(q.choices.map((x) => x.id), q.id).toContain(q.answer);
      }
    });
  }

  it('has two to six chapters and at least two questions per lesson', () => {
    for (const l of lessonSummaries()) {
      expect(l.chapters.length, l.title).toBeGreaterThanOrEqual(2);
      expect(l.chapters.length, l.title).toBeLessThanOrEqual(6);
      expect(l.questionCount, l.title).toBeGreaterThanOrEqual(2);
    }
  });

  it('never plays a chapter past the moment a later chapter asks about: its answer would be on screen first', () => {
    const late: string[] = [];
    for (const def of LESSONS) {
      const session = createRunSession();
      const run = session.run(topology, def.request);
      if (!run.ok) throw new Error(run.error.message);
      const q = createRunQuery(run.value, 'CCI_External_vSwitch');
      const lesson = resolve(def.id);
      def.chapters.forEach((later, j) => {
        for (const question of later.questions ?? []) {
          const at = question.at.find(q)!;
          for (const earlier of lesson.chapters.slice(0, j)) {
            if (earlier.end >= at.time) late.push(`${def.title}: chapter "${earlier.title}" plays to ${earlier.end}, past question "${question.id}" (${at.time})`);
          }
        }
      });
    }
    expect(late).toEqual([]);
  });

  it('never gives a question\'s answer in the feedback of one asked before it at the same moment', () => {
    const told: string[] = [];
    for (const def of LESSONS) {
      for (const c of resolve(def.id).chapters) {
        c.questions.forEach((later, j) => {
          const label = later.choices.find((x) => x.id === later.answer)!.label;
          if (label.length > 24) return;
          for (const earlier of c.questions.slice(0, j)) {
            if (earlier.about.time !== later.about.time) continue;
            const shown = `${earlier.why} ${earlier.debrief ?? ''}`;
            if (new RegExp(`(^|[^\\w.])${label.replace(/\./g, '\\.')}(?=$|[^\\w.]|\\.(\\s|$))`).test(shown)) told.push(`${def.title}: "${earlier.prompt}" tells "${later.prompt}" (${label})`);
          }
        });
      }
    }
    expect(told).toEqual([]);
  });

  it('leaves no event of a chapter\'s devices between two chapters, where no chapter would list it', () => {
    const between: string[] = [];
    for (const def of LESSONS) {
      const session = createRunSession();
      const run = session.run(topology, def.request);
      if (!run.ok) throw new Error(run.error.message);
      const chapters = resolve(def.id).chapters;
      chapters.slice(1).forEach((later, i) => {
        const earlier = chapters[i]!;
        const nodes = new Set<string>([...earlier.nodes, ...later.nodes]);
        // What the event list shows of a chapter: its devices' own records (not ARP's, nor health probes').
        for (const e of run.value.events) {
          if (e.time <= earlier.end || e.time >= later.start || e.kind === 'transmission' || e.protocol === 'arp' || e.kind === 'arp-learned' || e.kind === 'dip-health') continue;
          // A failed device losing what the switch floods to it says nothing new once its failure is told.
          if (e.kind === 'drop' && e.reason === 'node-down') continue;
          if (nodes.has(e.node)) between.push(`${def.title}: "${e.summary}" (${e.time}) falls between "${earlier.title}" and "${later.title}"`);
        }
      });
    }
    expect(between).toEqual([]);
  });

  it('makes no student sit through a long chapter step by step: one of over 40 steps names the moments it is about, and runs quickly through most of the rest', () => {
    const slow: string[] = [];
    for (const def of LESSONS) {
      const session = createRunSession();
      const run = session.run(topology, def.request);
      if (!run.ok) throw new Error(run.error.message);
      for (const c of resolve(def.id).chapters) {
        // A playback step is what one node sends at one instant.
        const steps = new Set(run.value.transmissions.filter((t) => t.time >= c.start && t.time <= c.end).map((t) => `${t.time} ${t.fromNode}`));
        if (steps.size <= 40) continue;
        const focus = new Set((c.focus ?? []).map((m) => m.time));
        if (!c.focus) slow.push(`${def.title}: "${c.title}" has ${steps.size} steps and names no focus`);
        else if (focus.size > steps.size / 4) slow.push(`${def.title}: "${c.title}" slows at ${focus.size} of its ${steps.size} steps`);
      }
    }
    expect(slow).toEqual([]);
  });

  it('names the lesson and the chapter that no longer resolves', () => {
    const def = LESSONS[0]!;
    const broken = { ...def, chapters: [{ ...def.chapters[0]!, from: { describe: 'a frame that never happens', find: () => undefined } }] };
    const session = createRunSession();
    session.run(topology, def.request);
    const r = session.resolveLesson(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toEqual({ lesson: def.title, chapter: def.chapters[0]!.title, message: 'its start was not found: a frame that never happens' });
  });

  it('names the chapter whose text needs a value the run does not have, and the one whose focus falls outside it', () => {
    const def = LESSONS[0]!;
    const first = def.chapters[0]!;
    const broken = { ...def, chapters: [{ ...first, caption: () => undefined }, { ...first, id: 'x', title: 'Focus elsewhere', focus: () => [{ time: -1 }] }] };
    const session = createRunSession();
    session.run(topology, def.request);
    const r = session.resolveLesson(broken);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual([
        { lesson: def.title, chapter: first.title, message: 'its caption names a value the run does not have' },
        { lesson: def.title, chapter: 'Focus elsewhere', message: 'none of the moments it slows down at fall inside its span' },
      ]);
  });
});

/**
 * The POC with another VIP (192.168.133.80) served by another VM (xRPVM, 192.168.100.7): a lesson whose text
 * is written from the run names these; one with the POC's values written in names 192.168.133.74 and PortalVM.
 */
const moved = (() => {
  const doc = JSON.parse(JSON.stringify(POC_TOPOLOGY).replaceAll('"192.168.133.74"', '"192.168.133.80"').replaceAll('"192.168.100.9"', '"192.168.100.7"')) as {
    nodes: { id: string; listens?: number[] }[];
  };
  for (const n of doc.nodes) {
    if (n.id === 'xRPVM') n.listens = [443];
    if (n.id === 'PortalVM') delete n.listens;
  }
  const t = parseTopology(doc);
  if (!t.ok) throw new Error('the moved POC does not validate');
  return t.value;
})();

/** Every text a student reads of a resolved lesson: its title and goal, each chapter's title, caption, questions. */
const textsOf = (l: ResolvedLesson) => [
  `title: ${l.title}`,
  `goal: ${l.goal}`,
  ...l.chapters.flatMap((c) => [
    `${c.id}: title: ${c.title}`,
    `${c.id}: caption: ${c.caption}`,
    `${c.id}: devices: ${c.nodes.join(', ')}`,
    ...(c.table ? [`${c.id}: table row: ${Object.values(c.table.match).join(', ')}`] : []),
    ...c.questions.flatMap((q) => [`${q.id}: prompt: ${q.prompt}`, `${q.id}: choices: ${q.choices.map((x) => x.label).join(' | ')}`, `${q.id}: why: ${q.why}`, ...(q.debrief ? [`${q.id}: debrief: ${q.debrief}`] : [])]),
  ]),
];
/** The POC's own VIP and server, which text written for the POC would name. */
const POC_VALUES = /192\.168\.133\.74|192\.168\.100\.9\b|PortalVM/;

describe('lesson text names what the run did', () => {
  it('every lesson binds to a POC whose VIP and server differ, and its text names that VIP and server, not the POC\'s', () => {
    const stale: string[] = [];
    let named = '';
    for (const def of LESSONS) {
      const session = createRunSession();
      const run = session.run(moved, def.request);
      if (!run.ok) throw new Error(`${def.title}: its run fails: ${run.error.message}`);
      const r = session.resolveLesson(def);
      if (!r.ok) throw new Error(r.error.map((f) => `lesson "${f.lesson}", chapter "${f.chapter}": ${f.message}`).join('\n'));
      const texts = textsOf(r.value);
      named += texts.join('\n');
      stale.push(...texts.filter((t) => POC_VALUES.test(t)).map((t) => `${def.title}: ${t}`));
    }
    expect(stale).toEqual([]);
    expect(named).toContain('192.168.133.80/32');
    expect(named).toContain('xRPVM');
  });

  it('names no VIP or server in what the lesson list shows before any run: titles, goals and chapter titles', () => {
    // The list is read before a lesson's run exists, so it cannot know which VM serves the VIP: it names the role.
    const listed = lessonSummaries().flatMap((l) => [`${l.id}: title: ${l.title}`, `${l.id}: goal: ${l.goal}`, ...l.chapters.map((c) => `${l.id}/${c.id}: title: ${c.title}`)]);
    expect(listed.filter((t) => POC_VALUES.test(t))).toEqual([]);
    expect(listed).toContain('way-back/answer: title: The server answers');
    expect(listed).toContain("vfp-on-host: goal: Explain what the host's VFP does to the load-balanced packet before the server behind the VIP sees it.");
    expect(listed).toContain("way-back: goal: Explain why the server's answer carries the VIP as its source and never passes the MUX.");
  });

  it('offers for the BGP port the ports the run\'s other conversations use, each named for what used it', () => {
    const def = LESSONS.find((l) => l.id === 'vip-route')!;
    // ClientVM opens the portal on port 8443: no rule balances it, so no VXLAN either.
    const other = { ...def, request: { ...def.request, to: 'https://portal.azurestack.local:8443' }, chapters: [def.chapters[0]!] };
    const session = createRunSession();
    const run = session.run(topology, other.request);
    if (!run.ok) throw new Error(run.error.message);
    const r = session.resolveLesson(other);
    if (!r.ok) throw new Error(r.error.map((f) => f.message).join('\n'));
    const q = r.value.chapters[0]!.questions[0]!;
    expect(q.choices.map((c) => c.label)).toEqual(['Port 53', 'Port 179', 'Port 8443']);
    expect(q.why).toBe("The SYN's destination port is 179: routers that speak BGP listen on TCP port 179 (RFC 4271). In this run, port 53 is ClientVM's DNS query and port 8443 ClientVM's TCP connection to the VIP.");
    // On the POC's own run: 53, 443 and MuxVM's VXLAN to the host.
    expect(answerOf('vip-route', 'bgp-port').choices.map((c) => c.label)).toEqual(['Port 53', 'Port 179', 'Port 443', 'Port 4789']);
    expect(answerOf('vip-route', 'bgp-port').why).toBe(
      "The SYN's destination port is 179: routers that speak BGP listen on TCP port 179 (RFC 4271). In this run, port 53 is ClientVM's DNS query, port 443 ClientVM's TCP connection to the VIP and port 4789 MuxVM's VXLAN.",
    );
  });
});

const answerOf = (lesson: string, question: string) => {
  for (const c of resolve(lesson).chapters) for (const q of c.questions) if (q.id === question) return q;
  throw new Error(`no question ${question}`);
};

/** Lesson 1's run, read at the switch. */
const vipRouteAtSwitch = () => {
  const def = LESSONS.find((l) => l.id === 'vip-route')!;
  const run = createRunSession().run(topology, def.request);
  if (!run.ok) throw new Error(run.error.message);
  return createRunQuery(run.value, 'CCI_External_vSwitch');
};

describe('a question is asked when the screen can answer it', () => {
  it('lesson 1 asks for the BGP port once MuxVM\'s SYN has reached BGPVM, and waits before BGPVM\'s SYN-ACK', () => {
    const q = vipRouteAtSwitch();
    const port = answerOf('vip-route', 'bgp-port');
    expect(port.prompt).toBe("MuxVM's SYN has reached BGPVM. Which TCP port did MuxVM connect to?");
    // The moment asked about (the player stops just before it) is BGPVM's SYN-ACK: the SYN, with its port, is on screen.
    const about = q.byTx(port.about.txId!)!;
    expect([about.tx.fromNode, about.tx.toNode, tcp(about)?.srcPort, isSynAck(about)]).toEqual(['BGPVM', 'CCI_External_vSwitch', 179, true]);
    const synAtBgp = q.frames.find((f) => isSyn(f) && f.tx.toNode === 'BGPVM' && tcp(f)?.dstPort === 179)!;
    expect(synAtBgp.tx.time).toBeLessThan(about.tx.time);
    expect(port.answer).toBe('179');
    // "Show the ... in the packet" points at that SYN at BGPVM, so the playhead stays where the question is asked.
    const field = resolve('vip-route').chapters[0]!.field!;
    expect(field.txId).toBe(synAtBgp.tx.id);
  });

  it('lesson 1 asks for the hold time once MuxVM\'s OPEN, which carries it, has reached BGPVM: asked before, a newcomer could only guess', () => {
    const q = vipRouteAtSwitch();
    const hold = answerOf('vip-route', 'hold-time');
    expect(hold.prompt).toBe("MuxVM's OPEN has reached BGPVM. How long may BGPVM go without hearing from MuxVM before it drops MuxVM's routes?");
    const openAtBgp = q.frames.find((f) => f.tx.fromNode !== 'BGPVM' && f.tx.toNode === 'BGPVM' && bgpMessages(f).some((m) => m.kind === 'open'))!;
    // The player stops just before the moment asked about: the OPEN has arrived at BGPVM by then.
    expect(openAtBgp.tx.arrive).toBeLessThanOrEqual(hold.about.time);
    const about = q.byTx(hold.about.txId!)!;
    expect(about.tx.fromNode).toBe('BGPVM');
    expect(hold.answer).toBe('180');
    // "Show the BGP hold time in the packet" points at that OPEN: the playhead reached it before the question.
    const field = resolve('vip-route').chapters[1]!.field!;
    expect(q.byTx(field.txId)!.tx.time).toBeLessThan(hold.about.time);
  });
});

describe('answers come from the engine', () => {
  it('reads the BGP port, the hold time and the next hop from the frames', () => {
    expect(answerOf('vip-route', 'bgp-port').answer).toBe('179');
    expect(answerOf('vip-route', 'hold-time').answer).toBe('180');
    expect(answerOf('vip-route', 'next-hop').answer).toBe('192.168.100.6');
    // Its wrong answers are the run's own addresses, each named for what it is: the VIP, the DIP, the gateway.
    expect(answerOf('vip-route', 'next-hop').choices.map((c) => c.id)).toEqual(['192.168.100.6', '192.168.100.9', '192.168.133.74', '192.168.200.1']);
    expect(answerOf('vip-route', 'next-hop').why).toContain('192.168.100.9 is PortalVM\'s own address (its DIP), the server behind the VIP, and 192.168.200.1 is NATVM');
  });

  it('names the device whose decision a question asks about, and since when it holds the packet', () => {
    // ADVM's DNS server logs its answer (the A record asked for) once the query reaches it; MuxVM logs an ARP
    // request for the outer destination asked for; VFP logs the flow with the DIP asked for.
    expect(answerOf('find-portal', 'a-record').decider).toEqual({ node: 'ADVM', since: expect.any(Number) as number });
    expect(answerOf('the-mux', 'outer-dst').decider?.node).toBe('MuxVM');
    expect(answerOf('vfp-on-host', 'dst-after').decider?.node).toBe('CCI_External_vSwitch');
    const dnsAnswered = 1_000_695;
    expect(answerOf('find-portal', 'a-record').decider!.since).toBeLessThanOrEqual(dnsAnswered);
  });

  it('points at tables by a name a sentence can hold, acronyms kept', () => {
    expect(resolve('vip-route').chapters.map((c) => c.table?.label)).toEqual([undefined, "MuxVM's BGP neighbours", "BGPVM's routing table"]);
  });

  it('marks a chapter that ends on an event with no frame of its own, for the Why to name', () => {
    const [, , givesUp] = resolve('mux-dies').chapters;
    const session = createRunSession();
    const run = session.run(topology, LESSONS.find((l) => l.id === 'mux-dies')!.request);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value.events[givesUp!.endEvent!]?.summary).toBe('BGPVM: BGP session with 192.168.100.6 (AS 64628) down: TCP timeout');
    expect(resolve('to-the-vip').chapters.map((c) => c.endEvent)).toEqual([undefined, undefined, undefined]);
  });

  it('reads each next device from the trace', () => {
    expect(answerOf('find-portal', 'after-nat').answer).toBe('BGPVM');
    expect(answerOf('find-portal', 'after-bgp').answer).toBe('ClientVM');
    expect(answerOf('find-portal', 'skipped').answer).toBe('NATVM');
    expect(answerOf('to-the-vip', 'client-next').answer).toBe('NATVM');
    expect(answerOf('to-the-vip', 'nat-next').answer).toBe('BGPVM');
    expect(answerOf('to-the-vip', 'bgp-next').answer).toBe('MuxVM');
    expect(answerOf('way-back', 'portal-next').answer).toBe('BGPVM');
  });

  it('says why the packet goes to the next device in words a newcomer reads: the route that sends it there, no routing-table shorthand', () => {
    // It read "NATVM routes 192.168.100.2 by route 192.168.100.0/24 via 192.168.200.2 (BGPVM), static; TTL 128 -> 127.":
    // a routing table's row and a TTL never explained, to a student who has never seen one.
    const TABLE = 'in its routing table, its list of address ranges and where to send packets for each.';
    expect(answerOf('find-portal', 'after-nat').why).toBe(
      `NATVM looks up the packet's destination, 192.168.100.2, ${TABLE} The most specific range that holds it is 192.168.100.0/24 (192.168.100.0 to 192.168.100.255), a static route: the network's administrator wrote it in. It says: hand the packet to 192.168.200.2, which is BGPVM.`,
    );
    expect(answerOf('find-portal', 'after-bgp').why).toBe(
      `BGPVM looks up the packet's destination, 192.168.200.10, ${TABLE} The most specific range that holds it is 192.168.200.0/24 (192.168.200.0 to 192.168.200.255), a connected route: BGPVM has a network card on that network itself. No router is needed: BGPVM hands the packet straight to ClientVM.`,
    );
    expect(answerOf('to-the-vip', 'client-next').why).toBe(
      `ClientVM looks up the packet's destination, 192.168.133.74, ${TABLE} Only its default route holds it: 0.0.0.0/0, which holds every address, for wherever ClientVM has no more specific route to. It says: hand the packet to 192.168.200.1, which is NATVM.`,
    );
    expect(answerOf('to-the-vip', 'bgp-next').why).toBe(
      `BGPVM looks up the packet's destination, 192.168.133.74, ${TABLE} The most specific range that holds it is 192.168.133.74/32 (that one address), a BGP route: MuxVM announced it over BGP. It says: hand the packet to 192.168.100.6, which is MuxVM.`,
    );
    // After the routes were removed, BGPVM falls back on its default route.
    expect(answerOf('mux-dies', 'loop-next').why).toContain('Only its default route holds it: 0.0.0.0/0, which holds every address, for wherever BGPVM has no more specific route to. It says: hand the packet to 192.168.200.1, which is NATVM.');
    // The answer that compares the two ways explains BGPVM's choice the same way.
    expect(answerOf('find-portal', 'skipped').why).toContain('a connected route: BGPVM has a network card on that network itself. No router is needed: BGPVM hands the packet straight to ClientVM.');
    const jargon = LESSONS.flatMap((def) => resolve(def.id).chapters.flatMap((c) => c.questions.filter((q) => / by route |; TTL \d+ -> \d+|, static\b|on-link out of/.test(q.why)).map((q) => `${def.title}, ${q.id}: ${q.why}`)));
    expect(jargon).toEqual([]);
  });

  it('says what ADVM\'s zone is where it first names it, and the glossary opens the word', () => {
    // "ADVM looks the name up in its zone" named a DNS word no earlier text explained.
    const [, answer] = resolve('find-portal').chapters;
    expect(answer!.caption).toBe(
      'ADVM is the DNS server in charge of every name that ends in azurestack.local, its zone: it looks the name up in its own records and answers with an A record, the address clients should use for the portal. ' +
        'Several servers may stand behind a name; which address does a client get?',
    );
    expect(glossSegments(answer!.caption).find((s) => s.text === 'zone')?.key).toBe('term/zone');
  });

  it('explains each term where a newcomer first meets it: BGP, MUX, SYN, AS, router id, KEEPALIVE, DNS, default gateway, ARP', () => {
    const [tcp179, open] = resolve('vip-route').chapters;
    // Lesson 1's first question names "MuxVM's SYN", and its caption never said what a SYN, BGP or a MUX is.
    expect(tcp179!.caption).toBe(
      'The portal lives at a virtual address (a VIP), 192.168.133.74, that no network card owns. ' +
        "MuxVM, the load balancer's MUX (multiplexer), must tell the router BGPVM to send VIP traffic its way. " +
        "Routers share routes in BGP (Border Gateway Protocol), over TCP. Watch MuxVM's first packet, a SYN, ask BGPVM to connect.",
    );
    expect(open!.caption).toBe(
      'Once TCP is up, each side sends an OPEN: its AS number (an autonomous system is one party\'s network, and BGP tells them apart by number), ' +
        'its router id (a name for the router, written like an address) and a hold time: "if you hear nothing from me for this long, forget my routes". ' +
        'Each side answers the other\'s OPEN with a KEEPALIVE, a short "I am still here", and a side whose OPEN is answered is Established: ready to exchange routes. ' +
        "Watch MuxVM's side get there first.",
    );
    const [query] = resolve('find-portal').chapters;
    expect(query!.caption).toContain('so ClientVM first asks the server that turns names into addresses, its DNS server, ADVM (192.168.100.2)');
    const [client] = resolve('to-the-vip').chapters;
    expect(client!.caption).toContain('so ClientVM hands the packet to its default gateway: the router it sends everything outside its own network to.');
    const [, , givesUp] = resolve('mux-dies').chapters;
    expect(givesUp!.caption).toContain('and ARP, by which a device asks its network who has an address, asks for MuxVM in vain.');
  });

  it('says how the MUX chose and where it sent the packet in sentences, not its trace\'s shorthand', () => {
    // They read "Rule portal-https matches 192.168.133.74 TCP port 443; the 5-tuple hash of the connection, 4160994574, picks
    // DIP 192.168.100.9:443 (1 DIP)." and "VXLAN: outer IPv4 192.168.233.6 -> 192.168.233.21 (HyperVHost's PA), UDP 62771 -> 4789, VNI 4096."
    expect(answerOf('the-mux', 'how-chosen').why).toBe(
      "MuxVM's load-balancing rule portal-https, a row of its SLB rules (SLB: Software Load Balancer), is for the VIP 192.168.133.74, port 443. MuxVM computes a number from the connection's 5-tuple (its two addresses, two ports and protocol), here 4160994574, and that number picks the server: the DIP 192.168.100.9, port 443, which is PortalVM.",
    );
    expect(answerOf('the-mux', 'outer-dst').why).toBe(
      "MuxVM addresses the outer packet from its own provider address, 192.168.233.6, to 192.168.233.21, the provider address of HyperVHost, the Hyper-V host where PortalVM runs. Its UDP header goes to port 4789, VXLAN's, and the VXLAN header carries the virtual network's id, VNI 4096.",
    );
  });

  it('ends a chapter on a route or a session in words in presenter mode, not in the event\'s log line', () => {
    // Presenter mode shows a chapter's end event: it read "MuxVM: BGP session with 192.168.100.1 (AS 64647) OpenConfirm ->
    // Established: MuxVM: session with ... established; KEEPALIVE every 60 s (inferred: a third of the hold time, ..."
    expect(resolve('vip-route').chapters.map((c) => c.endNote)).toEqual([
      undefined,
      "MuxVM's side of its BGP session with BGPVM is Established: BGPVM answered MuxVM's OPEN, and MuxVM may now announce its routes.",
      'BGPVM has put 192.168.133.74/32 in its routing table: next hop 192.168.100.6, MuxVM, which announced it over BGP.',
    ]);
    const [, , givesUp, loop] = resolve('mux-dies').chapters;
    expect(givesUp!.endNote).toBe("BGPVM's BGP session with MuxVM is down: TCP gave up resending to MuxVM. Every route MuxVM announced goes with it.");
    expect(loop!.endNote).toBe('The SYN\'s TTL ran out at BGPVM: BGPVM dropped it and sent 192.168.200.10, ClientVM, an ICMP "time exceeded" message to say so.');
    expect(answerOf('to-the-vip', 'bgp-route').why).toBe('Of the routes in BGPVM\'s routing table that hold 192.168.133.74, the longest prefix, the most specific, is 192.168.133.74/32 (that one address), a BGP route: its neighbour 192.168.100.6 announced it over BGP.');
    expect(resolve('two-muxes').chapters[0]!.endNote).toBe('BGPVM has put a second route to 192.168.133.74/32 in its routing table: next hop 192.168.100.8, MuxVM2, which announced it over BGP. It now holds one route through each MUX.');
  });

  it('reads addresses and route kinds from the hops', () => {
    expect(answerOf('find-portal', 'a-record').answer).toBe('192.168.133.74');
    expect(answerOf('to-the-vip', 'ttl').answer).toBe('127');
    expect(answerOf('to-the-vip', 'bgp-route').answer).toBe('bgp');
    expect(answerOf('the-mux', 'how-chosen').answer).toBe('hash');
    expect(answerOf('the-mux', 'outer-dst').answer).toBe('192.168.233.21');
    expect(answerOf('vfp-on-host', 'first-act').answer).toBe('decapsulate');
    expect(answerOf('vfp-on-host', 'dst-after').answer).toBe('192.168.100.9');
    expect(answerOf('vfp-on-host', 'flow-use').answer).toBe('rewrite-reply');
    expect(answerOf('way-back', 'src-after').answer).toBe('192.168.133.74');
    expect(answerOf('way-back', 'via-mux').answer).toBe('no');
  });

  it('asks in VFP\'s first chapter what the VXLAN frame on screen shows: the inner destination, among the outer addresses and the DIP', () => {
    const [unwrap, rewrite] = resolve('vfp-on-host').chapters;
    const q = unwrap!.questions.find((x) => x.id === 'inner-dst')!;
    expect(q.answer).toBe('192.168.133.74');
    // The outer destination (the host's PA), the DIP (as if the MUX had rewritten it) and the outer source (MuxVM's PA).
    expect(q.choices.map((c) => c.id)).toEqual(['192.168.100.9', '192.168.133.74', '192.168.233.6', '192.168.233.21']);
    expect(q.why).toBe(
      'The inner IPv4 header still reads from 192.168.200.10 to 192.168.133.74: MuxVM did not change the packet, it wrapped it. ' +
        "192.168.233.21 is the outer header's destination, the host's provider address, and 192.168.233.6 is MuxVM's. No header of this frame names the server's own address yet.",
    );
    // Asked once the VXLAN frame has arrived, so it is on screen; the chapter ends there, before VFP delivers the SYN
    // whose rewritten destination chapter 2 asks for.
    const session = createRunSession();
    const run = session.run(topology, LESSONS.find((l) => l.id === 'vfp-on-host')!.request);
    if (!run.ok) throw new Error(run.error.message);
    const vxlan = run.value.transmissions.find((t) => t.flowId === 'flow' && t.fromNode === 'MuxVM' && t.summary.includes('VXLAN'))!;
    expect(q.about).toEqual({ time: vxlan.arrive });
    expect(unwrap!.end).toBe(vxlan.arrive);
    expect(unwrap!.endEvent).toBeUndefined();
    // The field the chapter points at is named for which of the frame's two IPv4 headers holds it.
    expect(unwrap!.field?.label).toBe('inner IPv4 destination address');
    expect(rewrite!.questions.find((x) => x.id === 'dst-after')!.about.time).toBeGreaterThan(unwrap!.end);
    expect(q.why).not.toContain(rewrite!.questions.find((x) => x.id === 'dst-after')!.answer);
  });

  it('reads the black hole, the hold timer and the loop from the failure run', () => {
    expect(answerOf('mux-dies', 'route-after-death').answer).toBe('still');
    expect(answerOf('mux-dies', 'void-next').answer).toBe('MuxVM');
    expect(answerOf('mux-dies', 'client-retries').answer).toBe('retransmit');
    expect(answerOf('mux-dies', 'why-removed').answer).toBe('tcp-gave-up');
    // The two clocks, from the run: TCP's limit ran out 18.9 s after the KEEPALIVE, long before the hold timer.
    expect(answerOf('mux-dies', 'why-removed').why).toBe(
      'BGPVM sent MuxVM a BGP message at 48.633 s and nothing acknowledged it: TCP sent it again 5 times, waiting twice as long each time, and gave up at 67.533 s. ' +
        "BGP's own clock, the 180 s hold timer agreed in the OPEN messages, would have run out only at 180.001 s, 180 s after BGPVM last heard from MuxVM (at 0.001 s). " +
        "TCP's clock ran out first: BGPVM closed its BGP session with MuxVM and removed every route MuxVM had announced, the VIP's 192.168.133.74/32 among them.",
    );
    expect(answerOf('mux-dies', 'loop-next').answer).toBe('NATVM');
    expect(answerOf('mux-dies', 'loop-end').answer).toBe('ttl-exceeded');
    // Asked as the SYN comes round to BGPVM a second time, over a hundred hops (10 ms) before it dies: at its death the diagram marks
    // "flow (attempt 2) died: TTL exceeded", which is the answer.
    const loop = resolve('mux-dies').chapters[3]!;
    const [first, again] = loop.questions.map((q) => q.about.time);
    expect(again).toBeGreaterThan(first!);
    expect(loop.end - again!).toBeGreaterThan(10_000);
    expect(answerOf('mux-dies', 'loop-end').why).toMatch(/NATVM's static route for 192\.168\.133\.0\/24 sends it to BGPVM, and BGPVM's default route/);
  });

  it('tells the run\'s own times and values in its text: a failure at another time, another wait', () => {
    const def = LESSONS.find((l) => l.id === 'mux-dies')!;
    const later = { ...def, request: { ...def.request, whatIf: [{ action: 'fail' as const, target: 'MuxVM', at: 3_500_000 }], flowAt: [9_000_000, 200_000_000] } };
    const session = createRunSession();
    const run = session.run(topology, later.request);
    if (!run.ok) throw new Error(run.error.message);
    const r = session.resolveLesson(later);
    if (!r.ok) throw new Error(r.error.map((f) => f.message).join('\n'));
    expect(r.value.chapters[0]!.caption).toMatch(/^At 3\.5 s into the run, MuxVM fails/);
    expect(r.value.chapters[1]!.caption).toMatch(/^5\.5 s after MuxVM died, ClientVM opens the portal/);
    // The TTL in the prompt is the one ClientVM's SYN carries.
    const ttl = resolve('to-the-vip').chapters[1]!.questions.find((q) => q.id === 'ttl')!;
    const synTtl = createRunQuery(run.value, 'CCI_External_vSwitch').frames.find((f) => f.tx.fromNode === 'ClientVM' && f.tx.flowId === 'flow')!.layers.find((l) => l.type === 'ipv4');
    expect(ttl.prompt).toBe(`ClientVM sent the SYN with TTL ${synTtl?.type === 'ipv4' ? synTtl.ttl : '?'}. What is its TTL when it leaves NATVM?`);
    const failover = resolve('two-muxes').chapters[2]!.caption;
    // Counted from the failure, said so; and no event list is promised "below": presenter mode shows none.
    expect(failover).toContain('198 s after MuxVM2 failed, ClientVM opens a new connection.');
    expect(failover).not.toContain('listed below');
  });

  it('explains every answer in sentences: each why ends with a full stop', () => {
    const unfinished = LESSONS.flatMap((def) => resolve(def.id).chapters.flatMap((c) => c.questions.filter((q) => !/[.!?]\)?$/.test(q.why)).map((q) => `${def.title}, ${q.id}: ${q.why}`)));
    expect(unfinished).toEqual([]);
  });

  it('does not tell, before its questions, that a MUX remembers the server: the engine\'s MUX hashes and keeps no state', () => {
    const [, hash] = resolve('two-muxes').chapters;
    // "The MUX" teaches that the hash alone sends a connection's packets to one server; this caption said the opposite.
    expect(hash!.caption).toBe('ClientVM connects. BGPVM now holds two equal routes to the VIP, one through each MUX. Which does this connection take, and why? Follow the SYN.');
    expect(answerOf('the-mux', 'how-chosen').debrief).toContain('without the MUX having to remember anything');
  });

  it('asks of the hash what a student can reason out, that a connection sticks to the MUX its SYN took, not which MUX a hash picks', () => {
    // "Which device does the hash send it to?" was a coin toss between the two MUXes: nothing on screen tells a hash's pick.
    const [, hash] = resolve('two-muxes').chapters;
    expect(hash!.questions.map((q) => q.id)).toEqual(['which-route', 'sticks']);
    const q = answerOf('two-muxes', 'sticks');
    expect(q.prompt).toBe("The hash sent this connection's SYN through MuxVM2. Which way will its next packets go?");
    expect(q.choices.map((c) => c.id)).toEqual(['same', 'alternate', 'both', 'less-busy']);
    expect(q.answer).toBe('same');
    expect(q.why).toBe(
      "All 5 packets ClientVM sent on this connection after its SYN went through MuxVM2 too, while both MUXes were up: they carry the SYN's addresses and ports, so BGPVM's hash picks the same route for each.",
    );
    // Asked once the SYN has gone through MuxVM2, so the prompt tells what the screen shows.
    expect(q.about.time).toBeGreaterThan(answerOf('two-muxes', 'which-route').about.time);
  });

  it('reads ECMP, the hash and the failover from the two-MUX run', () => {
    expect(answerOf('two-muxes', 'how-many').answer).toBe('2');
    expect(answerOf('two-muxes', 'which-route').answer).toBe('ecmp');
    expect(answerOf('two-muxes', 'failover-next').answer).toBe('MuxVM');
    expect(answerOf('two-muxes', 'why-other').answer).toBe('route-removed');
  });

  it('explains the two routes and the hash in words, not in the routing table\'s shorthand', () => {
    // It read "BGPVM installs 192.168.133.74/32 via 192.168.100.6 (BGP from 192.168.100.6 (AS 64628), AS path 64628). ..." and
    // "Route 192.168.133.74/32 via 192.168.100.8 (MuxVM2) out of mgmt, source bgp from ...": an interface's id and a
    // table's column names where a student needs to hear that each MUX gave BGPVM a route and a hash picks one.
    expect(answerOf('two-muxes', 'how-many').why).toBe(
      'BGPVM has installed 192.168.133.74/32 twice, once from each MUX: via 192.168.100.6 (MuxVM) and via 192.168.100.8 (MuxVM2). Each MUX announced the VIP over BGP with itself as next hop.',
    );
    expect(answerOf('two-muxes', 'which-route').why).toBe(
      "BGPVM's two routes to 192.168.133.74/32 are equally good, so it keeps both and a hash of this connection's addresses and ports picks one: for this SYN, the route via 192.168.100.8 (MuxVM2).",
    );
    // After the failover: the route that is left, said as a route through a MUX ("out of mgmt, source bgp" before).
    expect(answerOf('two-muxes', 'why-other').why).toBe(
      'BGPVM removed its route to 192.168.133.74/32 through MuxVM2 (192.168.100.8): TCP gave up resending to MuxVM2, and the BGP session with it went down. The one route to 192.168.133.74/32 left goes via 192.168.100.6 (MuxVM), so every new connection takes it.',
    );
  });

  it('offers the likeliest wrong answers: the destination of the path asked about, the address before a rewrite', () => {
    // The DNS query goes to ADVM: a student may think NATVM sends it straight there.
    expect(answerOf('find-portal', 'after-nat').choices.map((c) => c.id)).toContain('ADVM');
    // The reply may be thought to pass the MUX it came through.
    expect(answerOf('way-back', 'portal-next').choices.map((c) => c.id)).toContain('MuxVM');
    // The reply left PortalVM from the DIP: the address VFP rewrote is among the choices.
    expect(answerOf('way-back', 'src-after').choices.map((c) => c.id)).toContain('192.168.100.9');
  });

  it('explains every answer with the engine\'s why, and offers the answer among other real choices', () => {
    const q = answerOf('to-the-vip', 'bgp-next');
    expect(q.why).toMatch(/192\.168\.133\.74\/32/);
    expect(q.choices.length).toBeGreaterThanOrEqual(3);
    expect(q.choices.map((c) => c.id)).not.toContain('BGPVM');
  });
});

describe('the last words a newcomer stumbles on', () => {
  it('says how the looping SYN ends in words, not in the engine\'s loop explanation', () => {
    // It read "The TTL ran out at BGPVM: routing loop between NATVM and BGPVM: for 192.168.133.74, NATVM matches
    // 192.168.133.0/24 (static) via 192.168.200.2, while BGPVM matches 0.0.0.0/0 (static) via 192.168.200.1; ..."
    expect(answerOf('mux-dies', 'loop-end').why).toBe(
      'The SYN goes round in a circle. For 192.168.133.74, NATVM\'s static route for 192.168.133.0/24 sends it to BGPVM, and BGPVM\'s default route, 0.0.0.0/0, sends it back to NATVM: ' +
        'neither has a more specific route. Each router takes one off the TTL, which ClientVM set to 128: after 127 router hops it is down to 1, ' +
        'and BGPVM, which would take it to 0, drops the SYN and sends ClientVM an ICMP "time exceeded" message. It never reaches PortalVM.',
    );
  });

  it('names the device and the network card where VFP puts the VIP back, in words, not as "PortalVM.eth0"', () => {
    const reply =
      "The reply leaves PortalVM through its network card with the DIP, 192.168.100.9, and enters the host's virtual switch. " +
      "VFP, which filters that card's traffic, finds the connection it recorded on the way in and puts the VIP back as the source: 192.168.100.9 port 443 becomes 192.168.133.74 port 443. " +
      'Then it goes straight on to BGPVM, not back through the MUX: this is Direct Server Return.';
    expect(answerOf('vfp-on-host', 'flow-use').why).toBe(reply);
    expect(answerOf('way-back', 'src-after').why).toBe(reply);
    expect(answerOf('way-back', 'via-mux').why).toBe(`The SYN-ACK went from PortalVM through BGPVM to ClientVM. ${reply}`);
    const eth0 = LESSONS.flatMap((def) => resolve(def.id).chapters.flatMap((c) => [c.caption, c.endNote ?? '', ...c.questions.flatMap((q) => [q.why, q.debrief ?? ''])])).filter((t) => /\w\.eth\d/.test(t));
    expect(eth0).toEqual([]);
  });

  it('points at the announced route by a newcomer\'s name, the RFC\'s term in parentheses', () => {
    const [, , update] = resolve('vip-route').chapters;
    expect(update!.field?.label).toBe('BGP announced route (NLRI)');
    expect(glossSegments('announced route (NLRI)').find((s) => s.text === 'NLRI')?.key).toBe('term/NLRI');
  });

  it('ends "Into the void" on why the connection failed and what it means, not on Windows\' setting names', () => {
    // It read "ClientVM gives up connecting to 192.168.133.74:443: no SYN-ACK to 3 SYNs in 21 s (Windows:
    // TcpMaxConnectRetransmissions 2, first retransmission timeout (RTO) 3 s)".
    const [, voided] = resolve('mux-dies').chapters;
    expect(voided!.endNote).toBe(
      'ClientVM gave up on the connection: it sent 3 SYNs over 21 s and no SYN-ACK came back, because BGPVM still sends everything for the VIP to the dead MuxVM. ' +
        'Whoever opened the portal sees a page that never loads, although PortalVM itself is up. ' +
        '(Windows sends a SYN again at most 2 times before it gives up; that limit is its TcpMaxConnectRetransmissions setting.)',
    );
  });
});

describe('every lesson read as a newcomer who has never seen Azure Stack', () => {
  /** Every text a lesson shows: captions, field and table labels, prompts, choices, answers, debriefs and end notes. */
  const textsOf = (id: string) =>
    resolve(id).chapters.flatMap((c) => [
      c.caption,
      c.field?.label ?? '',
      c.table?.label ?? '',
      c.endNote ?? '',
      ...c.questions.flatMap((q) => [q.prompt, ...q.choices.map((x) => x.label), q.why, q.debrief ?? '']),
    ]);

  it('uses none of the engine\'s shorthand: arrows, "(inferred", switch ports, address:port, log lines', () => {
    const shorthand = / -> |→|\(inferred|\b[A-Z]\w*\.(?:eth|mgmt|pa|transit|inside)\w*\b|\d+\.\d+\.\d+\.\d+:\d+|learned from .*\(AS \d+\)|\(Windows:/;
    const found = LESSONS.flatMap((def) => textsOf(def.id).filter((t) => shorthand.test(t)).map((t) => `${def.title}: ${t}`));
    expect(found).toEqual([]);
  });

  it('says what ClientVM does when no SYN-ACK comes, from the run\'s times, not as TCP\'s log', () => {
    expect(answerOf('mux-dies', 'client-retries').why).toBe(
      'No SYN-ACK came back, so ClientVM sent the SYN again 3 s after the first, and again 6 s after that: it waits twice as long each time. ' +
        'After 12 s more with no answer it gave up: 3 SYNs in 21 s. TCP only repeats itself: it does not ask DNS again or look for another MUX.',
    );
  });

  it('says which routes went with a BGP session, and why, in words', () => {
    expect(answerOf('mux-dies', 'why-removed').why).toMatch(
      / TCP's clock ran out first: BGPVM closed its BGP session with MuxVM and removed every route MuxVM had announced, the VIP's 192\.168\.133\.74\/32 among them\.$/,
    );
    expect(answerOf('two-muxes', 'why-other').why).toBe(
      'BGPVM removed its route to 192.168.133.74/32 through MuxVM2 (192.168.100.8): TCP gave up resending to MuxVM2, and the BGP session with it went down. ' +
        'The one route to 192.168.133.74/32 left goes via 192.168.100.6 (MuxVM), so every new connection takes it.',
    );
    expect(answerOf('mux-dies', 'loop-end').debrief).toBe(
      'Removing a route does not stop the traffic: the less specific routes left behind decide where it goes, here round in a circle. Only the TTL keeps a packet from circling forever.',
    );
  });

  it('says what a header or a rewrite holds in sentences: from and to, an address and its port', () => {
    expect(answerOf('to-the-vip', 'ttl').why).toBe('NATVM takes one off the TTL as it forwards the SYN: 128 becomes 127.');
    expect(answerOf('vfp-on-host', 'inner-dst').why).toBe(
      'The inner IPv4 header still reads from 192.168.200.10 to 192.168.133.74: MuxVM did not change the packet, it wrapped it. ' +
        "192.168.233.21 is the outer header's destination, the host's provider address, and 192.168.233.6 is MuxVM's. No header of this frame names the server's own address yet.",
    );
    expect(answerOf('vfp-on-host', 'first-act').why).toBe(
      'VFP first removes the outer headers MuxVM added: Ethernet, IPv4 (from 192.168.233.6 to 192.168.233.21), UDP (to port 4789) and VXLAN (virtual network 4096). What is left is the inner packet.',
    );
    expect(answerOf('vfp-on-host', 'dst-after').why).toBe(
      "VFP changes the destination from the VIP, 192.168.133.74 port 443, to the DIP, 192.168.100.9 port 443, as the load balancer's rule portal-https says, " +
        'and records the connection in its flow table, its list of the connections it has seen and what it did to each.',
    );
    expect(answerOf('find-portal', 'skipped').why).toMatch(/^The query went from ClientVM through NATVM and BGPVM to ADVM; the answer came back from ADVM through BGPVM to ClientVM\. BGPVM looks up/);
  });

  it('explains a word where the lessons first use it: DIP, gateway, prefix, VXLAN, provider address, flow table, port 443, SYN-ACK, MAC, BGP speaker', () => {
    expect(answerOf('vip-route', 'next-hop').why).toBe(
      'The UPDATE\'s NEXT_HOP attribute, the field that says where to send the traffic, is 192.168.100.6, MuxVM\'s own address: "send traffic for these VIPs to me". 192.168.133.74 is the VIP itself, ' +
        "192.168.100.9 is PortalVM's own address (its DIP), the server behind the VIP, and 192.168.200.1 is NATVM, the router ClientVM sends all its traffic through.",
    );
    expect(answerOf('vip-route', 'bgp-port').why).toMatch(/^The SYN's destination port is 179: routers that speak BGP listen on TCP port 179 \(RFC 4271\)\./);
    const [client, , bgp] = resolve('to-the-vip').chapters;
    expect(client!.caption).toBe(
      'ClientVM now knows the VIP, 192.168.133.74, and opens a TCP connection to port 443, the port of secure web pages (HTTPS), with a SYN. ' +
        "The VIP is not in ClientVM's own network, so ClientVM hands the packet to its default gateway: the router it sends everything outside its own network to.",
    );
    expect(bgp!.caption).toBe(
      'BGPVM has several routes that match 192.168.133.74. A route holds a range of addresses, its prefix: the number after the slash says how much of the address is fixed, ' +
        '/24 its first three numbers (256 addresses), /32 all four (one address). When several match, the longest prefix wins: the most specific route. ' +
        "Open BGPVM's routing table and find it.",
    );
    const [, encap] = resolve('the-mux').chapters;
    expect(encap!.caption).toBe(
      'MuxVM does not change the packet. It wraps it in VXLAN, which carries a virtual network\'s packets inside ordinary UDP packets: ' +
        "a new outer Ethernet, IPv4 and UDP header (port 4789) and a VXLAN header with the virtual network's id (VNI). " +
        "The outer packet is addressed to the provider address (PA) of the Hyper-V host where PortalVM runs: the host's own address on the physical network beneath the VMs. " +
        'The original packet rides inside, untouched.',
    );
    expect(answerOf('the-mux', 'how-chosen').choices.map((c) => c.label)).toContain("The client's hardware (MAC) address");
    expect(answerOf('the-mux', 'how-chosen').why).toMatch(/^MuxVM's load-balancing rule portal-https, a row of its SLB rules \(SLB: Software Load Balancer\), is for the VIP 192\.168\.133\.74, port 443\./);
    expect(resolve('two-muxes').chapters[0]!.caption).toMatch(/^This network has a second MUX, MuxVM2\. Both have a BGP session with BGPVM and both announce the VIP as 192\.168\.133\.74\/32,/);
    const [answer] = resolve('way-back').chapters;
    expect(answer!.caption).toMatch(/^PortalVM accepts the connection and answers with a SYN-ACK, TCP's "yes" to a SYN, from its own address \(the DIP\) to ClientVM\./);
  });
});
