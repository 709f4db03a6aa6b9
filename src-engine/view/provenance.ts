// Provenance marks: how sure we are of a value, and where it comes from. The topology schema validates
// them; everything that shows one (the diagram, device tables, the CLI) reads them from here.

/** Ordered from most to least certain. */
export const MARKS = ['documented', 'blog', 'inferred', 'illustrative'] as const;
export type Mark = (typeof MARKS)[number];

export interface Provenance {
  readonly mark: Mark;
  /** Source keys of the reference (e.g. "S3, S8") or a short reason for inferred values. */
  readonly source?: string | undefined;
}

/** The short badge text, as the README explains the marks. */
export const MARK_SHORT: Readonly<Record<Mark, string>> = { documented: 'doc', blog: 'blog', inferred: 'inf', illustrative: 'illus' };

/** The mark of one field of a record: its own override, else the record's mark. */
export function markOf(record: { readonly prov: Provenance; readonly fieldProv?: Readonly<Record<string, Provenance>> | undefined }, field?: string): Provenance {
  return (field !== undefined ? record.fieldProv?.[field] : undefined) ?? record.prov;
}

/** "documented: S3, S8": the mark with its source, for a tooltip or a screen reader. */
export function markTitle(prov: Provenance): string {
  return `${prov.mark}${prov.source ? `: ${prov.source}` : ''}`;
}
