import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../testing/seed';
import { FlowMap } from './flowMap';

describe('FlowMap', () => {
  it('behaves as a Map keyed by the four numbers, whatever the operations', () => {
    const key = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 0xffffffff), fc.nat(0xffffffff), fc.integer({ min: 0, max: 2 }));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const m = new FlowMap<number>();
        const ref = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'clear') {
            m.clear();
            ref.clear();
            continue;
          }
          const [a, b, c, d] = o.key;
          const k = o.key.join(',');
          if (o.kind === 'set') {
            m.set(a, b, c, d, o.value);
            ref.set(k, o.value);
          } else if (o.kind === 'delete') {
            expect(m.delete(a, b, c, d)).toBe(ref.delete(k));
          } else {
            expect(m.get(a, b, c, d)).toBe(ref.get(k));
            expect(m.has(a, b, c, d)).toBe(ref.has(k));
          }
          expect(m.size).toBe(ref.size);
        }
      }),
      { seed: FC_SEED },
    );
  });

  it('finds every one of many keys', () => {
    const m = new FlowMap<string>();
    for (let i = 0; i < 5000; i++) m.set(i, i * 7, i >>> 3, i & 1, `v${i}`);
    for (let i = 0; i < 5000; i++) expect(m.get(i, i * 7, i >>> 3, i & 1)).toBe(`v${i}`);
    expect(m.get(1, 7, 0, 0)).toBeUndefined();
  });
});
