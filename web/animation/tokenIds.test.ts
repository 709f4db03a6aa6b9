import { describe, expect, it } from 'vitest';
import { tokenIds } from './tokenIds';

describe('tokenIds', () => {
  it('keeps every frame of a small step', () => {
    expect(tokenIds([1, 2, 3], () => false, 24)).toEqual([1, 2, 3]);
  });
  it('samples a big flood evenly, the traced flow first', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    expect(tokenIds(ids, (id) => id === 57, 5)).toEqual([57, 0, 24, 49, 75]);
  });
});
