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

/**
 * One mark for a value made of parts that each have their own (the capabilities an OPEN offers): the least certain
 * part's mark, with every part's source named after its label ("route refresh: Get-BgpStatistics ..."). Undefined
 * for no parts.
 */
export function combinedProv(parts: readonly { readonly label: string; readonly prov: Provenance }[]): Provenance | undefined {
  if (parts.length === 0) return undefined;
  const mark = MARKS[Math.max(...parts.map((p) => MARKS.indexOf(p.prov.mark)))]!;
  const sources = parts.filter((p) => p.prov.source).map((p) => `${p.label}: ${p.prov.source}`);
  return sources.length ? { mark, source: sources.join('; ') } : { mark };
}
