// A provenance badge that explains itself: a button that opens the glossary on the mark (what "doc" or "illus"
// says about the value, and where it comes from) and on every source and standard its source names. Drawn where
// the glossary is loaded (device tables after a run); the diagram keeps the plain badge on the first screen.
import { markTerms } from '../../src-engine/view/glossary';
import { MARK_SHORT, markTitle, type Provenance } from '../../src-engine/view/index';
import { selectTopology, useAppStore } from '../store/store';
import { GLOSSARY_POPOVER_ID } from './Glossed';
import { openGlossary } from './glossaryStore';
import './glossary.css';

export function GlossedMark({ prov, node }: { readonly prov: Provenance; readonly node?: string | undefined }) {
  const topology = useAppStore(selectTopology);
  const title = markTitle(prov);
  return (
    <button
      type="button"
      className={`mark mark-${prov.mark} mark-button`}
      title={title}
      aria-label={`provenance ${title}`}
      aria-haspopup="dialog"
      aria-controls={GLOSSARY_POPOVER_ID}
      onClick={(e) => openGlossary(markTerms(prov, { topology, node }), e.currentTarget, node, undefined, 'Where this value comes from')}
    >
      {MARK_SHORT[prov.mark]}
    </button>
  );
}
