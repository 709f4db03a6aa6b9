// The glossary's one popover: the explanation of the term a student opened (or of every term of an event
// row), from the engine's glossary. A native popover: Escape or a click elsewhere closes it, and the focus
// goes back where it came from. Loaded with the first run, never with the first screen.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { explainTerm, type TermExplanation } from '../../src-engine/view/glossary';
import { selectTopology, useAppStore } from '../store/store';
import { closeGlossary, useGlossary } from './glossaryStore';
import { GLOSSARY_POPOVER_ID } from './Glossed';
import './glossary.css';

const GAP = 4;
const MARGIN = 8;

/** Beside the anchor: below it, or above when there is no room below; always inside the window. */
function place(el: HTMLElement, anchor: HTMLElement | undefined): void {
  const a = anchor?.isConnected ? anchor.getBoundingClientRect() : undefined;
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  const left = Math.max(MARGIN, Math.min((a?.left ?? MARGIN), window.innerWidth - w - MARGIN));
  const below = (a?.bottom ?? MARGIN) + GAP;
  const top = below + h <= window.innerHeight - MARGIN ? below : Math.max(MARGIN, (a?.top ?? MARGIN) - GAP - h);
  el.style.left = `${Math.round(left)}px`;
  el.style.top = `${Math.round(top)}px`;
}

export default function GlossaryPopover() {
  const { keys, open, node, anchor, seq, title } = useGlossary();
  const topology = useAppStore(selectTopology);
  const ref = useRef<HTMLDivElement>(null);
  const entries = keys.map((k) => explainTerm(k, { topology, node })).filter((e): e is TermExplanation => e !== undefined);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!open) {
      if (el.matches(':popover-open')) el.hidePopover();
      return;
    }
    if (!el.matches(':popover-open')) el.showPopover();
    place(el, anchor);
    el.focus();
  }, [open, anchor, seq]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onToggle = (e: Event) => {
      // Closed by Escape, a click elsewhere or the Close button; not when it was opened again on another term meanwhile.
      if ((e as ToggleEvent).newState !== 'closed' || el.matches(':popover-open')) return;
      const back = useGlossary.getState().returnTo;
      const focusWasInside = el.contains(document.activeElement) || document.activeElement === document.body;
      closeGlossary();
      if (back?.isConnected && focusWasInside) back.focus();
    };
    el.addEventListener('toggle', onToggle);
    return () => el.removeEventListener('toggle', onToggle);
  }, []);

  const one = entries.length === 1 ? entries[0] : undefined;
  return (
    <div ref={ref} id={GLOSSARY_POPOVER_ID} popover="auto" role="dialog" aria-labelledby="glossary-title" tabIndex={-1} className="glossary-popover">
      <h2 id="glossary-title" className="glossary-title">
        {title ?? (one ? one.name : entries.length > 1 ? 'Words in this row' : 'No special words in this row')}
      </h2>
      {entries.length > 0 && (
        <dl className="glossary-list">
          {entries.map((e) => (
            <div key={e.key}>
              <dt>
                <dfn>{e.term}</dfn>
                {(!one || title !== undefined) && e.name !== e.term && <span className="muted"> · {e.name}</span>}
              </dt>
              <dd>
                {e.says}
                {e.standard && (
                  <>
                    {' '}
                    Standard: {e.href ? <a href={e.href} target="_blank" rel="noreferrer">{e.standard}</a> : e.standard}.
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" className="glossary-close" onClick={() => ref.current?.hidePopover()}>
        Close
      </button>
    </div>
  );
}
