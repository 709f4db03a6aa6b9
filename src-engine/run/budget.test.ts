// Bounded work: a request or topology that would make a run endless stops at its budget with a disposition
// that says so; malformed requests are typed errors; many VIPs are announced in several BGP UPDATEs.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import { generateTopology } from '../scenarios/generate';
import { LIMITS } from '../limits';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { pocTopology } from './fixtures';
import { simulate } from './simulate';

const S = 1_000_000;
const preset = { from: 'ClientVM', to: 'https://portal.azurestack.local' };

describe('run budget', () => {
  it('stops at the event budget with disposition budget-exceeded and says why', () => {
    const r = simulate(pocTopology(), preset, { full: true }, { simTime: LIMITS.simTime, events: 50 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.result.trace.disposition).toBe('budget-exceeded');
    // With where the run stopped, in simulated seconds.
    expect(r.value.result.trace.reason).toBe('the run stopped after 50 simulated events, the most one run may take, at 1.000 s');
  });

  it('does not start a flow after the simulated-time budget', () => {
    const doc = structuredClone(POC_TOPOLOGY);
    doc.bgp!.holdTime = 65535;
    const t = parseTopology(doc);
    if (!t.ok) throw new Error(t.error[0]!.message);
    const r = simulate(t.value, { ...preset, whatIf: [{ action: 'fail', target: 'MuxVM', at: 600 * S }] });
    if (!r.ok) throw new Error(r.error.message);
    // The attempt inside the (huge) hold time runs; the one after it would start past the budget.
    expect(r.value.result.attempts.map((a) => a.disposition)).toEqual(['node-down', 'budget-exceeded']);
    expect(r.value.result.attempts[1]).toMatchObject({ disposition: 'budget-exceeded', reason: 'the flow would start at 66140.0 s, too late to end within the 3600 s a run may simulate (an attempt may take 60 s, so it starts at most at 3540 s); move the what-ifs earlier' });
    expect(r.value.result.endTime).toBeLessThanOrEqual(LIMITS.simTime);
  });

  it('does not start an attempt too late to end within the simulated-time budget, and says so', () => {
    const run = (holdTime: number) => {
      const doc = structuredClone(POC_TOPOLOGY);
      doc.bgp!.holdTime = holdTime;
      const t = parseTopology(doc);
      if (!t.ok) throw new Error(t.error[0]!.message);
      const r = simulate(t.value, { ...preset, whatIf: [{ action: 'fail', target: 'MuxVM', at: 600 * S }] });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.result;
    };
    // The second attempt comes 5 s after the hold time: 600 + 2955 + 5 = 3560 s, past the latest start (3540 s).
    const late = run(2955);
    expect(late.attempts.map((a) => [a.startedAt, a.disposition])).toEqual([[605 * S, 'node-down'], [3560 * S, 'budget-exceeded']]);
    expect(late.attempts[1]!.reason).toBe('the flow would start at 3560.0 s, too late to end within the 3600 s a run may simulate (an attempt may take 60 s, so it starts at most at 3540 s); move the what-ifs earlier');
    // Nothing of it happens: no attempt announced, no DNS query, no frame from ClientVM.
    expect(late.events.filter((e) => e.kind === 'flow-attempt')).toEqual([]);
    expect(late.transmissions.filter((x) => x.fromNode === 'ClientVM' && x.time >= 3000 * S)).toEqual([]);
    // At exactly the latest start it runs (into the NATVM <-> BGPVM loop once BGPVM withdrew the dead MUX's
    // routes), and ends within the budget.
    const last = run(2935);
    expect(last.attempts.map((a) => [a.startedAt, a.disposition])).toEqual([[605 * S, 'node-down'], [3540 * S, 'ttl-exceeded']]);
    expect(last.endTime).toBeLessThanOrEqual(LIMITS.simTime);
  });

  it('runs a flow asked for at the latest start to its end; one later is refused before anything runs', () => {
    const r = simulate(pocTopology(), { ...preset, flowAt: [LIMITS.latestFlowStart] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.result.trace).toMatchObject({ startedAt: 3540 * S, disposition: 'delivered' });
    expect(r.value.result.dnsTrace?.disposition).toBe('delivered');
    const late = simulate(pocTopology(), { ...preset, flowAt: [LIMITS.simTime] });
    expect(late.ok || late.error).toEqual({
      code: 'bad-flow-at',
      path: 'flowAt[0]',
      message: 'flowAt[0]: a flow start time is at most 3540000000 µs (3540 s): an attempt may take 60 s, and a run simulates at most 3600 s. Give each flow start time from 0 to 3540 s (seconds on the command line, e.g. --flow-at 5s,200s), at most 8 of them.',
    });
  });

  it('rejects what-ifs past their documented maxima, and malformed requests, as typed errors', () => {
    const t = pocTopology();
    const late = simulate(t, { ...preset, whatIf: [{ action: 'fail', target: 'MuxVM', at: LIMITS.whatIfTime + 1 }] });
    expect(late.ok || late.error).toMatchObject({ code: 'bad-what-if', path: 'whatIf[0].at' });
    const many = simulate(t, { ...preset, whatIf: Array.from({ length: LIMITS.whatIfs + 1 }, () => ({ action: 'fail' as const, target: 'MuxVM', at: S })) });
    expect(many.ok || many.error).toMatchObject({ code: 'bad-what-if', path: 'whatIf' });
    const seed = simulate(t, { ...preset, seed: 1.5 });
    expect(seed.ok || seed.error).toMatchObject({ code: 'bad-request', path: 'seed' });
    const long = simulate(t, { ...preset, to: 'a'.repeat(LIMITS.destinationLength + 1) });
    expect(long.ok || long.error).toMatchObject({ code: 'bad-destination', path: 'to' });
    const junk = simulate(t, { from: 7, to: null } as never);
    expect(junk.ok).toBe(false);
  });
});

describe('many VIPs', () => {
  it('announces 2,000 VIPs in UPDATEs of at most 4,096 bytes each, and the flow is delivered', () => {
    const doc = generateTopology({ vms: 20, vips: 2000, seed: 1 });
    const t = parseTopology(doc);
    if (!t.ok) throw new Error(t.error[0]!.message);
    const r = simulate(t.value, { from: 'Client0', to: `${doc.slb!.rules[0]!.vip}:443` });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.result.trace.disposition).toBe('delivered');
    const updates = r.value.result.transmissions.filter((x) => x.protocol === 'bgp' && x.summary.includes('UPDATE'));
    const announced = new Set<string>();
    for (const u of updates) {
      const d = decodePacket(u.bytes, 'ethernet');
      if (!d.ok) throw new Error(d.error.message);
      for (const l of d.value.layers) {
        if (l.type !== 'bgp' || l.message.kind !== 'update') continue;
        for (const p of l.message.nlri) announced.add(p);
      }
    }
    expect(announced.size).toBe(2000);
    expect(updates.length).toBeGreaterThanOrEqual(3);
  });
});
