import type { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it, vi } from 'vitest';
import { scrollListTo } from './listScroll';

/** A list the way the library hands it over: its scroll box, and how it scrolls it. */
const listOf = () => {
  const scrollTo = vi.fn();
  return { scrollTo, instance: { scrollElement: { scrollTo }, options: { horizontal: false, isRtl: false } } as unknown as Virtualizer<HTMLDivElement, Element> };
};

describe("the event list's scroll writes", () => {
  it('leave out the one the library makes as the list mounts, to the top where a new list already is', () => {
    const { scrollTo, instance } = listOf();
    scrollListTo(0, {}, instance);
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('make every later write, even to the top, and a first write anywhere else', () => {
    const first = listOf();
    scrollListTo(0, {}, first.instance);
    scrollListTo(0, {}, first.instance);
    scrollListTo(120, { adjustments: 16 }, first.instance);
    expect(first.scrollTo.mock.calls).toEqual([[{ top: 0, behavior: undefined }], [{ top: 136, behavior: undefined }]]);
    const moved = listOf();
    scrollListTo(0, { adjustments: 32 }, moved.instance);
    expect(moved.scrollTo.mock.calls).toEqual([[{ top: 32, behavior: undefined }]]);
  });
});
