// Keeps the address bar in step with the view, and opens the view a link describes. The page's URL is
// the share format: copying it reopens the same scenario, flow and step from the static site.
import type { RunRequest } from '../../src-engine/protocol';
import { selectComparison, type AppStore } from '../store/store';
import { currentDocument } from '../store/editorSlice';
import type { Packed } from './topologyLink';
import { readLink, serializeUrlState, type UrlState } from './urlState';

const packed = new WeakMap<object, Packed>();
/** The link's compression (lz-string): loaded when a topology other than the POC is first linked or opened. */
const loadLink = () => import('./topologyLink');

/** The current topology as a link parameter (cached per document), when it is not the POC. */
export async function topologyParam(s: ReturnType<AppStore['getState']>): Promise<Packed | undefined> {
  if (s.topologySource === 'poc') return undefined;
  const doc = currentDocument(s);
  if (!doc) return undefined;
  let p = packed.get(doc);
  if (!p) {
    const { packAside } = await import('./packAside');
    p = packed.get(doc) ?? (await packAside(doc));
    packed.set(doc, p);
  }
  return p;
}

/** Applies a link once the topology is loaded: settings, then the flow and its step. Bad parts are reported. */
export async function applyUrl(store: AppStore, search: string): Promise<void> {
  const { state, errors } = await readLink(search);
  const s = store.getState();
  for (const e of errors) s.notify('error', e);
  if (state.motion) s.setMotion(state.motion);
  if (state.text) s.setLargeText(state.text === 'large');
  if (state.speed !== undefined) s.setSpeed(state.speed);
  if (state.hide) s.setHidden(state.hide);
  if (state.topo) {
    const { unpackTopology } = await loadLink();
    const unpacked = unpackTopology(state.topo);
    if (!unpacked.ok) {
      s.notify('error', unpacked.message);
      return;
    }
    const name = (unpacked.doc as { name?: unknown } | null)?.name;
    const problems = await s.openTopologyDocument(unpacked.doc, typeof name === 'string' ? name : 'topology from a link');
    if (problems.length > 0) return;
  }
  if (state.lesson) {
    await s.startLesson(state.lesson, (state.chapter ?? 1) - 1);
    const { lesson } = store.getState();
    if (lesson && state.chapter !== undefined && state.chapter > lesson.chapters.length) {
      s.notify('error', `The link's "chapter" parameter is ${state.chapter}, but "${lesson.title}" has ${lesson.chapters.length} chapters. It opened at the last one.`);
    }
    return;
  }
  if (!state.from) return;
  const topology = s.snapshot?.topology;
  const from = topology?.nodes.find((n) => n.id.toLowerCase() === state.from!.toLowerCase())?.id;
  if (!from) {
    s.notify('error', `The link's "from" parameter is "${state.from}", which is not a node of this topology. Pick a source below; the rest of the link still applies.`);
    return;
  }
  if (state.to === undefined) return;
  s.setDraft({ from, to: state.to });
  const request: RunRequest = {
    from,
    to: state.to,
    ...(state.seed !== undefined ? { seed: state.seed } : {}),
    ...(state.whatIf ? { whatIf: state.whatIf } : {}),
    ...(state.knobs ? { knobs: state.knobs } : {}),
    ...(state.mtu ? { mtu: state.mtu } : {}),
  };
  await s.runFlow(request, state.step);
  const after = store.getState();
  if (state.step !== undefined && after.timeline && state.step >= after.timeline.steps.length) {
    s.notify('error', `The link's "step" parameter is ${state.step}, but this run has ${after.timeline.steps.length} steps (0 to ${after.timeline.steps.length - 1}). It opened at the last one.`);
  }
  if (state.compare && after.result) {
    const ok = await s.compareWith(state.compare);
    if (!ok) s.notify('error', `The link's comparison could not be opened: ${store.getState().compareError ?? 'run B failed'}. Run A is shown; use "Compare with…" to try another run B.`);
  }
}

/** What of the store the URL holds. */
export async function urlStateOf(s: ReturnType<AppStore['getState']>): Promise<UrlState> {
  const topo = await topologyParam(s);
  const linkable = topo === undefined || topo.ok;
  const inLesson = s.lesson !== undefined;
  const r = linkable && !inLesson ? s.request : undefined;
  const cmp = r ? selectComparison(s) : undefined;
  const b = cmp?.b.request;
  return {
    ...(inLesson ? { lesson: s.lesson!.id, chapter: s.chapter + 1 } : {}),
    ...(topo?.ok ? { topo: topo.param } : {}),
    ...(r ? { from: r.from, to: r.to } : {}),
    ...(r?.seed !== undefined ? { seed: r.seed } : {}),
    ...(r?.whatIf ? { whatIf: r.whatIf } : {}),
    ...(r?.knobs ? { knobs: r.knobs } : {}),
    ...(r?.mtu ? { mtu: r.mtu } : {}),
    ...(r && s.result ? { step: s.cursor } : {}),
    ...(b ? { compare: { ...(b.whatIf ? { whatIf: b.whatIf } : {}), ...(b.knobs ? { knobs: b.knobs } : {}), ...(b.seed !== undefined && b.seed !== r?.seed ? { seed: b.seed } : {}) } } : {}),
    speed: s.speed,
    motion: s.motion,
    text: s.largeText ? 'large' : 'normal',
    hide: s.hidden,
  };
}

/** The running writer's flush (see flushUrl). */
let flushWriter: (() => Promise<void>) | undefined;

/**
 * Writes what the address should hold now, without waiting (a step played since the last write included): for
 * the link a user copies while the run plays.
 */
export async function flushUrl(): Promise<void> {
  await flushWriter?.();
}

/**
 * Writes the view into the address bar as it changes (replaceState, throttled: no history entry per step).
 * While playing, the step is written when playback stops, not at every step: each write is a navigation the
 * browser handles, and it fetches and decodes the page's icon again for the new address (about 16 ms of the
 * page's CPU a second of playback at the POC). Copy link writes the step shown first (flushUrl).
 */
export function startUrlWriter(store: AppStore): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  // Unknown at first: the address may hold a link the view no longer matches (after a reset, say).
  let last: string | undefined;
  // Writes finish in order: one that another overtook is dropped.
  let writes = 0;
  const write = async () => {
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
    const mine = ++writes;
    const search = serializeUrlState(await urlStateOf(store.getState()));
    if (mine !== writes || search === last) return;
    last = search;
    const keep = new URLSearchParams(window.location.search).get('bench');
    const extra = keep ? `${search ? '&' : '?'}bench=${keep}` : '';
    window.history.replaceState(null, '', `${window.location.pathname}${search}${extra}${window.location.hash}`);
  };
  const unsubscribe = store.subscribe((s, p) => {
    const changed = s.request !== p.request || s.result !== p.result || s.speed !== p.speed || s.motion !== p.motion || s.largeText !== p.largeText || s.hidden !== p.hidden || s.topologySource !== p.topologySource || s.snapshot !== p.snapshot || s.lesson !== p.lesson || s.chapter !== p.chapter || s.comparison !== p.comparison;
    const stepWritten = s.playing ? false : s.cursor !== p.cursor || p.playing;
    if (!changed && !stepWritten) return;
    if (pending === undefined) pending = setTimeout(() => void write(), 150);
  });
  flushWriter = write;
  return () => {
    unsubscribe();
    if (flushWriter === write) flushWriter = undefined;
    if (pending !== undefined) clearTimeout(pending);
  };
}
