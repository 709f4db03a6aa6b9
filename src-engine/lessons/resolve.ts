// Binds a lesson to a run: every chapter's span, focus and questions are found by their predicates in the
// run's records. A chapter that no longer binds is reported by lesson and chapter name, never skipped.
import { decodePacket } from '../packets/decode';
import { LAYER_NAMES } from '../packets/errors';
import type { DeviceTables, Result, SimTime } from '../protocol';
import type { ChapterDef, LessonDef, Moment, RunText, ResolvedChapter, ResolvedLesson, ResolvedQuestion, ResolveFailure } from './model';
import type { Frame, RunQuery } from './query';

/** Reads a device's tables at a time of the run (the session's `tables`), to check a table focus. */
export type TablesAt = (node: string, time: SimTime) => Result<DeviceTables, unknown>;

export function resolveLesson(def: LessonDef, q: RunQuery, tables?: TablesAt): Result<ResolvedLesson, readonly ResolveFailure[]> {
  const failures: ResolveFailure[] = [];
  const chapters: ResolvedChapter[] = [];
  def.chapters.forEach((c, index) => {
    const r = resolveChapter(c, index, q, tables);
    if (typeof r === 'string') failures.push({ lesson: def.title, chapter: c.title, message: r });
    else chapters.push(r);
  });
  if (failures.length > 0) return { ok: false, error: failures };
  return { ok: true, value: { id: def.id, title: def.title, goal: def.goal, chapters } };
}

function resolveChapter(c: ChapterDef, index: number, q: RunQuery, tables?: TablesAt): ResolvedChapter | string {
  const caption = runText(c.caption, q);
  if (caption === undefined) return 'its caption names a value the run does not have';
  const nodes = typeof c.nodes === 'function' ? c.nodes(q) : c.nodes;
  if (nodes === undefined) return 'the devices it points at are not all in the run';
  const from = c.from.find(q);
  if (!from) return `its start was not found: ${c.from.describe}`;
  const to = c.to.find(q);
  if (!to) return `its end was not found: ${c.to.describe}`;
  if (to.time < from.time) return `it ends (${c.to.describe}) before it starts (${c.from.describe})`;
  const inSpan = (m: Moment) => m.time >= from.time && m.time <= to.time;
  const txIds = c.about(q).filter((id) => {
    const f = q.byTx(id);
    return f !== undefined && inSpan({ time: f.tx.time });
  });
  if (txIds.length === 0) return 'none of the frames it is about fall inside its span';

  let field: ResolvedChapter['field'];
  if (c.field) {
    const at = c.field.at.find(q);
    const f = at?.txId !== undefined ? q.byTx(at.txId) : undefined;
    if (!f) return `the frame whose field it highlights was not found: ${c.field.at.describe}`;
    const d = decodePacket(f.tx.bytes);
    if (!d.ok) return `the frame whose field it highlights does not decode: ${d.error.message}`;
    const indices = d.value.layers.flatMap((l, i) => (l.type === c.field!.layer ? [i] : []));
    const layerIndex = c.field.which === 'inner' ? indices[indices.length - 1] : indices[0];
    if (layerIndex === undefined) return `the frame has no ${c.field.layer} layer for the field ${c.field.field}`;
    const span = d.value.fields.find((s) => s.layerIndex === layerIndex && s.field === c.field!.field);
    if (!span) return `the ${c.field.layer} layer has no field "${c.field.field}"`;
    // In a packet inside a packet, say which of the two headers: "outer IPv4 destination address".
    const label = fieldLabel(LAYER_NAMES[c.field.layer], span.label);
    field = { txId: f.tx.id, layer: c.field.layer, layerIndex, field: c.field.field, label: indices.length > 1 ? `${c.field.which === 'inner' ? 'inner' : 'outer'} ${label}` : label };
  }

  let table: ResolvedChapter['table'];
  if (c.table) {
    const cells = Object.entries(c.table.match).map(([k, v]) => [k, runText(v, q)] as const);
    const missing = cells.find(([, v]) => v === undefined);
    if (missing) return `the row of ${c.table.node}'s "${c.table.table}" it points at needs a ${missing[0]} the run does not have`;
    const match = Object.fromEntries(cells) as Record<string, string>;
    table = { node: c.table.node, table: c.table.table, match, time: to.time, label: `${c.table.node}'s ${lowerFirst(c.table.table)}` };
    if (tables) {
      const t = tables(c.table.node, to.time);
      const rows = t.ok ? t.value.tables.find((x) => x.title === c.table!.table)?.rows : undefined;
      if (!rows) return `${c.table.node} has no "${c.table.table}" table at the chapter's end`;
      if (!rows.some((r) => Object.entries(match).every(([k, v]) => r.cells[k] === v))) {
        return `${c.table.node}'s "${c.table.table}" table has no row with ${JSON.stringify(match)} at the chapter's end`;
      }
    }
  }

  const questions: ResolvedQuestion[] = [];
  for (const qd of c.questions ?? []) {
    const prompt = runText(qd.prompt, q);
    if (prompt === undefined) return `question "${qd.id}": its prompt names a value the run does not have`;
    const about = qd.at.find(q);
    if (!about) return `question "${prompt}": its moment was not found: ${qd.at.describe}`;
    if (!inSpan(about)) return `question "${prompt}": its moment (${qd.at.describe}) lies outside the chapter`;
    const rubric = qd.rubric(q, about);
    if (!rubric) return `question "${prompt}": the engine's data gives no answer at ${qd.at.describe}`;
    if (rubric.choices.length < 2 || !rubric.choices.some((x) => x.id === rubric.answer)) return `question "${prompt}": the answer is not among at least two choices`;
    const debrief = qd.debrief === undefined ? undefined : runText(qd.debrief, q);
    if (qd.debrief !== undefined && debrief === undefined) return `question "${prompt}": its debrief names a value the run does not have`;
    const decider = deciderOf(q, about);
    questions.push({ id: qd.id, kind: qd.kind, prompt, about: stopBefore(q, about), choices: rubric.choices, answer: rubric.answer, why: rubric.why, ...(debrief ? { debrief } : {}), ...(decider ? { decider } : {}) });
  }

  let focus: readonly Moment[] | undefined;
  if (c.focus) {
    focus = c.focus(q).filter(inSpan);
    if (focus.length === 0) return 'none of the moments it slows down at fall inside its span';
  }

  const endEvent = to.txId === undefined ? to.eventId : undefined;
  const own = c.endNote !== undefined ? runText(c.endNote, q) : undefined;
  if (c.endNote !== undefined && own === undefined) return 'its end note names a value the run does not have';
  const endNote = endEvent !== undefined ? (own ?? q.events.find((e) => e.id === endEvent)?.summary) : undefined;
  return {
    index,
    id: c.id,
    title: c.title,
    caption,
    start: from.time,
    end: to.time,
    nodes,
    txIds,
    ...(field ? { field } : {}),
    ...(table ? { table } : {}),
    ...(endEvent !== undefined ? { endEvent } : {}),
    ...(endNote !== undefined ? { endNote } : {}),
    ...(focus ? { focus } : {}),
    questions,
  };
}

/** A lesson text as this run tells it. */
function runText(t: RunText, q: RunQuery): string | undefined {
  return typeof t === 'string' ? t : t(q);
}

/** "TCP destination port" from "TCP" and "Destination port"; "VXLAN network identifier (VNI)" stays as it is. */
function fieldLabel(layer: string, label: string): string {
  if (label.toLowerCase().startsWith(layer.toLowerCase())) return label;
  return `${layer} ${lowerFirst(label)}`;
}

/** "Routing table" becomes "routing table" inside a sentence; an acronym ("BGP neighbours", "SLB rules") stays. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/**
 * Where the player must stop so that nothing on screen gives the answer away: before the frame the
 * question is about, and before anything its sender sent once the packet reached it (an ARP request for
 * the next hop would name it).
 */
export function stopBefore(q: RunQuery, about: Moment): Moment {
  if (about.txId === undefined) return about;
  const f = q.byTx(about.txId);
  if (!f) return about;
  const sender = f.tx.fromNode;
  const arrival = arrivalAt(q, f, about);
  if (!arrival) return about;
  const first = q.frame((x) => x.tx.fromNode === sender && x.tx.time >= arrival.tx.arrive, { time: arrival.tx.arrive });
  return first && (first.tx.time < f.tx.time || (first.tx.time === f.tx.time && first.tx.id < f.tx.id)) ? { time: first.tx.time, txId: first.tx.id } : about;
}

/** The frame that brought the packet (or, for an answer, its question) into the node that sends `f`. */
function arrivalAt(q: RunQuery, f: Frame, about: Moment): Frame | undefined {
  const flow = f.tx.flowId;
  const same = (x: Frame) => x.tx.flowId === flow || (flow !== undefined && x.tx.flowId !== undefined && flow === `${x.tx.flowId}-reply`);
  return q.lastFrame((x) => x.tx.toNode === f.tx.fromNode && same(x) && x.tx.arrive <= f.tx.time, about);
}

/** Who decides what the question asks (the sender of the frame it is about), and since when it has the packet. */
function deciderOf(q: RunQuery, about: Moment): ResolvedQuestion['decider'] {
  const f = about.txId !== undefined ? q.byTx(about.txId) : undefined;
  // Only a packet of a traced flow is carried into a device and decided on; a BGP message is its sender's own.
  if (!f || f.tx.flowId === undefined) return undefined;
  const arrival = arrivalAt(q, f, about);
  return arrival ? { node: f.tx.fromNode, since: arrival.tx.arrive } : undefined;
}
