// The sequence (ladder) diagram panel: the model from the run, drawn with d3 into two SVGs (sticky lane
// names, and the rows), only the rows in sight. It follows the playhead both ways: stepping highlights
// and scrolls to the step's rows; clicking a row moves the playhead there. Arrow keys step.
import { select } from 'd3-selection';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatTime } from '../model/format';
import { selectCursor, selectHidden, selectResult, selectSnapshot, selectTimeline, useAppStore } from '../store/store';
import { downloadText } from '../export/download';
import { slug } from '../model/format';
import { cssColor, CSS_INK, drawLanes, drawRows, sequenceSvg, type DrawOptions } from './drawSequence';
import { sequenceBenchHooks } from './benchHooks';
import { frameLook } from './frameLook';
import { buildSequence, HEAD_H, visibleRows, type SeqRow, type SequenceModel } from './sequenceModel';

/** Resolved colours for a file: the page's current theme, read once from its CSS variables. */
function resolvedInk(el: Element): Pick<DrawOptions, 'color' | 'ink'> {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    color: (p) => v(`--p-${p === 'udp' ? 'other' : p}`, '#555'),
    ink: { fg: v('--fg', '#1b1f24'), muted: v('--muted', '#5b6470'), line: v('--line', '#d8dde3'), down: v('--down', '#c62828'), current: '#fff3c4', bg: '#ffffff' },
  };
}

function describeRow(model: SequenceModel, row: SeqRow | undefined): string {
  if (!row) return 'No frame at this step (hidden by the filters).';
  const name = (i: number) => model.lanes[i]?.label ?? '?';
  if (row.kind === 'frame') {
    const to = row.to.length === 0 ? 'nowhere' : row.to.length > 1 ? `${row.to.length} ports` : name(row.to[0]!);
    const tunnel = row.tunnel ? ` in VXLAN ${row.tunnel.src} ⇒ ${row.tunnel.dst} (VNI ${row.tunnel.vni})` : '';
    return `${formatTime(row.time)}: ${name(row.from)} → ${to}, ${row.label}${tunnel}`;
  }
  if (row.kind === 'mark') return `${formatTime(row.time)}: ${row.mark === 'ttl' ? 'TTL exceeded' : 'dropped'} at ${name(row.lane)}: ${row.text}`;
  return `${formatTime(row.time)}: inside a repetition folded away (${row.hiddenRows} frames). Expand it to see each.`;
}

const NONE: ReadonlySet<string> = new Set();

export function SequenceDiagram() {
  const result = useAppStore(selectResult);
  const timeline = useAppStore(selectTimeline);
  const hidden = useAppStore(selectHidden);
  const cursor = useAppStore(selectCursor);
  const snapshot = useAppStore(selectSnapshot);
  // Folds the user opened, for this run only.
  const [opened, setOpened] = useState<{ run: unknown; ids: ReadonlySet<string> }>({ run: undefined, ids: NONE });
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<SVGGElement>(null);
  const body = useRef<SVGGElement>(null);
  const lanesG = useRef<SVGGElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  const switchId = snapshot?.topology.switch.id ?? '';
  const vfpHost = snapshot?.topology.switch.vfp ? snapshot.topology.switch.host : undefined;
  const expanded = opened.run === result ? opened.ids : NONE;
  const setExpanded = useCallback((f: (ids: ReadonlySet<string>) => ReadonlySet<string>) => setOpened((o) => ({ run: result, ids: f(o.run === result ? o.ids : NONE) })), [result]);

  const model = useMemo(
    () => (result && timeline ? buildSequence({ result, timeline, switchId, vfpHost, hidden, expanded, look: frameLook }) : undefined),
    [result, timeline, switchId, vfpHost, hidden, expanded],
  );
  const currentRow = model?.rowOfStep.get(cursor);
  // The current step's rows: from its first row on, while they are of this step (or the fold that holds it).
  // Read from the step's index, not by scanning every row: a move costs the same on a run of 5,000 frames.
  const current = useMemo(() => {
    const keys = new Set<string>();
    if (!model || currentRow === undefined) return keys;
    for (let i = currentRow; i < model.rows.length; i++) {
      const r = model.rows[i]!;
      const here = r.kind === 'fold' ? cursor >= r.firstStep && cursor <= r.lastStep : r.step === cursor;
      if (!here && i > currentRow) break;
      keys.add(r.key);
    }
    return keys;
  }, [model, cursor, currentRow]);

  // The benchmark's build only: open every fold (folds inside an opened one too).
  useEffect(() => {
    if (import.meta.env.MODE !== 'bench' || !result || !timeline) return;
    sequenceBenchHooks.unfoldAll = () => {
      let ids: ReadonlySet<string> = NONE;
      for (;;) {
        const m = buildSequence({ result, timeline, switchId, vfpHost, hidden, expanded: ids, look: frameLook });
        const more = m.rows.flatMap((r) => (r.kind === 'fold' && !ids.has(r.foldId) ? [r.foldId] : []));
        if (more.length === 0) break;
        ids = new Set([...ids, ...more]);
      }
      setExpanded(() => ids);
    };
    return () => {
      sequenceBenchHooks.unfoldAll = undefined;
    };
  }, [result, timeline, switchId, vfpHost, hidden, setExpanded]);

  const onRow = useCallback((row: SeqRow) => {
    if (row.kind === 'fold') {
      setExpanded((e) => new Set([...e, row.foldId]));
      return;
    }
    const s = useAppStore.getState();
    s.pause();
    s.seek(row.step);
    if (row.kind === 'frame') s.selectTx(row.txIds[0]);
  }, [setExpanded]);

  const options = useMemo<DrawOptions>(() => ({ color: cssColor, ink: CSS_INK, current, onRow }), [current, onRow]);

  // Lanes (heads and lines) change only with the model, not with the playhead.
  useEffect(() => {
    if (!model || !head.current || !lanesG.current) return;
    const laneOptions: DrawOptions = { color: cssColor, ink: CSS_INK, current: NONE };
    drawLanes(select(head.current), model, laneOptions, true);
    drawLanes(select(lanesG.current), model, laneOptions, false);
  }, [model]);

  // Rows: only those in sight, re-joined as the view scrolls or the playhead moves.
  useEffect(() => {
    if (!model || !body.current) return;
    drawRows(select(body.current), model, visibleRows(model, view.top, view.top + view.height), options);
  }, [model, view, options]);

  // Follow the playhead: bring the current row into view (a third from the top) when it is out of sight.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!model || currentRow === undefined || !box) return;
    const y = model.rows[currentRow]!.y;
    if (y < box.scrollTop + HEAD_H + 10 || y > box.scrollTop + box.clientHeight - 20) {
      box.scrollTop = Math.max(0, y - box.clientHeight / 3);
      setView({ top: box.scrollTop, height: box.clientHeight });
    }
  }, [model, currentRow]);

  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    let raf = 0;
    const update = () => {
      raf = 0;
      setView((v) => (v.top === box.scrollTop && v.height === box.clientHeight ? v : { top: box.scrollTop, height: box.clientHeight }));
    };
    const onScroll = () => {
      if (!raf) raf = requestAnimationFrame(update);
    };
    update();
    box.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onScroll);
    ro.observe(box);
    return () => {
      box.removeEventListener('scroll', onScroll);
      ro.disconnect();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [model !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps

  const onKeyDown = (e: KeyboardEvent) => {
    const s = useAppStore.getState();
    if (e.key === 'ArrowDown') s.stepForward();
    else if (e.key === 'ArrowUp') s.stepBack();
    else return;
    e.preventDefault();
  };

  const exportSvg = () => {
    if (!model || !scroller.current || !result) return;
    const ink = resolvedInk(scroller.current);
    const title = `Sequence diagram: ${result.trace.description}`;
    const text = sequenceSvg(model, { ...ink, current: new Set() }, title);
    downloadText(text, `hoplab-sequence-${slug(result.request.from)}-${slug(result.request.to)}.svg`, 'image/svg+xml');
  };

  const folds = model?.rows.filter((r) => r.kind === 'fold').length ?? 0;
  const description = model ? describeRow(model, currentRow !== undefined ? model.rows[currentRow] : undefined) : '';

  return (
    <section className="sequence" aria-label="Sequence diagram">
      <div className="sequence-toolbar">
        <h2 className="sr-only">Sequence diagram</h2>
        <span className="muted sequence-now" aria-live="off">
          {model ? description : 'Send traffic to draw every frame between the devices, in time order.'}
        </span>
        {expanded.size > 0 && (
          <button type="button" onClick={() => setExpanded(() => NONE)}>
            Fold repetitions
          </button>
        )}
        <button type="button" onClick={exportSvg} disabled={!model} title="Download the whole sequence diagram as an SVG picture">
          Download SVG
        </button>
      </div>
      <div
        ref={scroller}
        className="sequence-scroll"
        tabIndex={0}
        role="group"
        aria-label={model ? `Sequence diagram of ${model.rows.length} rows${folds ? `, ${folds} repetition folded` : ''}. Up and down arrows step.` : 'Sequence diagram (no run yet)'}
        onKeyDown={onKeyDown}
      >
        {model && (
          <>
            <svg className="sequence-head" width={model.width} height={HEAD_H} aria-hidden="true">
              <g ref={head} />
            </svg>
            <svg className="sequence-body" width={model.width} height={model.height - HEAD_H} viewBox={`0 ${HEAD_H} ${model.width} ${model.height - HEAD_H}`} aria-hidden="true">
              <g ref={lanesG} />
              <g ref={body} />
            </svg>
          </>
        )}
      </div>
    </section>
  );
}
