import { describe, expect, it } from 'vitest';
import { parseUrlState } from './urlParse';
import { serializeUrlState, type UrlState } from './urlState';

describe('parseUrlState', () => {
  it('reads a full link', () => {
    const { state, errors } = parseUrlState(
      '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&seed=7&whatif=fail:MuxVM@1000000,restore:MuxVM:pa@2000000&knobs=secondMux&step=12&speed=2&motion=off&text=large&hide=arp,bgp',
    );
    expect(errors).toEqual([]);
    expect(state).toEqual({
      scenario: 'poc',
      from: 'ClientVM',
      to: 'https://portal.azurestack.local',
      seed: 7,
      whatIf: [
        { action: 'fail', target: 'MuxVM', at: 1000000 },
        { action: 'restore', target: 'MuxVM:pa', at: 2000000 },
      ],
      knobs: { secondMux: true, icmpRedirects: false },
      step: 12,
      speed: 2,
      motion: 'off',
      text: 'large',
      hide: ['arp', 'bgp'],
    });
  });

  it('drops only the bad parameter, names it and says what it should be', () => {
    const { state, errors } = parseUrlState('?from=ClientVM&to=PortalVM&step=-3&seed=abc');
    expect(state).toEqual({ from: 'ClientVM', to: 'PortalVM' });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('"seed" parameter is "abc"');
    expect(errors[0]).toContain('whole number');
    expect(errors[1]).toContain('"step" parameter is "-3"');
    expect(errors[1]).toContain('the rest of the link still applies');
  });

  it('rejects a malformed what-if and an unknown knob', () => {
    const { state, errors } = parseUrlState('?whatif=explode:MuxVM@1&knobs=turbo&motion=sometimes');
    expect(state).toEqual({});
    expect(errors.map((e) => e.match(/"(\w+)" parameter/)?.[1])).toEqual(['whatif', 'knobs', 'motion']);
  });

  it('reads the MTU what-if, and says what is wrong with a bad one', () => {
    expect(parseUrlState('?mtu=pa:1500,mgmt:9000')).toEqual({ state: { mtu: [{ network: 'pa', mtu: 1500 }, { network: 'mgmt', mtu: 9000 }] }, errors: [] });
    expect(serializeUrlState({ mtu: [{ network: 'pa', mtu: 1500 }] })).toBe('?mtu=pa%3A1500');
    const { state, errors } = parseUrlState('?mtu=pa:100');
    expect(state).toEqual({});
    expect(errors[0]).toContain('"mtu" parameter is "pa:100"');
    expect(errors[0]).toContain('an MTU from 576 to 9216 bytes');
  });

  it("hands a link's destination on as written: the engine's parser alone judges it", () => {
    for (const to of ['https://portal\u202Eexe.local', 'a'.repeat(400), 'not a host', '']) {
      expect(parseUrlState(`?from=ClientVM&${new URLSearchParams({ to })}`)).toEqual({ state: { from: 'ClientVM', to }, errors: [] });
    }
  });

  it('says a destination without a source runs nothing', () => {
    const { errors } = parseUrlState('?to=PortalVM');
    expect(errors[0]).toContain('no source');
  });

  it('ignores parameters it does not know', () => {
    expect(parseUrlState('?utm_source=x&bench=bare')).toEqual({ state: {}, errors: [] });
  });
});

describe('serializeUrlState', () => {
  it('round-trips', () => {
    const state: UrlState = {
      scenario: 'poc',
      from: 'ClientVM',
      to: 'https://portal.azurestack.local',
      seed: 1,
      whatIf: [{ action: 'fail', target: 'MuxVM', at: 1000000 }],
      knobs: { secondMux: false, icmpRedirects: true },
      step: 4,
      speed: 0.5,
      motion: 'off',
      text: 'large',
      hide: ['arp'],
    };
    const search = serializeUrlState(state);
    expect(search).toBe(
      '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&seed=1&whatif=fail%3AMuxVM%401000000&knobs=icmpRedirects&step=4&speed=0.5&motion=off&text=large&hide=arp',
    );
    expect(parseUrlState(search).state).toEqual({ ...state, knobs: { secondMux: false, icmpRedirects: true } });
  });

  it('leaves defaults out', () => {
    expect(serializeUrlState({ speed: 1, motion: 'on', text: 'normal', hide: [], whatIf: [] })).toBe('');
  });

  it('does not mutate its input', () => {
    const state = Object.freeze({ from: 'ClientVM', whatIf: Object.freeze([Object.freeze({ action: 'fail' as const, target: 'MuxVM', at: 5 })]) });
    expect(() => serializeUrlState(state)).not.toThrow();
  });
});

describe('a comparison in a link', () => {
  it('reads run B (what-ifs, knobs, seed) and writes it back the same', () => {
    const search = '?from=ClientVM&to=PortalVM&compare=on&bwhatif=fail%3AMuxVM%401000000&bknobs=secondMux&bseed=9';
    const { state, errors } = parseUrlState(search);
    expect(errors).toEqual([]);
    expect(state.compare).toEqual({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }], knobs: { secondMux: true, icmpRedirects: false }, seed: 9 });
    expect(serializeUrlState(state)).toBe(search);
  });

  it('opens a run B with nothing changed when only compare=on is given', () => {
    expect(parseUrlState('?from=ClientVM&to=PortalVM&compare=on').state.compare).toEqual({});
  });

  it('names a bad run B parameter and what it should be, keeping the rest', () => {
    const { state, errors } = parseUrlState('?from=ClientVM&to=PortalVM&compare=on&bwhatif=explode:MuxVM@1&bseed=9');
    expect(state.compare).toEqual({ seed: 9 });
    expect(errors).toEqual([
      'The link\'s "bwhatif" parameter is "explode:MuxVM@1", but it should be fail:Node@time or restore:Node@time, the time in microseconds (e.g. fail:MuxVM@1000000). It was ignored; the rest of the link still applies.',
    ]);
    expect(parseUrlState('?compare=yes').errors[0]).toContain('"compare" parameter is "yes", but it should be "on"');
  });

  it('says that run B parameters without compare=on open no comparison', () => {
    const { state, errors } = parseUrlState('?from=ClientVM&to=PortalVM&bwhatif=fail:MuxVM@1000000');
    expect(state.compare).toBeUndefined();
    expect(errors).toEqual(['The link describes a run B (bwhatif, bknobs or bseed) but not "compare=on", so no comparison was opened. Add compare=on, or use "Compare with…".']);
  });
});
