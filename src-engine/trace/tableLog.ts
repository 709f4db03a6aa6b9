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

/**
 * Makes a change's key or row from the data kept for it: a function defined once (not a closure per change),
 * so that a change costs one small object until someone reads it.
 */
export type ChangeMaker<A, B, R> = (a: A, b: B) => R;

/**
 * A change whose key and row are written when first read. A world of 4,000 VMs sets some 12,000 interface
 * and route rows as it is built, and a page reads the tables of a node or two: the words of the others
 * would only cost the run its time and keep the collector busy. What it reads is what an eager change
 * holds: `a` and `b` must not change after the change is made (a route, an interface's definition).
 */
export class LazyTableChange<A, B> implements TableChange {
  private madeKey: string | undefined;
  private madeRow: TableRowData | undefined;
  private rowMade = false;

  constructor(
    readonly time: SimTime,
    readonly node: string,
    readonly table: TableId,
    private readonly keyOf: ChangeMaker<A, B, string>,
    private readonly rowOf: ChangeMaker<A, B, TableRowData | undefined>,
    private readonly a: A,
    private readonly b: B,
  ) {}

  get key(): string {
    return (this.madeKey ??= this.keyOf(this.a, this.b));
  }

  get row(): TableRowData | undefined {
    if (!this.rowMade) {
      this.madeRow = this.rowOf(this.a, this.b);
      this.rowMade = true;
    }
    return this.madeRow;
  }
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
