// The engine behind the worker: one object whose methods are the user's intents (see EngineApi).
// It holds the loaded topology and the last run; it is plain TypeScript and runs under Node too.
import { engineError } from './view/errors';
import { layoutTopology } from './layout/layoutTopology';
import type { EngineApi, EngineError, NodeId, ResolvedLesson, Result, RunRequest, RunResult, SimTime, TopologySnapshot, WorkerEngineApi } from './protocol';
import type { RunWire } from './view/runLog';
import { snapshotToWire, type SnapshotWire } from './view/snapshotWire';
import type { SimRun } from './run/simulate';
import { createRunSession } from './run/session';
import { addsDevices, withKnobs } from './run/knobs';
import { POC_TOPOLOGY } from './scenarios/poc';
import type { Topology } from './topology/schema';
import { parseTopology } from './topology/validate';
import { writeCapture } from './trace/capture';
import { findLesson, lessonSummaries } from './lessons/catalog';

/** A knob that adds devices changes the drawing: hand the page the topology the run used, laid out. */
function withDrawing<R extends RunResult | RunWire>(topology: Topology, request: RunRequest, result: Result<R>): Result<R> {
  if (!result.ok || !addsDevices(request.knobs)) return result;
  const used = withKnobs(topology, request.knobs);
  return { ok: true, value: { ...result.value, snapshot: { topology: used, layout: layoutTopology(used) } } };
}

/** The engine in the caller's own thread (tests, the command line): a run's frames and events as objects. */
export function createEngine(): EngineApi {
  return engineWith((run) => run.result, (snapshot) => snapshot);
}

/**
 * The engine as the worker serves it: a run's frames and events leave as columns, a few typed arrays
 * and tables instead of an object per frame and per event, and the page makes the objects (`runFromWire`).
 * A loaded topology's snapshot leaves as text in parts, which the page reads a part at a time (`snapshotFromWire`).
 */
export function createWorkerEngine(): WorkerEngineApi {
  return engineWith((run) => run.wire, snapshotToWire);
}

function engineWith<R extends RunResult | RunWire, S extends TopologySnapshot | SnapshotWire>(hand: (run: SimRun) => R, handSnapshot: (snapshot: TopologySnapshot) => S) {
  let topology: Topology | undefined;
  const session = createRunSession();
  const handed = (r: Result<SimRun>): Result<R> => (r.ok ? { ok: true, value: hand(r.value) } : r);

  return {
    async loadTopology(doc?: unknown): Promise<Result<S, readonly EngineError[]>> {
      const parsed = parseTopology(doc === undefined ? POC_TOPOLOGY : doc);
      if (!parsed.ok) return parsed;
      topology = parsed.value;
      return { ok: true, value: handSnapshot({ topology, layout: layoutTopology(topology) }) };
    },
    async validateTopology(doc: unknown): Promise<Result<null, readonly EngineError[]>> {
      const parsed = parseTopology(doc);
      return parsed.ok ? { ok: true, value: null } : parsed;
    },
    run: async (request: RunRequest): Promise<Result<R>> => {
      if (!topology) return { ok: false, error: engineError('not-loaded') };
      return withDrawing(topology, request, handed(session.simulate(topology, request, true)));
    },
    compareRun: async (request: RunRequest): Promise<Result<R>> => {
      if (!topology) return { ok: false, error: engineError('not-loaded') };
      return withDrawing(topology, request, handed(session.simulate(topology, request, false)));
    },
    tables: async (node: NodeId, time: SimTime) => session.tables(node, time),
    exportPcapng: async () => session.exportPcapng(writeCapture),
    lessons: async () => lessonSummaries(),
    resolveLesson: async (id: string): Promise<Result<ResolvedLesson>> => {
      const lesson = findLesson(id);
      if (!lesson) return { ok: false, error: engineError('unknown-lesson', `There is no lesson "${id}"`) };
      const r = session.resolveLesson(lesson);
      if (r.ok) return r;
      return { ok: false, error: engineError('lesson-unresolved', r.error.map((f) => `Lesson "${f.lesson}", chapter "${f.chapter}": ${f.message}`).join('; ')) };
    },
  };
}
