// One of a device's tables, each row led by its provenance mark ("sim" for what the simulation computed),
// first so it stays in view when a wide table scrolls sideways; a cell whose value comes from elsewhere carries its own.
import type { DeviceTable } from '../../src-engine/protocol';
import { MarkBadge } from '../diagram/MarkBadge';
import { formatTime } from '../model/format';

/** Columns whose values are simulated microseconds; shown as times, as everywhere else. */
const TIME_COLUMNS = new Set(['learned', 'since', 'created', 'learned at']);

const cell = (column: string, value: string | undefined) =>
  value !== undefined && TIME_COLUMNS.has(column) && /^\d+$/.test(value) ? formatTime(Number(value)) : (value ?? '');

/** `focus`: cells a row must have to be highlighted (the row a lesson points at). */
export function DeviceTableView({ table, focus }: { table: DeviceTable; focus?: Readonly<Record<string, string>> }) {
  const focused = (cells: Readonly<Record<string, string>>) => focus !== undefined && Object.entries(focus).every(([k, v]) => cells[k] === v);
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
              <td>{row.prov ? <MarkBadge prov={row.prov} /> : <span className="muted" title="computed by the simulation">sim</span>}</td>
              {table.columns.map((c) => (
                <td key={c}>
                  {cell(c, row.cells[c])}
                  {row.cellProv?.[c] && <> <MarkBadge prov={row.cellProv[c]} /></>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
