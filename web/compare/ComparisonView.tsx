// Two runs side by side, for a class: how each ended, where their paths part (in words, and the row
// marked), and their hops aligned row by row. The engine's view module aligns and words it; this only draws.
// Its own module, loaded when a comparison first opens.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Hop, RunResult } from '../../src-engine/protocol';
import { compareParts, defaultPartKey, hopSummary, runParts, type AlignedRow, type RowStatus, type RunPart, type SideOutcome } from '../../src-engine/view/index';
import { selectComparison, useAppStore } from '../store/store';
import { describeSettings } from './runBForm';
import './compare.css';

const STATUS_WORDS: Record<RowStatus, string> = {
  same: 'same',
  differs: 'differs',
  apart: 'apart',
  'only-a': 'only A',
  'only-b': 'only B',
};

const STATUS_TITLES: Record<RowStatus, string> = {
  same: 'The same place, the same decision',
  differs: 'The same place, decided differently',
  apart: 'Each run is somewhere else',
  'only-a': 'Only run A has a hop here',
  'only-b': 'Only run B has a hop here',
};

/** Long tables (a routing loop) show the start, the parting and the end; the rest on request. */
const FOLD_OVER = 40;

function Outcome({ side, result, out }: { side: 'A' | 'B'; result: RunResult; out: SideOutcome }) {
  return (
    <section className={`compare-run compare-run-${side.toLowerCase()}`} aria-labelledby={`run-${side}-title`}>
      <h3 id={`run-${side}-title`}>
        <span className="compare-side">Run {side}</span> {describeSettings(result.request, result.seed)}
      </h3>
      <p className={`compare-outcome ${out.delivered ? 'outcome-ok' : 'outcome-failed'}`} data-testid={`outcome-${side}`} data-disposition={out.disposition}>
        <span aria-hidden="true">{out.delivered ? '✓ ' : '✕ '}</span>
        {out.label[0]!.toUpperCase() + out.label.slice(1)}
      </p>
      <details className="compare-reason">
        <summary>Why</summary>
        <p>{out.reason}</p>
      </details>
    </section>
  );
}

function HopCell({ hop, index, switchId, side }: { hop: Hop | undefined; index: number | undefined; switchId: string; side: 'A' | 'B' }) {
  if (!hop || index === undefined) {
    return (
      <td className="compare-none">
        <span aria-hidden="true">—</span>
        <span className="sr-only">no hop in run {side}</span>
      </td>
    );
  }
  return (
    <td>
      <span className="compare-hop-no">{index + 1}</span> <strong>{hop.node === switchId ? 'switch' : hop.node}</strong> <span className="compare-iface">{hop.interface}</span>
      <span className="compare-summary">{hopSummary(hop)}</span>
    </td>
  );
}

function PartPicker({ side, parts, value, onChange }: { side: 'A' | 'B'; parts: readonly RunPart[]; value: string; onChange: (key: string) => void }) {
  return (
    <label className="field">
      <span>Part of run {side}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {parts.map((p) => (
          <option key={p.key} value={p.key}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which rows to draw when the table is long: the first ones up to a little past the parting, and the last few. */
function shownRows(rows: readonly AlignedRow[], partedAt: number | undefined, all: boolean): (number | 'fold')[] {
  const n = rows.length;
  if (all || n <= FOLD_OVER) return rows.map((_, i) => i);
  const head = Math.max(20, (partedAt ?? 0) + 10);
  if (head + 5 >= n) return rows.map((_, i) => i);
  return [...Array.from({ length: head }, (_, i) => i), 'fold', ...Array.from({ length: 5 }, (_, i) => n - 5 + i)];
}

export default function ComparisonView() {
  const comparison = useAppStore(selectComparison);
  const switchId = useAppStore((s) => s.snapshot?.topology.switch.id ?? '');
  const exit = useAppStore((s) => s.exitComparison);
  const openSetup = useAppStore((s) => s.setCompareSetupOpen);
  const heading = useRef<HTMLHeadingElement>(null);
  const partsA = useMemo(() => (comparison ? runParts(comparison.a) : []), [comparison]);
  const partsB = useMemo(() => (comparison ? runParts(comparison.b) : []), [comparison]);
  const [picked, setPicked] = useState<{ of: unknown; a?: string; b?: string }>({ of: undefined });
  const [all, setAll] = useState(false);
  const mine = picked.of === comparison ? picked : { of: comparison };
  const keyA = mine.a ?? defaultPartKey(partsA) ?? '';
  const keyB = mine.b ?? defaultPartKey(partsB) ?? '';
  const partA = partsA.find((p) => p.key === keyA);
  const partB = partsB.find((p) => p.key === keyB);
  const c = useMemo(() => (partA && partB ? compareParts(partA, partB, switchId) : undefined), [partA, partB, switchId]);

  // In: the heading takes focus, so a screen reader starts here. Out: back to the button that came in.
  useEffect(() => {
    heading.current?.focus();
    return () => queueMicrotask(() => document.querySelector<HTMLButtonElement>('.compare-button')?.focus());
  }, []);
  if (!comparison || !partA || !partB || !c) return null;

  const pickA = (key: string) => {
    setAll(false);
    // B follows to the part of the same name when it has one (the answer with the answer).
    setPicked({ of: comparison, a: key, b: partsB.some((p) => p.key === key) ? key : keyB });
  };
  const pickB = (key: string) => {
    setAll(false);
    setPicked({ of: comparison, a: keyA, b: key });
  };
  const { rows, partedAt } = c.alignment;
  const request = comparison.a.request;

  return (
    <section className="comparison" aria-labelledby="comparison-title">
      <div className="comparison-head">
        <h2 id="comparison-title" tabIndex={-1} ref={heading}>
          Comparing two runs: {request.from} → {request.to}
        </h2>
        <div className="comparison-actions">
          <button type="button" onClick={() => openSetup(true)}>
            Change run B…
          </button>
          <button type="button" className="primary" onClick={exit} aria-keyshortcuts="Escape" title="Back to the run on screen (Esc)">
            Back to the run
          </button>
        </div>
      </div>
      <div className="compare-runs">
        <Outcome side="A" result={comparison.a} out={c.a} />
        <Outcome side="B" result={comparison.b} out={c.b} />
      </div>
      <div className="compare-pick">
        <PartPicker side="A" parts={partsA} value={keyA} onChange={pickA} />
        <PartPicker side="B" parts={partsB} value={keyB} onChange={pickB} />
      </div>
      <p className="compare-parting" data-testid="parting" data-parted-at={partedAt}>
        <strong>{partedAt === undefined ? 'Same path. ' : 'Where they part: '}</strong>
        {c.parting}
      </p>
      <div className="compare-table-wrap">
        <table className="compare-table" aria-label={`Hops of run A and run B, aligned: ${partA.title} against ${partB.title}`}>
          <thead>
            <tr>
              <th scope="col">Run A: hop, device, what it decided</th>
              <th scope="col" className="compare-status-col">
                A and B
              </th>
              <th scope="col">Run B: hop, device, what it decided</th>
            </tr>
          </thead>
          <tbody>
            {shownRows(rows, partedAt, all).map((k) => {
              if (k === 'fold') {
                const hidden = rows.length - (shownRows(rows, partedAt, false).length - 1);
                return (
                  <tr key="fold" className="compare-fold">
                    <td colSpan={3}>
                      <button type="button" onClick={() => setAll(true)}>
                        Show all {rows.length} rows ({hidden} more)
                      </button>
                    </td>
                  </tr>
                );
              }
              const row = rows[k]!;
              const parting = k === partedAt;
              return (
                <tr key={k} className={`compare-row compare-${row.status}${parting ? ' compare-parting-row' : ''}`} data-status={row.status} aria-current={parting ? 'location' : undefined}>
                  <HopCell hop={row.a !== undefined ? partA.hops[row.a] : undefined} index={row.a} switchId={switchId} side="A" />
                  <td className="compare-status" title={STATUS_TITLES[row.status]}>
                    {parting ? <strong>paths part</strong> : STATUS_WORDS[row.status]}
                  </td>
                  <HopCell hop={row.b !== undefined ? partB.hops[row.b] : undefined} index={row.b} switchId={switchId} side="B" />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
