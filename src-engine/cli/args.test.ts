import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args';

const base = ['--from', 'ClientVM', '--to', 'https://portal.azurestack.local'];
const errorOf = (...argv: string[]) => {
  const r = parseCliArgs([...base, ...argv]);
  return r.ok ? undefined : r.error;
};

describe('parseCliArgs', () => {
  it('reads blank numbers as errors, never as 0', () => {
    expect(errorOf('--seed', '')).toBe('--seed must be a whole number, e.g. --seed 7');
    expect(errorOf('--seed', '  ')).toBe('--seed must be a whole number, e.g. --seed 7');
    expect(errorOf('--fail', 'MuxVM', '--fail-at', '')).toBe('--fail-at must be a number of seconds, e.g. --fail-at 1');
    expect(errorOf('--seed', '0x10')).toBe('--seed must be a whole number, e.g. --seed 7');
  });

  it('holds what-if times and counts to their documented maxima', () => {
    expect(errorOf('--fail', 'MuxVM', '--fail-at', '601')).toBe('--fail-at must be at most 600 seconds');
    expect(errorOf('--fail', 'MuxVM', '--restore-at', '1e9')).toBe('--restore-at must be at most 600 seconds');
    expect(errorOf(...Array.from({ length: 33 }, () => ['--fail', 'MuxVM']).flat())).toMatch(/more than 32 times/);
    const ok = parseCliArgs([...base, '--fail', 'MuxVM', '--fail-at', '600']);
    expect(ok.ok && ok.value['fail-at']).toBe(600);
  });

  it('holds flow start times to the latest start a run allows, as the engine does', () => {
    expect(parseCliArgs([...base, '--flow-at', '5s,3540s'])).toMatchObject({ ok: true, value: { 'flow-at': [5, 3540] } });
    expect(parseCliArgs([...base, '--flow-at', '3540000ms'])).toMatchObject({ ok: true, value: { 'flow-at': [3540] } });
    expect(errorOf('--flow-at', '5s,3600s')).toBe('--flow-at: 3600s is too late: a flow starts at most at 3540 s, as an attempt may take 60 s and a run simulates at most 3600 s; give an earlier time, e.g. --flow-at 3540s');
    expect(errorOf('--flow-at', '3540.001')).toBe('--flow-at: 3540.001 is too late: a flow starts at most at 3540 s, as an attempt may take 60 s and a run simulates at most 3600 s; give an earlier time, e.g. --flow-at 3540s');
  });

  it('refuses an option of one value given twice, so no value goes unchecked; --fail and --mtu may repeat', () => {
    expect(errorOf('--seed', ' ', '--seed', '477')).toBe('--seed is given twice: give it once (only --fail and --mtu may repeat).');
    expect(errorOf('--json', '--json')).toBe('--json is given twice: give it once (only --fail and --mtu may repeat).');
    expect(parseCliArgs(['--from', 'ClientVM', '--from', 'NATVM', '--to', 'a'])).toEqual({ ok: false, error: '--from is given twice: give it once (only --fail and --mtu may repeat).' });
    expect(errorOf('--fail', 'MuxVM', '--fail', 'BGPVM')).toBeUndefined();
  });

  it('caps long text', () => {
    expect(parseCliArgs(['--from', 'ClientVM', '--to', 'a'.repeat(301)])).toMatchObject({ ok: false, error: expect.stringMatching(/^--to is longer than 300 characters/) });
    expect(parseCliArgs(['--from', 'x'.repeat(64), '--to', 'a'])).toMatchObject({ ok: false, error: expect.stringMatching(/^--from is longer than 63/) });
  });
});
