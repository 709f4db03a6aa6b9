import { describe, expect, it } from 'vitest';
import type { EngineApi } from './protocol';
import { guardEngine } from './guard';
import { nodeId } from './view/ids';

const broken: EngineApi = {
  loadTopology: () => Promise.reject(new RangeError('too deep')),
  validateTopology: () => Promise.reject(new RangeError('too deep')),
  run: () => {
    throw new TypeError('x is undefined');
  },
  compareRun: () => Promise.reject(new Error('no run')),
  tables: () => Promise.resolve({ ok: true, value: { node: nodeId('A'), time: 0, up: true, tables: [] } }),
  exportPcapng: () => Promise.reject('a string'),
  lessons: () => Promise.reject(new Error('no lessons')),
  resolveLesson: () => Promise.reject(new Error('no lesson')),
};

describe('guardEngine', () => {
  it('turns a throw into a typed engine-crashed error, and passes answers through', async () => {
    const g = guardEngine(broken);
    expect(await g.loadTopology()).toEqual({ ok: false, error: [expect.objectContaining({ code: 'engine-crashed', message: expect.stringContaining('loadTopology failed inside the engine: RangeError: too deep') })] });
    expect(await g.validateTopology({})).toMatchObject({ ok: false, error: [{ code: 'engine-crashed' }] });
    expect(await g.run({ from: 'a', to: 'b' })).toMatchObject({ ok: false, error: { code: 'engine-crashed', message: expect.stringContaining('TypeError: x is undefined') } });
    expect(await g.compareRun({ from: 'a', to: 'b' })).toMatchObject({ ok: false, error: { code: 'engine-crashed', message: expect.stringContaining('compareRun failed inside the engine: Error: no run') } });
    expect(await g.exportPcapng()).toMatchObject({ ok: false, error: { code: 'engine-crashed' } });
    expect(await g.lessons()).toEqual([]);
    expect(await g.resolveLesson('x')).toMatchObject({ ok: false, error: { code: 'engine-crashed' } });
    expect(await g.tables(nodeId('A'), 0)).toEqual({ ok: true, value: { node: 'A', time: 0, up: true, tables: [] } });
  });
});
