// The event list: every event of the run (time, from, at, protocol, summary), filtered by protocol, in
// step with the animation both ways: the current step's events are highlighted and scrolled into view,
// and choosing an event moves the playhead there.
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { SimEvent, Transmission } from '../../src-engine/protocol';
import { FILTER_KEYS, FILTER_LABELS, PROTOCOLS } from '../../src-engine/view/index';
import { isEventVisible } from '../model/filters';
import { formatTime } from '../model/format';
import { selectCursor, selectHidden, selectResult, selectSelectedEventId, selectTimeline, useAppStore } from '../store/store';

const KIND_LABEL: Partial<Record<SimEvent['kind'], string>> = {
  drop: 'drop',
  'node-failed': 'failure',
  'node-restored': 'restore',
  'link-failed': 'link down',
  'link-restored': 'link up',
  'bgp-state': 'BGP state',
  'route-installed': 'route +',
  'route-removed': 'route −',
  'arp-learned': 'ARP learned',
  'flow-created': 'VFP flow',
  info: 'note',
};

interface RowProps {
  event: SimEvent;
  tx: Transmission | undefined;
  current: boolean;
  picked: boolean;
}

const EventRow = memo(function EventRow({ event, tx, current, picked }: RowProps) {
  const proto = tx?.protocol ?? event.protocol;
  return (
    <li
      id={`event-${event.id}`}
      role="option"
      aria-selected={current}
      data-current={current || undefined}
      data-picked={picked || undefined}
      className={`event event-${event.kind}${tx ? '' : ' event-state'}`}
      onClick={() => useAppStore.getState().selectEvent(event.id)}
    >
      <span className="ev-time">{formatTime(event.time)}</span>
      <span className="ev-from">{tx?.fromNode ?? event.node}</span>
      <span className="ev-at">{tx ? (tx.toNode ?? 'lost') : ''}</span>
      <span className={`ev-proto ${proto ? PROTOCOLS[proto].className : 'proto-none'}`}>{tx ? PROTOCOLS[tx.protocol].name : (KIND_LABEL[event.kind] ?? event.kind)}</span>
      <span className="ev-summary" title={tx?.note}>
        {tx ? tx.summary : event.summary}
      </span>
    </li>
  );
});

export function EventList() {
  const result = useAppStore(selectResult);
  const timeline = useAppStore(selectTimeline);
  const hidden = useAppStore(selectHidden);
  // Deferred: the list follows the playhead in an interruptible render, after the diagram has moved.
  const cursor = useDeferredValue(useAppStore(selectCursor));
  const picked = useAppStore(selectSelectedEventId);
  const toggleFilter = useAppStore((s) => s.toggleFilter);
  const list = useRef<HTMLUListElement>(null);
  const events = useMemo(() => (result ? result.events.filter((e) => isEventVisible(e, hidden)) : []), [result, hidden]);
  const current = useMemo(() => new Set(timeline?.eventsOfStep[cursor] ?? []), [timeline, cursor]);
  const firstCurrent = events.find((e) => current.has(e.id));

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
    const at = events.findIndex((x) => x.id === (picked !== undefined && current.has(picked) ? picked : firstCurrent?.id));
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
      <ul
        ref={list}
        className="event-list"
        role="listbox"
        aria-label="Event list"
        tabIndex={0}
        aria-activedescendant={firstCurrent ? `event-${(picked !== undefined && current.has(picked) ? picked : firstCurrent.id)}` : undefined}
        onKeyDown={onKeyDown}
      >
        {events.map((e) => (
          <EventRow key={e.id} event={e} tx={e.transmissionId !== undefined ? timeline?.tx.get(e.transmissionId) : undefined} current={current.has(e.id)} picked={picked === e.id} />
        ))}
        {!result && <li className="empty">Send traffic to see every frame and every change in the network, in order.</li>}
      </ul>
    </section>
  );
}
