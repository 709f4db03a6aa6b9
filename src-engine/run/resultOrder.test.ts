// What a run's readers rely on and so never re-sort: its events come in time order, each numbered by its place.
import { describe, expect, it } from 'vitest';
import { runPoc } from './fixtures';

const S = 1_000_000;

describe('a run result', () => {
  it.each([
    ['the portal', {}],
    ['a failed MUX mid-run', { whatIf: [{ action: 'fail' as const, target: 'MuxVM', at: 2 * S }], flowAt: [1 * S, 30 * S] }],
    ['a routing loop', { to: '192.168.133.50' }],
  ])('%s: events in time order, numbered by place', (_name, request) => {
    const { events } = runPoc(request).result;
    expect(events.length).toBeGreaterThan(50);
    events.forEach((e, i) => {
      expect(e.id).toBe(i);
      if (i > 0) expect(e.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    });
  });
});
