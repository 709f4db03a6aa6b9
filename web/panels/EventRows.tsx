// The event list's rows, in step with the animation both ways: the current step's rows are highlighted
// and scrolled into view, and choosing a row moves the playhead there. Only the rows in view (and the
// current one) are in the page, so a run of any length costs the same per step; a short run (the POC's)
// keeps every row, for find-in-page. Loaded with the first run.
import { useVirtualizer, defaultRangeExtractor, type Range, type Rect, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { foldEvents, ttlRange, type EventRow as Row } from '../model/foldEvents';
import type { SimEvent, Transmission } from '../../src-engine/protocol';
import { EVENT_LABEL, PROTOCOLS, isProbeFlowId } from '../../src-engine/view/index';
import { formatTime } from '../model/format';
import type { Timeline } from '../model/timeline';
import { selectTopology, useAppStore, type AppState } from '../store/store';
import { termsOf } from '../../src-engine/view/glossary';
import { Glossed } from '../glossary/Glossed';
import { scrollListTo } from './listScroll';
import { openGlossary } from '../glossary/glossaryStore';

/** Up to this many rows every row is in the page; beyond it only those in view. */
export const ALL_ROWS = 500;
/**
 * A row's height before any row is measured (one line at the normal text size). The last event row
 * measured sets the estimate of every row not yet measured, so rows that arrive later match it: measuring
 * them then changes neither the list's height nor its scroll position.
 */
const ROW_ESTIMATE = 16;

/**
 * A short run's rows follow one another in blocks of this many, each block positioned (a part of its own in the
 * browser's painting, painted again only when a row in it changes), the rows in it not: a positioned box each
 * (hundreds) made the browser's sorting of the page into layers, which it does three times a step, ten times
 * dearer than the diagram's. Blocks of 16: a step paints again at most two blocks (its rows and the last step's).
 */
export const BLOCK_ROWS = 16;

/** The rows in blocks of BLOCK_ROWS by their place in the list (a row keeps its block as the playhead moves). */
function blocks<T extends { readonly index: number }>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const r of rows) (out[Math.floor(r.index / BLOCK_ROWS)] ??= []).push(r);
  return out.filter((b) => b !== undefined);
}

/**
 * The list's size, from the resize observer alone: its first report comes after the page's own layout. The
 * library's default reads the size as the list mounts, which makes the browser lay out the whole page (the
 * diagram of thousands of devices included) there and then, inside the first run's task. The list has no
 * padding, so its content box is the size the library would have read. Until the first report the list counts
 * as empty (a short run shows every row anyway).
 */
export function observeListRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const el = instance.scrollElement;
  const Observer = instance.targetWindow?.ResizeObserver;
  if (!el || !Observer) return undefined;
  const observer = new Observer((entries) => {
    const box = entries[entries.length - 1]?.contentBoxSize[0];
    if (box) cb({ width: Math.round(box.inlineSize), height: Math.round(box.blockSize) });
  });
  observer.observe(el, { box: 'content-box' });
  return () => observer.disconnect();
}

interface RowProps {
  event: SimEvent;
  tx: Transmission | undefined;
  current: boolean;
  picked: boolean;
  /** The row of the frame the inspector and the Why show (of the several a step may hold). */
  inspected: boolean;
  index: number;
  /** Where the row sits in the list (px), when rows are placed by the list; undefined when they follow one another. */
  top: number | undefined;
  measure: (el: HTMLElement | null) => void;
}

/** A row placed by the list (a long run, only the rows in view in the page); none when the rows follow one another. */
const placed = (top: number | undefined) => (top === undefined ? undefined : { transform: `translateY(${top}px)` });

const EventRow = memo(function EventRow({ event, tx, current, picked, inspected, index, top, measure }: RowProps) {
  const proto = tx?.protocol ?? event.protocol;
  return (
    <li
      id={`event-${event.id}`}
      ref={measure}
      data-index={index}
      data-odd={index % 2 === 1 || undefined}
      style={placed(top)}
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
        <Glossed text={tx ? tx.summary : event.summary} node={tx?.fromNode ?? event.node} inert />
      </span>
    </li>
  );
});

/** One row standing for many: events the chapter is not about, or a repetition, with the count and a way to open it. */
const withTtl = (range: string | undefined) => (range ? ` (${range})` : '');

/** The devices one round of a repetition passes, the switch left out: "NATVM → BGPVM → …". */
function loopPath(round: readonly SimEvent[], switchId: string | undefined): string {
  const nodes = round.map((e) => e.node).filter((n) => n !== switchId);
  return `${[...nodes, nodes[0] ?? ''].join(' → ')} …`;
}

const FoldRow = memo(function FoldRow({ row, expanded, current, onToggle, index, top, measure }: { row: Exclude<Row, { kind: 'event' }>; expanded: boolean; current: boolean; onToggle: (key: string) => void; index: number; top: number | undefined; measure: (el: HTMLElement | null) => void }) {
  const switchId = useAppStore((s) => s.snapshot?.topology.switch.id);
  const timeline = useAppStore((s) => s.timeline);
  const first = row.events[0]!;
  const kinds = [...new Set(row.events.map((e) => (e.protocol ?? e.kind).toUpperCase()))].join(', ');
  const text =
    row.kind === 'background'
      ? `${row.events.length} other event${row.events.length === 1 ? '' : 's'} (${kinds}) this chapter is not about`
      : `Repeated ${row.times} times: ${loopPath(row.events.slice(0, row.period), switchId)}${withTtl(ttlRange(row.events, (id) => timeline?.tx.get(id)))}`;
  return (
    <li
      id={`fold-${row.key}`}
      ref={measure}
      data-index={index}
      data-odd={index % 2 === 1 || undefined}
      style={placed(top)}
      role="option"
      aria-selected={current}
      data-expanded={expanded || undefined}
      data-current={current || undefined}
      className={`event event-fold fold-${row.kind}`}
      onClick={() => onToggle(row.key)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle(row.key);
        }
      }}
    >
      <span className="ev-time">{formatTime(first.time)}</span>
      <span className="ev-fold-text">
        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {text} · {expanded ? 'hide' : 'show'}
      </span>
    </li>
  );
});

/** One line of the list: an event, or a folded run of them. */
type Item = { readonly kind: 'event'; readonly key: string; readonly event: SimEvent } | { readonly kind: 'fold'; readonly key: string; readonly row: Exclude<Row, { kind: 'event' }>; readonly expanded: boolean };

interface EventRowsProps {
  readonly events: readonly SimEvent[];
  readonly timeline: Timeline | undefined;
  readonly cursor: number;
  /** The frame the inspector shows (deferred with the cursor, by the list). */
  readonly inspectedTx: number | undefined;
  readonly lessonChapter: NonNullable<AppState['lesson']>['chapters'][number] | undefined;
}

function EventRowsList({ events, timeline, cursor, inspectedTx, lessonChapter }: EventRowsProps) {
  const picked = useAppStore((s) => s.selectedEventId);
  const list = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
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
  const items = useMemo(() => {
    const out: Item[] = [];
    for (const r of rows) {
      if (r.kind === 'event') {
        out.push({ kind: 'event', key: `e${r.event.id}`, event: r.event });
        continue;
      }
      const expanded = open.has(r.key) || (r.kind === 'background' && r.events.some((e) => e.id === picked));
      out.push({ kind: 'fold', key: r.key, row: r, expanded });
      if (expanded) for (const e of r.events) out.push({ kind: 'event', key: `e${e.id}`, event: e });
    }
    return out;
  }, [rows, open, picked]);
  const current = useMemo(() => new Set(timeline?.eventsOfStep[cursor] ?? []), [timeline, cursor]);
  const firstCurrent = events.find((e) => current.has(e.id));
  // The step's row the list points at: the user's pick, else the frame the inspector shows, else the first.
  const inspectedEvent = events.find((e) => e.kind === 'transmission' && e.transmissionId === inspectedTx && current.has(e.id));
  const activeId = picked !== undefined && current.has(picked) ? picked : (inspectedEvent ?? firstCurrent)?.id;
  const indexOfEvent = useMemo(() => {
    const m = new Map<number, number>();
    items.forEach((it, i) => {
      if (it.kind === 'event') m.set(it.event.id, i);
      else for (const e of it.row.events) if (!m.has(e.id)) m.set(e.id, i);
    });
    return m;
  }, [items]);
  const currentIndex = firstCurrent ? indexOfEvent.get(firstCurrent.id) : undefined;
  const activeIndex = activeId !== undefined ? indexOfEvent.get(activeId) : undefined;
  // The row the listbox points at: the event's own, or the folded row that holds it (the event has no row then).
  const activeItem = activeIndex !== undefined ? items[activeIndex] : undefined;
  const activeRowId = activeItem === undefined ? undefined : activeItem.kind === 'event' ? `event-${activeItem.event.id}` : `fold-${activeItem.key}`;

  // Every row when there are few; else the rows in view, and always the active one (the listbox points at it).
  const rangeExtractor = useCallback(
    (range: Range) => {
      if (range.count <= ALL_ROWS) return Array.from({ length: range.count }, (_, i) => i);
      const shown = defaultRangeExtractor(range);
      if (activeIndex !== undefined && !shown.includes(activeIndex)) return [...shown, activeIndex].sort((a, b) => a - b);
      return shown;
    },
    [activeIndex],
  );
  const rowHeight = useRef(ROW_ESTIMATE);
  // eslint-disable-next-line react-hooks/incompatible-library -- its functions are used in this render and the effect below, never memoised
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => list.current,
    estimateSize: () => rowHeight.current,
    getItemKey: (i) => items[i]!.key,
    overscan: 12,
    rangeExtractor,
    useFlushSync: false,
    observeElementRect: observeListRect,
    // No scroll written as the list mounts (see listScroll.ts): it would lay out the whole page inside the task.
    scrollToFn: scrollListTo,
    // Sizes come from the resize observer only (after the page's own layout), never from reading a row's
    // layout as it mounts: that read would make the browser lay out the whole page (the diagram
    // included) in the middle of a step. Until observed, a row counts as its estimate.
    measureElement: (el, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (!box) return instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(el))) ?? rowHeight.current;
      const size = Math.round(box.blockSize);
      // The current step's rows may take a second line for their whole summary: they set no estimate.
      if (size > 0 && !el.classList.contains('event-fold') && !el.hasAttribute('data-current')) rowHeight.current = size;
      return size;
    },
  });

  // The current step's first row is brought into view (centred) when it is out of it. Whether it is, and
  // where it sits, come from the list's own measurements: no layout is read from the page, and the list
  // is scrolled once, not re-checked frame after frame.
  // Checked again whenever measured rows change the list's height: rows taller than estimated (wrapped on a
  // narrow screen) push the current row out of the place first scrolled to.
  // Not before the list's size is known (its resize observer's first report): centring needs its height.
  const totalSize = virtualizer.getTotalSize();
  const height = virtualizer.scrollRect?.height ?? 0;
  useEffect(() => {
    const el = list.current;
    if (currentIndex === undefined || !el || height === 0) return;
    const item = virtualizer.measurementsCache[currentIndex];
    const top = virtualizer.scrollOffset ?? 0;
    if (!item || (item.start >= top && item.end <= top + height)) return;
    const max = Math.max(0, totalSize - height);
    const to = Math.round(Math.min(max, Math.max(0, item.start + item.size / 2 - height / 2)));
    // Scrolled at the start of the next frame, not in this task: a scroll written while the compositor is still
    // committing the last frame makes the page's thread wait for that commit (half a second at 4,000 VMs).
    const frame = requestAnimationFrame(() => {
      el.scrollTop = to;
    });
    return () => cancelAnimationFrame(frame);
  }, [currentIndex, virtualizer, totalSize, height]);

  const topology = useAppStore(selectTopology);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      // The chosen row's words, explained: its terms are marked text in an option, which holds nothing to focus.
      const ev = events.find((x) => x.id === activeId);
      const el = list.current;
      if (!ev || !el) return;
      e.preventDefault();
      const tx = ev.kind === 'transmission' ? timeline?.tx.get(ev.transmissionId) : undefined;
      const node = tx?.fromNode ?? ev.node;
      const row = document.getElementById(`event-${ev.id}`);
      openGlossary(termsOf(tx ? tx.summary : ev.summary, { topology, node }), row?.querySelector<HTMLElement>('.ev-summary') ?? row ?? el, node, el);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = events.findIndex((x) => x.id === activeId);
    const next = events[Math.max(0, Math.min(events.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) useAppStore.getState().selectEvent(next.id);
  };
  const toggle = useCallback((key: string) => setOpen((o) => (o.has(key) ? new Set([...o].filter((k) => k !== key)) : new Set([...o, key]))), []);
  // Every row in the page (a short run): the rows follow one another in the list, each as tall as it is. A row
  // that grows (the current one, its summary whole) moves the rows below it without their being rendered again:
  // a step renders only the rows whose marks change (in blocks: see BLOCK_ROWS). A long run's rows in view are
  // placed by the list.
  const flow = items.length <= ALL_ROWS;
  const row = (v: VirtualItem) => {
    const it = items[v.index]!;
    if (it.kind === 'event') {
      const e = it.event;
      return <EventRow key={it.key} event={e} tx={e.kind === 'transmission' ? timeline?.tx.get(e.transmissionId) : undefined} current={current.has(e.id)} picked={picked === e.id} inspected={e.id === inspectedEvent?.id} index={v.index} top={flow ? undefined : v.start} measure={virtualizer.measureElement} />;
    }
    return <FoldRow key={it.key} row={it.row} expanded={it.expanded} current={it.row.events.some((e) => current.has(e.id))} onToggle={toggle} index={v.index} top={flow ? undefined : v.start} measure={virtualizer.measureElement} />;
  };

  return (
    // The listbox is the scroll box (so its focus ring is where the rows show); the list inside is as tall as
    // every row, and the rows in the page sit at their places in it.
    <>
      <div
        ref={list}
        className="event-list"
        role="listbox"
        aria-label="Event list"
        tabIndex={0}
        aria-activedescendant={activeRowId}
        aria-describedby="event-list-keys"
        aria-keyshortcuts="Enter"
        onKeyDown={onKeyDown}
      >
        {flow ? (
          blocks(virtualizer.getVirtualItems()).map((block) => (
            <ul key={Math.floor(block[0]!.index / BLOCK_ROWS)} className="event-rows" role="presentation" data-flow>
              {block.map(row)}
            </ul>
          ))
        ) : (
          <ul className="event-rows" role="presentation" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map(row)}
          </ul>
        )}
      </div>
      <span id="event-list-keys" className="sr-only">
        Up and down arrows choose a row; Enter explains the words of the chosen row.
      </span>
    </>
  );
}

/** Memoised: the list's urgent render at a step (the playhead moved, its deferred value not yet) leaves the rows alone. */
export const EventRows = memo(EventRowsList);
