// The engine behind the worker: one object whose methods are the user's intents (see EngineApi).
// It holds the loaded topology and the last run; it is plain TypeScript and runs under Node too.
import { engineError } from './view/errors';
import { layoutTopology } from './layout/layoutTopology';
import type { EngineApi, EngineError, Result, RunRequest, RunResult, TopologySnapshot } from './protocol';
import { createRunSession } from './run/session';
import { addsDevices, withKnobs } from './run/knobs';
import { POC_TOPOLOGY } from './scenarios/poc';
import type { Topology } from './topology/schema';
import { parseTopology } from './topology/validate';
import { writeCapture } from './trace/capture';
import { findLesson, lessonSummaries } from './lessons/catalog';

/** A knob that adds devices changes the drawing: hand the page the topology the run used, laid out. */
function withDrawing(topology: Topology, request: RunRequest, result: Result<RunResult>): Result<RunResult> {
  if (!result.ok || !addsDevices(request.knobs)) return result;
  const used = withKnobs(topology, request.knobs);
  return { ok: true, value: { ...result.value, snapshot: { topology: used, layout: layoutTopology(used) } } };
}

export function createEngine(): EngineApi {
  let topology: Topology | undefined;
  const session = createRunSession();

  return {
    async loadTopology(doc?: unknown): Promise<Result<TopologySnapshot, readonly EngineError[]>> {
      const parsed = parseTopology(doc === undefined ? POC_TOPOLOGY : doc);
      if (!parsed.ok) return parsed;
      topology = parsed.value;
      return { ok: true, value: { topology, layout: layoutTopology(topology) } };
    },
    async validateTopology(doc: unknown): Promise<Result<null, readonly EngineError[]>> {
      const parsed = parseTopology(doc);
      return parsed.ok ? { ok: true, value: null } : parsed;
    },
    run: async (request) => {
      if (!topology) return { ok: false, error: engineError('not-loaded') };
      return withDrawing(topology, request, session.run(topology, request));
    },
    compareRun: async (request) => {
      if (!topology) return { ok: false, error: engineError('not-loaded') };
      return withDrawing(topology, request, session.runAside(topology, request));
    },
    tables: async (node, time) => session.tables(node, time),
    exportPcapng: async () => session.exportPcapng(writeCapture),
    lessons: async () => lessonSummaries(),
    resolveLesson: async (id) => {
      const lesson = findLesson(id);
      if (!lesson) return { ok: false, error: engineError('unknown-lesson', `There is no lesson "${id}"`) };
      const r = session.resolveLesson(lesson);
      if (r.ok) return r;
      return { ok: false, error: engineError('lesson-unresolved', r.error.map((f) => `Lesson "${f.lesson}", chapter "${f.chapter}": ${f.message}`).join('; ')) };
    },
  };
}
