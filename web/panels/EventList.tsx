// The event list: every event of the run (time, from, at, protocol, summary), filtered by protocol, in
// step with the animation both ways: the current step's events are highlighted and scrolled into view,
// and choosing an event moves the playhead there.
import { Fragment, memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { chapterSpan } from '../lessons/chapterSteps';
import { foldEvents, ttlRange, type EventRow as Row } from '../model/foldEvents';
import type { SimEvent, Transmission } from '../../src-engine/protocol';
import { EVENT_LABEL, FILTER_KEYS, FILTER_LABELS, PROTOCOLS, isProbeFlowId } from '../../src-engine/view/index';
import { isEventVisible } from '../model/filters';
import { formatTime } from '../model/format';
import { selectCurrentTxId, selectCursor, selectHidden, selectResult, selectSelectedEventId, selectTimeline, useAppStore } from '../store/store';

interface RowProps {
  event: SimEvent;
  tx: Transmission | undefined;
  current: boolean;
  picked: boolean;
  /** The row of the frame the inspector and the Why show (of the several a step may hold). */
  inspected: boolean;
}

const EventRow = memo(function EventRow({ event, tx, current, picked, inspected }: RowProps) {
  const proto = tx?.protocol ?? event.protocol;
  return (
    <li
      id={`event-${event.id}`}
      role="option"
      aria-selected={current}
      data-current={current || undefined}
      data-picked={picked || undefined}
      data-inspected={inspected || undefined}
      className={`event event-${event.kind}${tx ? '' : ' event-state'}`}
      onClick={() => useAppStore.getState().selectEvent(event.id)}
    >
      <span className="ev-time">{formatTime(event.time)}</span>
      <span className="ev-from">{tx?.fromNode ?? event.node}</span>
      <span className="ev-at">{tx ? (tx.toNode ?? 'lost') : ''}</span>
      <span className={`ev-proto ${proto ? PROTOCOLS[proto].className : 'proto-none'}`}>{tx ? PROTOCOLS[tx.protocol].name : EVENT_LABEL[event.kind]}</span>
      <span className="ev-summary" title={tx?.note}>
        {tx ? tx.summary : event.summary}
      </span>
    </li>
  );
});

/** One row standing for many: events the chapter is not about, or a repetition, with the count and a way to open it. */
/** The devices one round of a repetition passes, the switch left out: "NATVM → BGPVM → …". */
function loopPath(round: readonly SimEvent[], switchId: string | undefined): string {
  const nodes = round.map((e) => e.node).filter((n) => n !== switchId);
  return `${[...nodes, nodes[0] ?? ''].join(' → ')} …`;
}

function FoldRow({ row, expanded, current, onToggle }: { row: Exclude<Row, { kind: 'event' }>; expanded: boolean; current: boolean; onToggle: () => void }) {
  const switchId = useAppStore((s) => s.snapshot?.topology.switch.id);
  const first = row.events[0]!;
  const kinds = [...new Set(row.events.map((e) => (e.protocol ?? e.kind).toUpperCase()))].join(', ');
  const text =
    row.kind === 'background'
      ? `${row.events.length} other event${row.events.length === 1 ? '' : 's'} (${kinds}) this chapter is not about`
      : `Repeated ${row.times} times: ${loopPath(row.events.slice(0, row.period), switchId)}${ttlRange(row.events) ? ` (${ttlRange(row.events)})` : ''}`;
  return (
    <li
      id={`fold-${row.key}`}
      role="option"
      aria-selected={current}
      aria-expanded={expanded}
      data-current={current || undefined}
      className={`event event-fold fold-${row.kind}`}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle();
        }
      }}
    >
      <span className="ev-time">{formatTime(first.time)}</span>
      <span className="ev-fold-text">
        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {text} · {expanded ? 'hide' : 'show'}
      </span>
    </li>
  );
}

export function EventList() {
  const result = useAppStore(selectResult);
  const timeline = useAppStore(selectTimeline);
  const hidden = useAppStore(selectHidden);
  // Deferred: the list follows the playhead in an interruptible render, after the diagram has moved.
  const cursor = useDeferredValue(useAppStore(selectCursor));
  const picked = useAppStore(selectSelectedEventId);
  const inspectedTx = useDeferredValue(useAppStore(selectCurrentTxId));
  const toggleFilter = useAppStore((s) => s.toggleFilter);
  const list = useRef<HTMLUListElement>(null);
  const lesson = useAppStore((s) => (s.showEverything ? undefined : s.lesson));
  const chapter = useAppStore((s) => s.chapter);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const lessonChapter = lesson?.chapters[chapter];
  // In a lesson, the list grows with the story: the chapter's events up to the playhead, never ahead.
  const events = useMemo(() => {
    if (!result) return [];
    const all = result.events.filter((e) => isEventVisible(e, hidden));
    if (!lessonChapter || !timeline) return all;
    const first = chapterSpan(lessonChapter, timeline).first;
    return all.filter((e) => {
      const st = timeline.stepOfEvent.get(e.id);
      return st !== undefined && st >= first && st <= cursor;
    });
  }, [result, hidden, lessonChapter, timeline, cursor]);
  const rows = useMemo(() => {
    if (!lessonChapter) return foldEvents(events);
    const about = new Set(lessonChapter.txIds);
    const nodes = new Set(lessonChapter.nodes);
    // Background: frames the chapter is not about, the control plane's health probes and ARP's notes, and
    // whatever happens at other devices.
    return foldEvents(events, (e) =>
      e.kind === 'transmission'
        ? !about.has(e.transmissionId) || isProbeFlowId(timeline?.tx.get(e.transmissionId)?.flowId)
        : e.protocol === 'arp' || e.kind === 'arp-learned' || e.kind === 'dip-health' || !nodes.has(e.node),
    );
  }, [events, lessonChapter, timeline]);
  const current = useMemo(() => new Set(timeline?.eventsOfStep[cursor] ?? []), [timeline, cursor]);
  const firstCurrent = events.find((e) => current.has(e.id));
  // The step's row the list points at: the user's pick, else the frame the inspector shows, else the first.
  const inspectedEvent = events.find((e) => e.kind === 'transmission' && e.transmissionId === inspectedTx && current.has(e.id));
  const activeId = picked !== undefined && current.has(picked) ? picked : (inspectedEvent ?? firstCurrent)?.id;

  // Before paint, so a step costs one paint, not a second one for the scroll.
  useLayoutEffect(() => {
    if (!firstCurrent || !list.current) return;
    const row = list.current.querySelector<HTMLElement>(`#event-${firstCurrent.id}`);
    const box = list.current;
    if (row && (row.offsetTop < box.scrollTop || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight)) {
      box.scrollTop = row.offsetTop - box.clientHeight / 3;
    }
  }, [firstCurrent]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = events.findIndex((x) => x.id === activeId);
    const next = events[Math.max(0, Math.min(events.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) useAppStore.getState().selectEvent(next.id);
  };

  return (
    <section className="events" aria-label="Events" data-shows-step={result ? cursor + 1 : undefined}>
      <div className="events-toolbar">
        <h2>Events</h2>
        <div role="group" aria-label="Show protocols" className="filters">
          {FILTER_KEYS.map((k) => (
            <button key={k} type="button" className={`filter proto-${k}`} aria-pressed={!hidden.includes(k)} onClick={() => toggleFilter(k)}>
              {FILTER_LABELS[k]}
            </button>
          ))}
        </div>
        <span className="muted events-count">{result ? `${events.length} of ${result.events.length} events` : 'No run yet'}</span>
      </div>
      <div className="events-head" aria-hidden="true">
        <span>Time</span>
        <span>From</span>
        <span>At</span>
        <span>Protocol</span>
        <span>Summary</span>
      </div>
      {/* A listbox may hold options only: before a run the hint stands in its place. */}
      {!result && <p className="empty">Send traffic to see every frame and every change in the network, in order.</p>}
      {result && (
      <ul
        ref={list}
        className="event-list"
        role="listbox"
        aria-label="Event list"
        tabIndex={0}
        aria-activedescendant={activeId !== undefined ? `event-${activeId}` : undefined}
        onKeyDown={onKeyDown}
      >
        {rows.map((r) => {
          if (r.kind === 'event') return <EventRow key={r.event.id} event={r.event} tx={r.event.kind === 'transmission' ? timeline?.tx.get(r.event.transmissionId) : undefined} current={current.has(r.event.id)} picked={picked === r.event.id} inspected={r.event.id === inspectedEvent?.id} />;
          const expanded = open.has(r.key) || (r.kind === 'background' && r.events.some((e) => e.id === picked));
          const toggle = () => setOpen((o) => (o.has(r.key) ? new Set([...o].filter((k) => k !== r.key)) : new Set([...o, r.key])));
          return (
            <Fragment key={r.key}>
              <FoldRow row={r} expanded={expanded} current={r.events.some((e) => current.has(e.id))} onToggle={toggle} />
              {expanded && r.events.map((e) => <EventRow key={e.id} event={e} tx={e.kind === 'transmission' ? timeline?.tx.get(e.transmissionId) : undefined} current={current.has(e.id)} picked={picked === e.id} inspected={e.id === inspectedEvent?.id} />)}
            </Fragment>
          );
        })}
      </ul>
      )}
    </section>
  );
}
