import { describe, expect, it } from 'vitest';
import { checkSeed, describeSettings, runBSettings, whatIfChoices } from './runBForm';

describe('whatIfChoices', () => {
  it("offers run A's what-ifs (a failure and its restore as one) first, then a failure of each other node", () => {
    const a = { whatIf: [{ action: 'fail' as const, target: 'MuxVM', at: 2_000_000 }, { action: 'restore' as const, target: 'MuxVM', at: 30_000_000 }] };
    const choices = whatIfChoices(a, ['BGPVM', 'MuxVM', 'NATVM']);
    expect(choices.map((c) => [c.key, c.label, c.inA])).toEqual([
      ['a:MuxVM', 'MuxVM fails at 2 s, comes back at 30 s', true],
      ['new:BGPVM', 'BGPVM fails at 1 s', false],
      ['new:NATVM', 'NATVM fails at 1 s', false],
    ]);
    expect(choices[0]!.whatIfs).toEqual(a.whatIf);
  });
});

describe('checkSeed', () => {
  it('takes empty (the default), 0 and 2^32 - 1, and refuses the rest with a message that says how to fix it', () => {
    expect(checkSeed('  ')).toEqual({ ok: true });
    expect(checkSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(checkSeed('4294967295')).toEqual({ ok: true, seed: 4294967295 });
    for (const bad of ['4294967296', '-1', '1.5', 'seven', '1e3']) {
      const r = checkSeed(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toBe(`The seed must be a whole number from 0 to 4294967295, not "${bad}". Leave it empty to use run A's.`);
    }
  });
});

describe('runBSettings', () => {
  it('gathers the checked what-ifs in time order, the knobs that are on and the seed', () => {
    const choices = whatIfChoices({ whatIf: [{ action: 'fail', target: 'NATVM', at: 3_000_000 }] }, ['MuxVM']);
    expect(runBSettings(choices, new Set(['a:NATVM', 'new:MuxVM']), { secondMux: true, icmpRedirects: false }, 7)).toEqual({
      whatIf: [
        { action: 'fail', target: 'MuxVM', at: 1_000_000 },
        { action: 'fail', target: 'NATVM', at: 3_000_000 },
      ],
      knobs: { secondMux: true },
      seed: 7,
    });
    expect(runBSettings(choices, new Set(), { secondMux: false }, undefined)).toEqual({});
  });
});

describe('describeSettings', () => {
  it('says what a run changes, or that nothing fails', () => {
    expect(describeSettings({}, 1)).toBe('nothing fails; seed 1');
    expect(describeSettings({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }], knobs: { secondMux: true } }, 9)).toBe('MuxVM fails at 1 s, a second MUX; seed 9');
  });
});
