// The engine's memory of the last run: `run` simulates and keeps the result, `tables` replays a
// node's table history to a time, `exportPcapng` writes the run as a capture.
import type { DeviceTables, EngineError, Result, RunRequest, RunResult, SimTime } from '../protocol';
import type { Topology } from '../topology/schema';
import type { Capture } from '../capture/index';
import { buildCapture, type CapturePoints } from '../trace/capture';
import { tablesAt } from '../trace/tableLog';
import { engineError } from '../view/errors';
import { nodeId } from '../view/ids';
import { isNodeUpAt } from '../view/runState';
import { simulate, type SimRun } from './simulate';
import type { LessonDef, ResolvedLesson, ResolveFailure } from '../lessons/model';
import { createRunQuery } from '../lessons/query';
import { resolveLesson } from '../lessons/resolve';

export interface RunSession {
  /** Simulates a run; `keep`: it becomes the last run (tables, capture and lessons read it). */
  simulate(topology: Topology, request: RunRequest, keep: boolean): Result<SimRun, EngineError>;
  run(topology: Topology, request: RunRequest): Result<RunResult, EngineError>;
  /** Simulates a run to compare with the last one; the last run stays the last run. */
  runAside(topology: Topology, request: RunRequest): Result<RunResult, EngineError>;
  tables(node: string, time: SimTime): Result<DeviceTables, EngineError>;
  /** The last run as a capture taken at `points` (default 'vm': every TCP segment once; see trace/capture.ts). */
  exportPcapng(write: (capture: Capture) => Uint8Array, points?: CapturePoints): Result<Uint8Array, EngineError>;
  /** Binds a lesson's chapters and questions to the last run, which must be the lesson's own request. */
  resolveLesson(lesson: LessonDef): Result<ResolvedLesson, readonly ResolveFailure[]>;
}

export function createRunSession(): RunSession {
  let last: SimRun | undefined;
  return {
    simulate(topology, request, keep) {
      const r = simulate(topology, request);
      if (r.ok && keep) last = r.value;
      return r;
    },
    run(topology, request) {
      const r = this.simulate(topology, request, true);
      return r.ok ? { ok: true, value: r.value.result } : r;
    },
    runAside(topology, request) {
      const r = this.simulate(topology, request, false);
      return r.ok ? { ok: true, value: r.value.result } : r;
    },
    tables(nodeText, time) {
      if (!last) return { ok: false, error: engineError('no-run', 'there is no run yet') };
      const all = [...last.nodes, last.switchId];
      const node = all.find((n) => n.toLowerCase() === nodeText.toLowerCase());
      if (!node) return { ok: false, error: engineError('unknown-node', `"${nodeText}" is not a node of the last run`) };
      const up = isNodeUpAt(last.wire.log.plainEvents, node, time);
      return { ok: true, value: { node: nodeId(node), time, up, tables: tablesAt(last.tableLog, node, time) } };
    },
    resolveLesson(lesson) {
      if (!last) return { ok: false, error: [{ lesson: lesson.title, chapter: '', message: 'there is no run yet: run the lesson first' }] };
      const run = last;
      if (JSON.stringify(run.result.request) !== JSON.stringify(lesson.request)) {
        return { ok: false, error: [{ lesson: lesson.title, chapter: '', message: "the last run is not this lesson's run: run the lesson's request first" }] };
      }
      return resolveLesson(lesson, createRunQuery(run.result, run.switchId), (node, time) => this.tables(node, time));
    },
    exportPcapng(write, points = 'vm') {
      if (!last) return { ok: false, error: engineError('no-run', 'there is no run yet') };
      try {
        return { ok: true, value: write(buildCapture(last.result.transmissions, last.switchId, points)) };
      } catch (e) {
        return { ok: false, error: engineError('capture-failed', (e as Error).message) };
      }
    },
  };
}
