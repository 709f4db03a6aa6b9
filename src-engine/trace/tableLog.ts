// Device tables over time: devices append changes as the run goes; `tablesAt` replays them up to a
// simulated time, so the UI can show any node's tables at any moment of the last run.
import type { DeviceTable, SimTime, TableRow } from '../protocol';
import type { Provenance } from '../view/provenance';

import { TABLE_COLUMNS, type TableId } from '../view/deviceTables';

export type { TableId };

export interface TableRowData {
  readonly cells: Readonly<Record<string, string>>;
  readonly prov?: Provenance;
  readonly cellProv?: Readonly<Record<string, Provenance>>;
}

export interface TableChange {
  readonly time: SimTime;
  readonly node: string;
  readonly table: TableId;
  readonly key: string;
  readonly row: TableRowData | undefined;
}

/** Replays a log up to `time` (inclusive) for one node: its tables in first-seen order. */
export function tablesAt(log: readonly TableChange[], node: string, time: SimTime): DeviceTable[] {
  const tables = new Map<TableId, Map<string, TableRowData>>();
  for (const change of log) {
    if (change.time > time) break;
    if (change.node !== node) continue;
    let rows = tables.get(change.table);
    if (!rows) {
      rows = new Map();
      tables.set(change.table, rows);
    }
    if (change.row) rows.set(change.key, change.row);
    else rows.delete(change.key);
  }
  return [...tables].map(([id, rows]) => ({
    title: TABLE_COLUMNS[id].title,
    columns: TABLE_COLUMNS[id].columns,
    rows: [...rows.values()].map((r): TableRow => ({ cells: r.cells, ...(r.prov ? { prov: r.prov } : {}), ...(r.cellProv ? { cellProv: r.cellProv } : {}) })),
  }));
}
