// The engine's memory of the last run: tables and captures before any run, a node named in any case, the
// switch's own tables, a node down at a time, a capture writer that fails, and a failed run keeping the last one.
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../view/errors';
import { LESSONS } from '../lessons/catalog';
import { pocTopology } from './fixtures';
import { createRunSession } from './session';

const S = 1_000_000;
const REQUEST = { from: 'ClientVM', to: 'PortalVM' };

describe('the run session', () => {
  it('before any run: no tables, no capture, no lesson', () => {
    const session = createRunSession();
    expect(session.tables('ClientVM', 0)).toEqual({ ok: false, error: { code: 'no-run', message: `there is no run yet. ${ERROR_MESSAGES['no-run']}` } });
    expect(session.exportPcapng(() => new Uint8Array(1))).toEqual({ ok: false, error: { code: 'no-run', message: `there is no run yet. ${ERROR_MESSAGES['no-run']}` } });
  });

  it("finds a node whatever its case, names it as the topology does, and says whether it was up then", () => {
    const session = createRunSession();
    expect(session.run(pocTopology(), { ...REQUEST, whatIf: [{ action: 'fail', target: 'MuxVM', at: 2 * S }] }).ok).toBe(true);
    const before = session.tables('muxvm', 2 * S - 1);
    expect(before.ok && { node: before.value.node, time: before.value.time, up: before.value.up }).toEqual({ node: 'MuxVM', time: 2 * S - 1, up: true });
    const after = session.tables('MUXVM', 2 * S);
    expect(after.ok && after.value.up).toBe(false);
    expect(after.ok && after.value.tables.map((t) => t.title)).toEqual(['Interfaces', 'Routing table', 'SLB rules', 'BGP neighbours', 'ARP cache']);
    // The switch is a node of the run too.
    const sw = session.tables('cci_external_vswitch', 2 * S);
    expect(sw.ok && sw.value.node).toBe('CCI_External_vSwitch');
    expect(session.tables('NoSuchVM', 0)).toEqual({ ok: false, error: { code: 'unknown-node', message: `"NoSuchVM" is not a node of the last run. ${ERROR_MESSAGES['unknown-node']}` } });
  });

  it("writes the last run's capture at the points asked for ('vm' by default), and reports a writer that fails", () => {
    const session = createRunSession();
    session.run(pocTopology(), REQUEST);
    const counts: Record<string, number> = {};
    for (const points of [undefined, 'vm', 'switch', 'all'] as const) {
      const r = session.exportPcapng((c) => Uint8Array.of(c.packets.length), points);
      if (!r.ok) throw new Error(r.error.message);
      counts[points ?? 'default'] = r.value[0]!;
    }
    expect(counts.default).toBe(counts.vm);
    expect(counts.vm).toBeLessThan(counts.switch!);
    expect(counts.switch).toBeLessThan(counts.all!);
    const failed = session.exportPcapng(() => {
      throw new Error('disk full');
    });
    expect(failed).toEqual({ ok: false, error: { code: 'capture-failed', message: `disk full. ${ERROR_MESSAGES['capture-failed']}` } });
  });

  it("binds a lesson only to the lesson's own run", () => {
    const lesson = LESSONS[0]!;
    const session = createRunSession();
    expect(session.resolveLesson(lesson)).toEqual({ ok: false, error: [{ lesson: lesson.title, chapter: '', message: 'there is no run yet: run the lesson first' }] });
    session.run(pocTopology(), { ...lesson.request, seed: (lesson.request.seed ?? 1) + 1 });
    expect(session.resolveLesson(lesson)).toEqual({ ok: false, error: [{ lesson: lesson.title, chapter: '', message: "the last run is not this lesson's run: run the lesson's request first" }] });
    session.run(pocTopology(), lesson.request);
    const bound = session.resolveLesson(lesson);
    expect(bound.ok && bound.value.chapters.length).toBe(lesson.chapters.length);
  });

  it('a run that fails leaves the last good run in place', () => {
    const session = createRunSession();
    session.run(pocTopology(), { ...REQUEST, whatIf: [{ action: 'fail', target: 'PortalVM', at: 0 }] });
    const bad = session.run(pocTopology(), { from: 'Nowhere', to: 'PortalVM' });
    expect(bad.ok).toBe(false);
    const t = session.tables('PortalVM', 1);
    expect(t.ok && t.value.up).toBe(false);
  });

  it('a run aside (to compare) returns its result, and the last run stays the last run', () => {
    const session = createRunSession();
    session.run(pocTopology(), { ...REQUEST, whatIf: [{ action: 'fail', target: 'PortalVM', at: 0 }] });
    const aside = session.runAside(pocTopology(), REQUEST);
    expect(aside.ok && aside.value.trace.disposition).toBe('delivered');
    const t = session.tables('PortalVM', 1);
    expect(t.ok && t.value.up).toBe(false);
    const bad = session.runAside(pocTopology(), { from: 'Nowhere', to: 'PortalVM' });
    expect(bad.ok || bad.error.code).toBe('unknown-node');
  });
});

