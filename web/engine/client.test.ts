// The engine client never rejects: whatever the worker does (answers, throws, dies, hangs, or is handed
// something it cannot take), each call settles with the engine's answer or a typed error from the table.
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, createWorkerEngine } from '../../src-engine/engine';
import type { RunRequest, WorkerEngineApi } from '../../src-engine/protocol';
import { ERROR_MESSAGES } from '../../src-engine/view/errors';
import { generateTopology } from '../../src-engine/scenarios/generate';
import { READY_MESSAGE } from '../../src-engine/workerSignals';

type Behaviour = 'answer' | 'crash' | 'hang';

/** What the next worker the client starts will do; each started worker is recorded. */
let behaviour: Behaviour = 'answer';
const started: FakeWorker[] = [];

/** A worker on a real MessageChannel, serving a small engine with comlink as the real one does. */
class FakeWorker extends EventTarget {
  readonly behaviour = behaviour;
  terminated = false;
  private readonly channel = new MessageChannel();

  constructor() {
    super();
    started.push(this);
    // The worker's own engine for runs of the POC (a run leaves as columns), a stand-in for the rest.
    const real = createWorkerEngine();
    const api: Partial<WorkerEngineApi> = {
      loadTopology: real.loadTopology,
      run: async (request) =>
        request.to === 'throw' ? Promise.reject(new Error('x is undefined')) : request.to.startsWith('https://') ? real.run(request) : { ok: false, error: { code: 'bad-destination', message: `no ${request.to}` } },
      compareRun: real.compareRun,
      lessons: async () => [],
    };
    expose(api, this.channel.port2);
    this.channel.port1.onmessage = (e: MessageEvent) => this.dispatchEvent(new MessageEvent('message', { data: e.data }));
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: READY_MESSAGE })));
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (this.behaviour === 'hang') return;
    if (this.behaviour === 'crash') {
      queueMicrotask(() => this.dispatchEvent(new Event('error', { cancelable: true })));
      return;
    }
    this.channel.port1.postMessage(message, transfer ?? []);
  }

  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }
}

async function freshClient() {
  vi.resetModules();
  return import('./client');
}

beforeEach(() => {
  behaviour = 'answer';
  started.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', {});
});

afterEach(() => {
  for (const w of started) w.terminate();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the engine client', () => {
  const requests: [string, RunRequest][] = [
    ['the canonical run', { from: 'ClientVM', to: 'https://portal.azurestack.local' }],
    // two attempts, retransmissions, BGP's hold timer and a withdrawn route: every kind of event in one list
    ['a failed MUX (every kind of event)', { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }], flowAt: [5_000_000, 200_000_000] }],
    // a knob that adds a device: the result carries its drawing too
    ['a second MUX (a device the knob adds)', { from: 'ClientVM', to: 'https://portal.azurestack.local', knobs: { secondMux: true } }],
  ];
  // One test per run, each simulated three times (across the channel, here, and compared): the hang guard is
  // generous because a loaded machine may take seconds for that, not because the time is checked.
  for (const [name, request] of requests) {
    it(`hands the page a run's frames and events as objects equal to the engine's own, though they crossed as columns: ${name}`, { timeout: 60_000 }, async () => {
      const { getEngine } = await freshClient();
      expect((await getEngine().loadTopology()).ok).toBe(true);
      const here = createEngine();
      await here.loadTopology();
      const crossed = await getEngine().run(request);
      const own = await here.run(request);
      if (!crossed.ok || !own.ok) throw new Error('the runs failed');
      expect(crossed.value.events.length).toBeGreaterThan(crossed.value.transmissions.length);
      // Field for field, in the same order (the JSON), and with the same types (bytes stay Uint8Array).
      expect(JSON.stringify(crossed)).toBe(JSON.stringify(own));
      expect(crossed).toEqual(own);
      expect(crossed.value.transmissions.every((t) => t.bytes instanceof Uint8Array)).toBe(true);
      // The copies of one frame share its bytes, as the engine's do.
      const byFrame = (r: typeof own) => new Set(r.value.transmissions.map((t) => t.bytes)).size;
      expect(byFrame(crossed)).toBe(byFrame(own));
      expect(byFrame(crossed)).toBeLessThan(crossed.value.transmissions.length);
      expect(await getEngine().compareRun(request)).toEqual(own);
    });
  }

  it("hands the page a loaded topology's snapshot equal to the engine's own, though it crossed as text in parts", async () => {
    const { getEngine } = await freshClient();
    const doc = generateTopology({ vms: 1000, vips: 20, seed: 1 });
    const arrived = await getEngine().loadTopology(doc);
    const here = await createEngine().loadTopology(doc);
    expect(arrived.ok && here.ok).toBe(true);
    if (arrived.ok && here.ok) expect(arrived.value).toEqual(here.value);
    // A document the engine refuses comes back as its errors, as before.
    const refused = await getEngine().loadTopology({ version: 1 });
    expect(refused.ok).toBe(false);
  });

  it("passes the engine's answers through, failures as values included", async () => {
    const { getEngine } = await freshClient();
    expect(await getEngine().run({ from: 'ClientVM', to: 'Nowhere' })).toEqual({ ok: false, error: { code: 'bad-destination', message: 'no Nowhere' } });
  });

  it('turns a call that throws in the worker into a typed engine-crashed error', async () => {
    const { getEngine } = await freshClient();
    const r = await getEngine().run({ from: 'ClientVM', to: 'throw' });
    expect(r).toEqual({ ok: false, error: { code: 'engine-crashed', message: `The engine failed on run (x is undefined). ${ERROR_MESSAGES['engine-crashed']}` } });
    expect(started).toHaveLength(1);
  });

  it('settles a call whose worker dies with engine-crashed, and starts a new worker', async () => {
    behaviour = 'crash';
    const { getEngine } = await freshClient();
    const r = await getEngine().run({ from: 'ClientVM', to: 'PortalVM' });
    expect(r).toEqual({ ok: false, error: { code: 'engine-crashed', message: `The engine failed while working on run, so it was restarted. ${ERROR_MESSAGES['engine-crashed']}` } });
    expect(started.map((w) => w.terminated)).toEqual([true, false]);
  });

  it('settles a call the worker never answers with engine-timeout, and replaces the worker', async () => {
    behaviour = 'hang';
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { getEngine, CALL_TIMEOUT_MS } = await freshClient();
    const pending = getEngine().run({ from: 'ClientVM', to: 'PortalVM' });
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    behaviour = 'answer';
    await vi.advanceTimersByTimeAsync(CALL_TIMEOUT_MS.run);
    expect(await pending).toEqual({ ok: false, error: { code: 'engine-timeout', message: `The engine did not answer run within 60 s, so it was restarted. ${ERROR_MESSAGES['engine-timeout']}` } });
    expect(started.map((w) => w.terminated)).toEqual([true, false]);
    // The next call reaches the new worker.
    expect(await getEngine().run({ from: 'ClientVM', to: 'PortalVM' })).toMatchObject({ ok: false, error: { code: 'bad-destination' } });
  });

  it('settles a call with arguments the worker cannot take, and keeps the worker', async () => {
    const { getEngine } = await freshClient();
    const r = await getEngine().run({ from: 'ClientVM', to: (() => 'x') as unknown as string });
    expect(r).toMatchObject({ ok: false, error: { code: 'engine-crashed', message: expect.stringMatching(/^The engine failed on run \(.*could not be cloned.*\)\. Your topology/) } });
    expect(started.map((w) => w.terminated)).toEqual([false]);
  });

  it("answers the lesson catalogue with no lessons when the worker dies, as the method's FAILED says", async () => {
    behaviour = 'crash';
    const { getEngine } = await freshClient();
    expect(await getEngine().lessons()).toEqual([]);
  });
});
