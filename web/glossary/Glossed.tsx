// An engine sentence drawn with its terms marked: the engine's glossSegments says which spans are terms, and
// each opens its explanation. A term is a button (Tab, Enter); in a list whose rows are options (the event
// list), where a row may hold nothing focusable, it is marked text that a click opens, and the list opens
// every term of its chosen row with Enter.
import { memo, useMemo } from 'react';
import { glossCell, glossSegments } from '../../src-engine/view/glossary';
import { selectTopology, useAppStore } from '../store/store';
import { openGlossary } from './glossaryStore';
import './glossary.css';

export const GLOSSARY_POPOVER_ID = 'glossary-popover';

interface Props {
  readonly text: string;
  /** The device whose sentence it is: a bare NIC id ("out of mgmt") is that device's NIC. */
  readonly node?: string | undefined;
  /** Terms as marked text, not buttons (inside a listbox option). */
  readonly inert?: boolean;
  /** The text is a device table's cell: its table's title and column (a BGP neighbour's state is a term alone). */
  readonly cell?: { readonly table: string; readonly column: string } | undefined;
}

export const Glossed = memo(function Glossed({ text, node, inert, cell }: Props) {
  const topology = useAppStore(selectTopology);
  const table = cell?.table;
  const column = cell?.column;
  const segments = useMemo(
    () => (table !== undefined && column !== undefined ? glossCell(table, column, text, { topology, node }) : glossSegments(text, { topology, node })),
    [text, topology, node, table, column],
  );
  return (
    <>
      {segments.map((s, i) => {
        if (s.key === undefined) return s.text;
        const key = s.key;
        if (inert)
          return (
            <span key={i} className="term" data-term={key} onClick={(e) => openGlossary([key], e.currentTarget, node, e.currentTarget.closest<HTMLElement>('[role="listbox"]') ?? undefined)}>
              {s.text}
            </span>
          );
        return (
          <button key={i} type="button" className="term" data-term={key} aria-haspopup="dialog" aria-controls={GLOSSARY_POPOVER_ID} onClick={(e) => openGlossary([key], e.currentTarget, node)}>
            {s.text}
          </button>
        );
      })}
    </>
  );
});
