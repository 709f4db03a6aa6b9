// Sending traffic: a source VM, a destination (a name, a URL or an address) and one button for the
// preset lesson. What the user typed stays in the field when it is wrong; the message under it says
// what is wrong and how to fix it.
import { useMemo, useState, type FormEvent } from 'react';
import type { ErrorCode } from '../../src-engine/protocol';
import { PRESET_REQUEST } from '../store/runSlice';
import { selectRunError, selectRunStatus, selectTopology, useAppStore } from '../store/store';

/** Errors about what was typed: shown under the field, which keeps the text. */
const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['bad-destination', 'unknown-node']);

/**
 * Above this many sources, From is a field with the sources as suggestions rather than a list: a list of
 * thousands of options costs the page a long task to build and to style each time a topology loads, and is
 * slow to pick from. The suggestions are built when the field is first focused.
 */
export const SUGGEST_SOURCES_FROM = 200;

/** The engine's destination parser, loaded with the first Send rather than the first screen. */
const loadDestination = () => import('../../src-engine/view/destination');

export function SendTraffic() {
  const topology = useAppStore(selectTopology);
  const from = useAppStore((s) => s.draftFrom);
  const to = useAppStore((s) => s.draftTo);
  const setDraft = useAppStore((s) => s.setDraft);
  const runFlow = useAppStore((s) => s.runFlow);
  const focusAfterRun = useAppStore((s) => s.focusAfterRun);
  const status = useAppStore(selectRunStatus);
  const runError = useAppStore(selectRunError);
  const [problem, setProblem] = useState<string | undefined>();
  const [fromProblem, setFromProblem] = useState<string | undefined>();
  const [suggesting, setSuggesting] = useState(false);
  const engineProblem = runError && INPUT_ERRORS.has(runError.code) ? runError.message : undefined;
  const message = fromProblem ?? problem ?? engineProblem;
  const sources = useMemo(() => topology?.nodes.filter((n) => n.interfaces.length > 0) ?? [], [topology]);
  const many = sources.length > SUGGEST_SOURCES_FROM;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!topology) return;
    if (many && !sources.some((n) => n.id === from)) {
      setFromProblem(`There is no VM named "${from}" to send from. Type one of the suggested names, e.g. ${sources[0]!.id}.`);
      return;
    }
    const { checkDestination } = await loadDestination();
    const check = checkDestination(topology, from, to);
    if (!check.ok) {
      setProblem(check.error.message);
      return;
    }
    setProblem(undefined);
    void focusAfterRun(runFlow({ from, to: to.trim() }));
  };
  const preset = () => {
    setProblem(undefined);
    setFromProblem(undefined);
    setDraft({ from: PRESET_REQUEST.from, to: PRESET_REQUEST.to });
    void focusAfterRun(runFlow({ ...PRESET_REQUEST }));
  };

  return (
    <form className="send" aria-label="Send traffic" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span>From</span>
        {many ? (
          <input
            className="field-from"
            value={from}
            list={suggesting ? 'send-sources' : undefined}
            onFocus={() => setSuggesting(true)}
            onChange={(e) => {
              setDraft({ from: e.target.value });
              setFromProblem(undefined);
            }}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={fromProblem ? true : undefined}
            aria-describedby={fromProblem ? 'to-problem' : undefined}
          />
        ) : (
          <select value={from} onChange={(e) => setDraft({ from: e.target.value })} disabled={!topology}>
            {!sources.some((n) => n.id === from) && <option value={from}>{from}</option>}
            {sources.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </select>
        )}
      </label>
      {many && suggesting && (
        <datalist id="send-sources">
          {sources.map((n) => (
            <option key={n.id} value={n.id} />
          ))}
        </datalist>
      )}
      <label className="field field-to">
        <span>To</span>
        <input
          value={to}
          onChange={(e) => {
            setDraft({ to: e.target.value });
            setProblem(undefined);
          }}
          placeholder="PortalVM, 192.168.133.74 or a URL"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={message && !fromProblem ? true : undefined}
          aria-describedby={message && !fromProblem ? 'to-problem' : undefined}
        />
      </label>
      <button type="submit" disabled={!topology || status === 'running'}>
        Send
      </button>
      <button type="button" className="preset" onClick={preset} disabled={!topology || status === 'running'}>
        <span aria-hidden="true">▶ </span>ClientVM opens https://portal.azurestack.local
      </button>
      {message && (
        <p id="to-problem" className="field-problem" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
