// Run B's form, in a modal dialog: run A is the run on screen; run B is the same flow with what the user
// picks here. The seed is checked as typed, with the message at the field; nothing runs until it is right.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Knobs } from '../../src-engine/protocol';
import { selectComparison, selectResult, selectTopology, useAppStore } from '../store/store';
import './compare.css';
import { checkSeed, describeSettings, runBSettings, whatIfChoices } from './runBForm';

export function CompareSetup() {
  const dialog = useRef<HTMLDialogElement>(null);
  const a = useAppStore(selectResult)!;
  const current = useAppStore(selectComparison);
  const topology = useAppStore(selectTopology);
  const status = useAppStore((s) => s.compareStatus);
  const error = useAppStore((s) => s.compareError);
  const { setCompareSetupOpen, compareWith } = useAppStore.getState();
  // The form opens on run B as it was (changing it), else on run A's own settings.
  const start = current?.b.request ?? a.request;
  const choices = useMemo(() => whatIfChoices(a.request, topology?.nodes.map((n) => n.id) ?? []), [a.request, topology]);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => {
    const targets = new Set((start.whatIf ?? []).map((w) => w.target));
    return new Set(choices.filter((c) => c.whatIfs.every((w) => targets.has(w.target))).map((c) => c.key));
  });
  const [knobs, setKnobs] = useState<Partial<Knobs>>(() => ({ ...start.knobs }));
  const [seedText, setSeedText] = useState(start.seed !== undefined ? String(start.seed) : '');
  const [seedProblem, setSeedProblem] = useState<string | undefined>();
  const seedInput = useRef<HTMLInputElement>(null);
  const close = () => setCompareSetupOpen(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const toggle = (key: string) =>
    setChecked((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const seed = checkSeed(seedText);
    if (!seed.ok) {
      setSeedProblem(seed.message);
      seedInput.current?.focus();
      return;
    }
    setSeedProblem(undefined);
    void compareWith(runBSettings(choices, checked, knobs, seed.seed));
  };

  const running = status === 'running';
  return (
    <dialog ref={dialog} className="compare-setup" aria-labelledby="compare-setup-title" onClose={close} onCancel={close}>
      <form onSubmit={submit} noValidate>
        <div className="dialog-head">
          <h2 id="compare-setup-title">Compare with another run</h2>
          <button type="button" onClick={close} aria-label="Close without comparing">
            ×
          </button>
        </div>
        <p>
          <strong>Run A</strong> is the run on screen: {a.request.from} → {a.request.to} ({describeSettings(a.request, a.seed)}). <strong>Run B</strong> sends the same flow; choose what is different in it.
        </p>
        <fieldset className="compare-whatifs">
          <legend>What fails in run B</legend>
          <div className="compare-choices">
            {choices.map((c) => (
              <label key={c.key} className="check">
                <input type="checkbox" checked={checked.has(c.key)} onChange={() => toggle(c.key)} />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="compare-knobs">
          <legend>Network of run B</legend>
          <label className="check">
            <input type="checkbox" checked={knobs.secondMux === true} onChange={(e) => setKnobs((k) => ({ ...k, secondMux: e.target.checked }))} />
            A second MUX (MuxVM2, peered with BGPVM, announcing the same VIPs)
          </label>
          <label className="check">
            <input type="checkbox" checked={knobs.icmpRedirects === true} onChange={(e) => setKnobs((k) => ({ ...k, icmpRedirects: e.target.checked }))} />
            Routers send ICMP redirects
          </label>
        </fieldset>
        <label className="field compare-seed">
          <span>Seed of run B (ports, ids and hashes follow from it)</span>
          <input
            ref={seedInput}
            value={seedText}
            inputMode="numeric"
            placeholder={`empty: run A's (${a.seed})`}
            onChange={(e) => {
              setSeedText(e.target.value);
              setSeedProblem(undefined);
            }}
            aria-invalid={seedProblem ? true : undefined}
            aria-describedby={seedProblem ? 'compare-seed-problem' : undefined}
          />
        </label>
        {seedProblem && (
          <p id="compare-seed-problem" className="field-problem" role="alert">
            {seedProblem}
          </p>
        )}
        {error && (
          <p className="field-problem" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-foot">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={running}>
            {running ? 'Running B…' : 'Run B and compare'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
