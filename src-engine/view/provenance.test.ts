// One mark for a value made of parts: the least certain part's, each part's source named.
import { describe, expect, it } from 'vitest';
import { combinedProv } from './provenance';

describe('combinedProv', () => {
  it("takes the least certain part's mark and names each part's source after its label", () => {
    expect(
      combinedProv([
        { label: 'a', prov: { mark: 'documented', source: 'S1' } },
        { label: 'b', prov: { mark: 'illustrative', source: 'ours' } },
        { label: 'c', prov: { mark: 'inferred' } },
      ]),
    ).toEqual({ mark: 'illustrative', source: 'a: S1; b: ours' });
    expect(combinedProv([{ label: 'a', prov: { mark: 'blog', source: 'S2' } }, { label: 'b', prov: { mark: 'documented' } }])).toEqual({ mark: 'blog', source: 'a: S2' });
  });

  it('has no source when no part has one, and is undefined for no parts', () => {
    expect(combinedProv([{ label: 'a', prov: { mark: 'documented' } }])).toEqual({ mark: 'documented' });
    expect(combinedProv([])).toBeUndefined();
  });
});
