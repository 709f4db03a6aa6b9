// One of a device's tables, each row led by its provenance mark ("sim" for what the simulation computed),
// first so it stays in view when a wide table scrolls sideways; a cell whose value comes from elsewhere carries its own.
// With the glossary loaded (after a run), the cells' terms and the marks open their explanations.
import type { DeviceTable } from '../../src-engine/protocol';
import type { Provenance } from '../../src-engine/view/index';
import { MarkBadge } from '../diagram/MarkBadge';
import { Glossed } from '../glossary/Glossed';
import { GlossedMark } from '../glossary/GlossedMark';
import { formatTime } from '../model/format';

/** Tables larger than this many cells stay plain text: marking the terms of thousands of cells would slow the panel. */
const MOST_GLOSSED_CELLS = 2000;

/** Columns whose values are simulated microseconds; shown as times, as everywhere else. */
const TIME_COLUMNS = new Set(['learned', 'since', 'created', 'learned at']);

const cell = (column: string, value: string | undefined) =>
  value !== undefined && TIME_COLUMNS.has(column) && /^\d+$/.test(value) ? formatTime(Number(value)) : (value ?? '');

/**
 * `focus`: cells a row must have to be highlighted (the row a lesson points at). `glossed`: mark the terms and make the
 * marks open their explanations (the glossary is loaded); `node`: the device, whose bare NIC names the cells use.
 */
export function DeviceTableView({ table, focus, glossed = false, node }: { table: DeviceTable; focus?: Readonly<Record<string, string>>; glossed?: boolean; node?: string }) {
  const focused = (cells: Readonly<Record<string, string>>) => focus !== undefined && Object.entries(focus).every(([k, v]) => cells[k] === v);
  const gloss = glossed && table.rows.length * table.columns.length <= MOST_GLOSSED_CELLS;
  const text = (column: string, value: string | undefined) => {
    const shown = cell(column, value);
    return gloss && shown ? <Glossed text={shown} node={node} cell={{ table: table.title, column }} /> : shown;
  };
  const badge = (prov: Provenance) => (gloss ? <GlossedMark prov={prov} node={node} /> : <MarkBadge prov={prov} />);
  return (
    // A wide table scrolls sideways; focusable and named so the keyboard can scroll it too.
    <div className="table-wrap" role="region" aria-label={`${table.title} (scrolls sideways)`} tabIndex={0}>
      <table className="device-table">
        <caption>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">mark</th>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length + 1} className="muted">
                empty
              </td>
            </tr>
          )}
          {table.rows.map((row, i) => (
            <tr key={i} data-focus={focused(row.cells) || undefined}>
              <td>{row.prov ? badge(row.prov) : <span className="muted" title="computed by the simulation">sim</span>}</td>
              {table.columns.map((c) => (
                <td key={c}>
                  {text(c, row.cells[c])}
                  {row.cellProv?.[c] && <> {badge(row.cellProv[c])}</>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
