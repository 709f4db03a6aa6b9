import { MARK_SHORT, markTitle, type Provenance } from '../../src-engine/view/index';

/** The provenance mark of a value: how sure we are of it, and where it comes from. */
export function MarkBadge({ prov }: { prov: Provenance }) {
  const title = markTitle(prov);
  return (
    <span className={`mark mark-${prov.mark}`} title={title} aria-label={`provenance ${title}`}>
      {MARK_SHORT[prov.mark]}
    </span>
  );
}
