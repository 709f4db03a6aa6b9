// Named selectors, at module level so their identity is stable. Those that take an id are called as
// `useAppStore((s) => selectNodeHop(s, id))`: each node subscribes to its own answer, so a step
// re-renders only the nodes and edges whose highlight changes, never the whole graph.
import type { Transmission } from '../../src-engine/protocol';
import { bgpStateAt, inUserFlow, isNodeUpAt, nicEdgeId } from '../../src-engine/view/index';

/** A frame of the user's flow (not a health probe): the one a step shows first. */
const inFlow = (tx: Transmission | undefined): boolean => tx !== undefined && inUserFlow(tx);
import { tokenIds } from '../animation/tokenIds';
import type { Geometry } from '../diagram/geometry';
import type { Step } from '../model/timeline';
import type { AppState } from './store';

export const selectSnapshot = (s: AppState) => s.snapshot;
/** The topology as drawn: the one the last run used, when a knob added devices to it. */
export const selectTopology = (s: AppState) => (s.drawn ?? s.snapshot)?.topology;
export const selectGeometry = (s: AppState) => s.geometry;
export const selectLoadStatus = (s: AppState) => s.loadStatus;
export const selectLoadErrors = (s: AppState) => s.loadErrors;
export const selectTopologySource = (s: AppState) => s.topologySource;

export const selectRequest = (s: AppState) => s.request;
export const selectRunStatus = (s: AppState) => s.runStatus;
export const selectRunError = (s: AppState) => s.runError;
export const selectResult = (s: AppState) => s.result;
export const selectTimeline = (s: AppState) => s.timeline;
export const selectParts = (s: AppState) => s.parts;

export const selectCursor = (s: AppState) => s.cursor;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectStepCount = (s: AppState) => s.timeline?.steps.length ?? 0;
/**
 * While a lesson is being prepared its run is already on screen, but the lesson, once resolved, moves the
 * playhead to its chapter: a step taken meanwhile would be undone. The playback controls wait for it.
 */
export const selectPlaybackHeld = (s: AppState) => s.lessonStatus === 'loading';
export const selectCurrentStep = (s: AppState): Step | undefined => s.timeline?.steps[s.cursor];
/**
 * The simulated time the view shows: just before the next step's frames leave (the end of the run at
 * the last step), so tables and states include every event listed with the current step.
 */
export const selectCurrentTime = (s: AppState): number | undefined => {
  const step = selectCurrentStep(s);
  if (!step) return undefined;
  const next = s.timeline?.steps[s.cursor + 1];
  return next ? Math.max(step.arrive, next.time - 1) : Math.max(step.arrive, s.result?.endTime ?? step.arrive);
};

export const selectSelectedNode = (s: AppState) => s.selectedNode;
export const selectSelectedField = (s: AppState) => s.selectedField;
export const selectSelectedEventId = (s: AppState) => s.selectedEventId;
export const selectContextMenu = (s: AppState) => s.contextMenu;

export const selectHidden = (s: AppState) => s.hidden;
export const selectLargeText = (s: AppState) => s.largeText;
export const selectMotion = (s: AppState) => s.motion;
/** Tokens jump instead of gliding: the user's setting, the URL, or the system's reduced-motion preference. */
export const selectJumpOnly = (s: AppState) => s.motion === 'off' || s.prefersReducedMotion;
export const selectSideTab = (s: AppState) => s.sideTab;
export const selectBottomTab = (s: AppState) => s.bottomTab;
export const selectHelpOpen = (s: AppState) => s.helpOpen;
export const selectNotices = (s: AppState) => s.notices;

/**
 * The frame the inspector shows: the user's pick in this step, else (in a lesson) the step's frame the chapter
 * is about, else the step's frame of the traced flow, else its first.
 */
export function selectCurrentTxId(s: AppState): number | undefined {
  const step = selectCurrentStep(s);
  if (!step) return undefined;
  if (s.selectedTx !== undefined && step.txIds.includes(s.selectedTx)) return s.selectedTx;
  const about = s.showEverything ? undefined : s.lesson?.chapters[s.chapter]?.txIds;
  const ofChapter = about && step.txIds.find((id) => about.includes(id));
  return ofChapter ?? step.txIds.find((id) => inFlow(s.timeline?.tx.get(id))) ?? step.txIds[0];
}

export const selectCurrentTx = (s: AppState): Transmission | undefined => {
  const id = selectCurrentTxId(s);
  return id === undefined ? undefined : s.timeline?.tx.get(id);
};

export interface StepMarks {
  readonly roles: ReadonlyMap<string, 'sender' | 'receiver'>;
  readonly edges: ReadonlySet<string>;
  /** The port boxes (NICs drawn in their own network) whose NIC a frame runs along. */
  readonly ports: ReadonlySet<string>;
}

const marksCache = new WeakMap<Step, WeakMap<Geometry, StepMarks>>();

/**
 * Which nodes send and receive in a step, and which NIC edges its frames run along (cached per step):
 * for the frames drawn as tokens, so a flood to hundreds of ports lights as many nodes as it draws.
 */
function stepMarks(s: AppState): StepMarks | undefined {
  const step = selectCurrentStep(s);
  const geo = s.geometry;
  if (!step || !geo || !s.timeline) return undefined;
  let byGeo = marksCache.get(step);
  const known = byGeo?.get(geo);
  if (known) return known;
  const roles = new Map<string, 'sender' | 'receiver'>();
  const edges = new Set<string>();
  const ports = new Set<string>();
  const lightNic = (node: string, iface: string) => {
    edges.add(nicEdgeId(node, iface));
    const box = geo.nic(node, iface)?.box;
    if (box) ports.add(box);
  };
  const timeline = s.timeline;
  for (const id of tokenIds(step.txIds, (t) => inFlow(timeline.tx.get(t)))) {
    const tx = timeline.tx.get(id);
    if (!tx) continue;
    roles.set(tx.fromNode, 'sender');
    if (tx.toNode !== undefined && !roles.has(tx.toNode)) roles.set(tx.toNode, 'receiver');
    if (tx.fromNode !== geo.switchId) {
      lightNic(tx.fromNode, tx.fromInterface);
      if (tx.protocol === 'vxlan' && geo.tunnel(tx.fromNode, tx.fromInterface)) edges.add(tunnelKey(tx.fromNode));
    }
    else {
      const port = geo.port(tx.fromInterface);
      if (port) lightNic(port.node, port.iface);
    }
  }
  const marks = { roles, edges, ports };
  if (!byGeo) {
    byGeo = new WeakMap();
    marksCache.set(step, byGeo);
  }
  byGeo.set(geo, marks);
  return marks;
}

/** The key `selectEdgeActive` answers for the tunnels leaving a node's PA while a VXLAN frame runs through them. */
export const tunnelKey = (node: string) => `tunnel-of:${node}`;

export const selectNodeHop = (s: AppState, node: string) => stepMarks(s)?.roles.get(node);
/** The current step's senders and receivers (the same map object for a step). */
export const selectHopRoles = (s: AppState): ReadonlyMap<string, 'sender' | 'receiver'> | undefined => stepMarks(s)?.roles;
export const selectEdgeActive = (s: AppState, edgeId: string) => stepMarks(s)?.edges.has(edgeId) ?? false;
/** The current step's senders, receivers and lit NICs (the same object for a step): what the diagram's rings draw. */
export const selectStepMarks = (s: AppState): StepMarks | undefined => stepMarks(s);
/** Every edge the current step lights (the same set object for a step, so subscribers re-render once per step). */
export const selectActiveEdges = (s: AppState): ReadonlySet<string> | undefined => stepMarks(s)?.edges;

/** Is a node down at the simulated time the view shows? */
export function selectNodeDown(s: AppState, node: string): boolean {
  const time = selectCurrentTime(s);
  return s.result !== undefined && time !== undefined && !isNodeUpAt(s.result.events, node, time);
}

/** Is a node failed by one of the request's what-ifs (whatever the time)? */
export const selectNodeHasWhatIf = (s: AppState, node: string) => (s.request?.whatIf ?? []).some((w) => w.target === node && w.action === 'fail');

/** The BGP session's state between two speakers at the time the view shows; undefined before any run. */
export function selectBgpState(s: AppState, a: string, b: string): string | undefined {
  const time = selectCurrentTime(s);
  // The topology the run used (with the second MUX when a knob added it): who peers with whom in its events.
  const topology = (s.result?.snapshot ?? s.snapshot)?.topology;
  return s.result && topology && time !== undefined ? bgpStateAt(s.result.events, topology, a, b, time) : undefined;
}
