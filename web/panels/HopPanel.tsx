// Why: the current hop in plain language. Which route, rule or hash decided, what was rewritten, and at
// the end of the path (the last hop of the request or of its answer) the flow's disposition and its
// reason. The diagram's status line says the same at all times.
import { useDeferredValue, useMemo } from 'react';
import type { FlowTrace, Transmission } from '../../src-engine/protocol';
import { DISPOSITION_LABEL, EVENT_LABEL, ROLE_LABEL, ROLE_NOTE, inUserFlow, isDelivered, transmissionRole, viewFrame } from '../../src-engine/view/index';
import { formatTime } from '../model/format';
import { hopContext, isLastHop, type HopRef } from '../model/hops';
import { selectCursor, selectCurrentTx, selectCurrentTxId, selectOpenQuestion, selectParts, selectResult, useAppStore, type AppState } from '../store/store';
import { Glossed } from '../glossary/Glossed';
import { HopSteps } from './HopSteps';
import { PathStrip } from './PathStrip';

function Outcome({ trace }: { trace: FlowTrace }) {
  const ok = isDelivered(trace.disposition);
  return (
    <p className={`outcome ${ok ? 'outcome-ok' : 'outcome-failed'}`} data-disposition={trace.disposition}>
      <strong>
        {ok ? '✓' : '✕'} {trace.description}: {DISPOSITION_LABEL[trace.disposition]}.
      </strong>{' '}
      <Glossed text={trace.reason} />
    </p>
  );
}

function HopView({ at, role }: { at: HopRef; role: 'sender' | 'end' }) {
  const { hop, part, index } = at;
  return (
    <div className={`hop hop-${role}`} data-node={hop.node}>
      <p className="hop-head">
        {part.title} · hop {index + 1} of {part.hops.length} · <strong>{hop.node}</strong>
        {role === 'end' ? ' (last hop)' : ''}
      </p>
      <p className="why">
        <Glossed text={hop.why} node={hop.node} />
      </p>
      <HopSteps steps={hop.steps} node={hop.node} />
    </div>
  );
}

/** A frame no traced hop explains: named for the part it plays, with what its sender said of it. */
function UntracedFrame({ tx }: { tx: Transmission }) {
  const { tokenLabel } = viewFrame(tx.bytes);
  const role = transmissionRole(tx);
  const roleLabel = ROLE_LABEL[role];
  return (
    <div className="hop" data-role={role}>
      <p className="hop-head">
        <strong>{roleLabel}</strong> · {tokenLabel} (frame #{tx.id}) · {ROLE_NOTE[role]}
      </p>
      <p className="why">
        <Glossed text={tx.note ?? tx.summary} node={tx.fromNode} />
      </p>
    </div>
  );
}

/**
 * At the end of a lesson's chapter that ends on an event (a session going down, a route installed), when the
 * step shown holds none of the frames the chapter is about: that event, which has no frame of its own.
 */
const selectChapterEndEvent = (s: AppState) => {
  const c = s.lesson?.chapters[s.chapter];
  if (c?.endEvent === undefined || s.showEverything || !s.bounds || s.bounds.blocked || s.cursor !== s.bounds.last) return undefined;
  const tx = selectCurrentTxId(s);
  return tx !== undefined && c.txIds.includes(tx) ? undefined : s.result?.events[c.endEvent];
};

export function HopPanel() {
  // Deferred: rendered after the diagram, interruptibly (see useCurrentPacket).
  const tx = useDeferredValue(useAppStore(selectCurrentTx));
  // Which step this deferred render shows (1-based, as the playback readout), for tests to wait on.
  const shownStep = useDeferredValue(useAppStore(selectCursor)) + 1;
  const parts = useAppStore(selectParts);
  const result = useAppStore(selectResult);
  // While a lesson's question is open, the path ahead and the outcome would give the answer away.
  const asking = useAppStore((s) => selectOpenQuestion(s) !== undefined);
  const endEvent = useDeferredValue(useAppStore(selectChapterEndEvent));
  const ctx = useMemo(() => (tx ? hopContext(parts, tx) : {}), [tx, parts]);
  if (!result) return null;
  const at = ctx.sender ?? ctx.receiver;
  const end = ctx.receiver && isLastHop(ctx.receiver) ? ctx.receiver : undefined;
  // A frame of a flow beyond its traced first packet: a retransmission, the handshake's ACK, data.
  const attempt = tx && !at && inUserFlow(tx) ? (result.attempts ?? [result.trace]).find((a) => tx.flowId === a.id || tx.flowId === `${a.id}-reply`) : undefined;
  return (
    <section className="hop-panel" aria-labelledby="why-title" data-shows-step={shownStep}>
      <h3 id="why-title">Why</h3>
      {endEvent && (
        <div className="hop hop-end-event" data-event={endEvent.id}>
          <p className="hop-head">
            <strong>Where this chapter ends</strong> · {EVENT_LABEL[endEvent.kind]} at {formatTime(endEvent.time)} · an event with no frame of its own
          </p>
          <p className="why">
            <Glossed text={endEvent.summary} node={endEvent.node} />
          </p>
        </div>
      )}
      {attempt && tx && (
        <div className="hop">
          <p className="hop-head">
            {attempt.attempt ? `Attempt ${attempt.attempt}: ` : ''}
            {attempt.description} · a later packet of the same connection
          </p>
          <p className="why">
            <Glossed text={tx.note ?? tx.summary} node={tx.fromNode} />
          </p>
        </div>
      )}
      {attempt && <Outcome trace={attempt} />}
      {tx && !at && !attempt && <UntracedFrame tx={tx} />}
      {ctx.sender && <HopView at={ctx.sender} role="sender" />}
      {end && !asking && <HopView at={end} role="end" />}
      {at && !asking && <PathStrip part={at.part} current={(end ?? at).index} />}
      {end && !asking && <Outcome trace={end.part.trace} />}
    </section>
  );
}
