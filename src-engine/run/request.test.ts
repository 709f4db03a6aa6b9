// A run request from outside, checked before anything runs: the first thing wrong, as a typed error whose code
// names the field's kind, whose path names the field and whose message says what is allowed.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { checkRequest } from './request';

const OK = { from: 'ClientVM', to: 'https://portal.azurestack.local' };

describe('checking a run request', () => {
  it('passes a good request through as it is, optional fields and all', () => {
    const full = { ...OK, seed: 0xffffffff, whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: LIMITS.whatIfTime }], knobs: { secondMux: true, icmpRedirects: false }, flowAt: [0, LIMITS.latestFlowStart] };
    const r = checkRequest(full);
    expect(r).toEqual({ ok: true, value: full });
    expect(r.ok && r.value).toBe(full);
    expect(checkRequest({ ...OK, from: 'x'.repeat(LIMITS.nameLength), to: 'y'.repeat(LIMITS.destinationLength) }).ok).toBe(true);
    expect(checkRequest({ ...OK, whatIf: [{ action: 'restore', target: 'M'.repeat(2 * LIMITS.nameLength + 1), at: 0 }], flowAt: Array(8).fill(0) }).ok).toBe(true);
  });

  it.each([
    ['from: the source is a node id of at most 63 characters', { ...OK, from: 'x'.repeat(LIMITS.nameLength + 1) }, 'unknown-node', 'from', 'from: the source is a node id of at most 63 characters'],
    ['to: the destination is at most 300 characters', { ...OK, to: 'y'.repeat(LIMITS.destinationLength + 1) }, 'bad-destination', 'to', 'to: the destination is at most 300 characters'],
    ['seed: the seed is a whole number', { ...OK, seed: 1.5 }, 'bad-request', 'seed', 'seed: the seed is a whole number'],
    ['seed: the seed fits in 32 bits', { ...OK, seed: 0x100000000 }, 'bad-request', 'seed', 'seed: the seed fits in 32 bits'],
    ['whatIf[0].action: a what-if action is "fail" or "restore"', { ...OK, whatIf: [{ action: 'break', target: 'MuxVM', at: 0 }] }, 'bad-what-if', 'whatIf[0].action', 'whatIf[0].action: a what-if action is "fail" or "restore"'],
    ['whatIf[0].target: a what-if target is a node id or "NodeId:interfaceId"', { ...OK, whatIf: [{ action: 'fail', target: 'M'.repeat(2 * LIMITS.nameLength + 2), at: 0 }] }, 'bad-what-if', 'whatIf[0].target', 'whatIf[0].target: a what-if target is a node id or "NodeId:interfaceId"'],
    ['whatIf[0].at: a what-if time is a number of microseconds', { ...OK, whatIf: [{ action: 'fail', target: 'MuxVM', at: '1' }] }, 'bad-what-if', 'whatIf[0].at', 'whatIf[0].at: a what-if time is a number of microseconds'],
    ['whatIf[0].at: a what-if time is 0 or more', { ...OK, whatIf: [{ action: 'fail', target: 'MuxVM', at: -1 }] }, 'bad-what-if', 'whatIf[0].at', 'whatIf[0].at: a what-if time is 0 or more'],
    ['whatIf[0].at: a what-if time is at most 600000000 µs (600 s)', { ...OK, whatIf: [{ action: 'fail', target: 'MuxVM', at: LIMITS.whatIfTime + 1 }] }, 'bad-what-if', 'whatIf[0].at', 'whatIf[0].at: a what-if time is at most 600000000 µs (600 s)'],
    ['whatIf: a run takes at most 64 what-ifs', { ...OK, whatIf: Array(LIMITS.whatIfs + 1).fill({ action: 'fail', target: 'MuxVM', at: 0 }) }, 'bad-what-if', 'whatIf', 'whatIf: a run takes at most 64 what-ifs'],
    ['flowAt[0]: a flow start time is a number of microseconds', { ...OK, flowAt: ['0'] }, 'bad-flow-at', 'flowAt[0]', 'flowAt[0]: a flow start time is a number of microseconds'],
    ['flowAt[0]: a flow start time is 0 or more', { ...OK, flowAt: [-1] }, 'bad-flow-at', 'flowAt[0]', 'flowAt[0]: a flow start time is 0 or more'],
    // An attempt may take 60 s and a run simulates at most 3600 s: a flow starting later would be cut short.
    ['flowAt[0]: a flow start time is at most 3540000000 µs (3540 s)', { ...OK, flowAt: [LIMITS.latestFlowStart + 1] }, 'bad-flow-at', 'flowAt[0]', 'flowAt[0]: a flow start time is at most 3540000000 µs (3540 s): an attempt may take 60 s, and a run simulates at most 3600 s'],
    ['flowAt[1]: a flow start time is at most 3540000000 µs (3540 s)', { ...OK, flowAt: [0, LIMITS.simTime] }, 'bad-flow-at', 'flowAt[1]', 'flowAt[1]: a flow start time is at most 3540000000 µs (3540 s): an attempt may take 60 s, and a run simulates at most 3600 s'],
    ['flowAt: a run makes at most 8 attempts of the flow', { ...OK, flowAt: Array(9).fill(0) }, 'bad-flow-at', 'flowAt', 'flowAt: a run makes at most 8 attempts of the flow'],
    ['mtu[0].network: an MTU what-if names a network id of at most 63 characters', { ...OK, mtu: [{ network: 'n'.repeat(LIMITS.nameLength + 1), mtu: 1500 }] }, 'bad-mtu', 'mtu[0].network', 'mtu[0].network: an MTU what-if names a network id of at most 63 characters'],
    ['mtu[0].mtu: an MTU is a number of bytes', { ...OK, mtu: [{ network: 'pa', mtu: '1500' }] }, 'bad-mtu', 'mtu[0].mtu', 'mtu[0].mtu: an MTU is a number of bytes'],
    ['mtu[0].mtu: an MTU is a whole number of bytes', { ...OK, mtu: [{ network: 'pa', mtu: 1500.5 }] }, 'bad-mtu', 'mtu[0].mtu', 'mtu[0].mtu: an MTU is a whole number of bytes'],
    ['mtu[0].mtu: an MTU is at least 576 bytes (RFC 791)', { ...OK, mtu: [{ network: 'pa', mtu: 575 }] }, 'bad-mtu', 'mtu[0].mtu', 'mtu[0].mtu: an MTU is at least 576 bytes (RFC 791)'],
    ['mtu[0].mtu: an MTU is at most 9216 bytes', { ...OK, mtu: [{ network: 'pa', mtu: 9217 }] }, 'bad-mtu', 'mtu[0].mtu', 'mtu[0].mtu: an MTU is at most 9216 bytes'],
    ['mtu: a run takes at most 16 MTU what-ifs', { ...OK, mtu: Array(LIMITS.mtuWhatIfs + 1).fill({ network: 'pa', mtu: 1500 }) }, 'bad-mtu', 'mtu', 'mtu: a run takes at most 16 MTU what-ifs'],
  ])('refuses %s', (_label, request, code, path, message) => {
    const r = checkRequest(request);
    if (r.ok) throw new Error('accepted');
    expect({ code: r.error.code, path: r.error.path }).toEqual({ code, path });
    // The field's own words first, then the code's general advice.
    expect(r.error.message.startsWith(`${message}. `)).toBe(true);
  });

  it('passes the MTU what-ifs at their limits', () => {
    const mtu = [{ network: 'n'.repeat(LIMITS.nameLength), mtu: 576 }, ...Array(LIMITS.mtuWhatIfs - 1).fill({ network: 'pa', mtu: 9216 })];
    expect(checkRequest({ ...OK, mtu })).toEqual({ ok: true, value: { ...OK, mtu } });
  });

  // Zod's own words for these (a string too short, a type that is not the one asked for): the path and the code
  // say what is wrong.
  it.each([
    ['an empty what-if target', { ...OK, whatIf: [{ action: 'fail', target: '', at: 0 }] }, 'bad-what-if', 'whatIf[0].target'],
    ['an empty MTU network', { ...OK, mtu: [{ network: '', mtu: 1500 }] }, 'bad-mtu', 'mtu[0].network'],
    ['a secondMux knob that is not true or false', { ...OK, knobs: { secondMux: 'yes' } }, 'bad-request', 'knobs.secondMux'],
    ['a secondDip knob that is not true or false', { ...OK, knobs: { secondDip: 1 } }, 'bad-request', 'knobs.secondDip'],
    ['an icmpRedirects knob that is not true or false', { ...OK, knobs: { icmpRedirects: 'no' } }, 'bad-request', 'knobs.icmpRedirects'],
    ['a negative seed', { ...OK, seed: -1 }, 'bad-request', 'seed'],
  ])('refuses %s, naming the field', (_label, request, code, path) => {
    const r = checkRequest(request);
    if (r.ok) throw new Error('accepted');
    expect({ code: r.error.code, path: r.error.path }).toEqual({ code, path });
    expect(r.error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('names the request itself when it is not an object', () => {
    const r = checkRequest(null);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-request');
      expect(r.error.message).toMatch(/^request: /);
    }
  });
});
