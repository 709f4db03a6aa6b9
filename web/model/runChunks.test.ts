import { describe, expect, it } from 'vitest';
import { fetchRunChunks, loadWithFirstRun } from './runChunks';

describe('the code a run draws with, fetched while the engine runs it', () => {
  it('asks for each registered module in a task of its own, in order, and stops when told', async () => {
    const log: string[] = [];
    loadWithFirstRun(async () => log.push('tokens'));
    loadWithFirstRun(async () => log.push('rows'));
    loadWithFirstRun(async () => log.push('rings'));
    const pause = async () => {
      log.push('yield');
    };
    await fetchRunChunks(() => false, pause);
    expect(log).toEqual(['yield', 'tokens', 'yield', 'rows', 'yield', 'rings']);
    log.length = 0;
    await fetchRunChunks(() => log.filter((x) => x !== 'yield').length >= 1, pause);
    expect(log).toEqual(['yield', 'tokens', 'yield']);
  });
});
