import type { Provenance } from '../../src-engine/topology/schema';

const SHORT = { documented: 'doc', blog: 'blog', inferred: 'inf', illustrative: 'illus' } as const;

/** The provenance mark of a value: how sure we are of it, and where it comes from. */
export function MarkBadge({ prov }: { prov: Provenance }) {
  const title = `${prov.mark}${prov.source ? `: ${prov.source}` : ''}`;
  return (
    <span className={`mark mark-${prov.mark}`} title={title} aria-label={`provenance ${title}`}>
      {SHORT[prov.mark]}
    </span>
  );
}
