import { describe, expect, it } from 'vitest';
import { createDeviceRng, createRng } from './rng';

const draws = (rng: { nextU32(): number }, n: number) => Array.from({ length: n }, () => rng.nextU32());

describe('createRng (mulberry32)', () => {
  it('gives the same exact stream for a seed, run after run', () => {
    expect(draws(createRng(1), 3)).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('reads the seed as an unsigned 32-bit integer', () => {
    expect(draws(createRng(2 ** 32 + 1), 3)).toEqual(draws(createRng(1), 3));
    expect(draws(createRng(-1), 3)).toEqual(draws(createRng(0xffffffff), 3));
  });

  it('draws whole numbers in [min, max], both ends included', () => {
    expect(Array.from({ length: 6 }, ((r) => () => r.int(49152, 65535))(createRng(42)))).toEqual([61308, 60298, 62144, 61613, 55946, 50387]);
    const r = createRng(3);
    const seen = new Set(Array.from({ length: 200 }, () => r.int(5, 7)));
    expect([...seen].sort()).toEqual([5, 6, 7]);
    expect(Array.from({ length: 20 }, () => r.int(9, 9))).toEqual(Array(20).fill(9));
  });

  it('draws unit numbers as the next 32 bits over 2^32', () => {
    const twin = createRng(7);
    const r = createRng(7);
    expect([r.unit(), r.unit()]).toEqual([twin.nextU32() / 4294967296, twin.nextU32() / 4294967296]);
    expect(createRng(7).unit()).toBe(0.011704753153026104);
    for (let i = 0; i < 500; i++) {
      const x = r.unit();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('createDeviceRng', () => {
  it("gives each device its own exact stream, from the run's seed and the device's id alone", () => {
    expect(draws(createDeviceRng(1, 'ClientVM'), 2)).toEqual([3915629467, 785860970]);
    expect(draws(createDeviceRng(1, 'NATVM'), 1)).toEqual([3370589135]);
    expect(draws(createDeviceRng(2, 'ClientVM'), 1)).toEqual([302201319]);
    expect(draws(createDeviceRng(1, ''), 1)).toEqual([142024953]);
  });

  it("is not disturbed by other devices' draws", () => {
    const a = createDeviceRng(9, 'ClientVM');
    draws(createDeviceRng(9, 'NATVM'), 50);
    expect(draws(a, 3)).toEqual(draws(createDeviceRng(9, 'ClientVM'), 3));
  });
});
