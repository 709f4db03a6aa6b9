// Where the kept state lives: IndexedDB (database "hoplab", store "kept"). A write there is a structured
// clone, taken without turning the state into text, and stored after the page's task has ended; reading it
// back gives objects, with no text to parse. A 4,000-VM topology was 1.7 MB of JSON written to localStorage in
// one task of the page's thread, at every change. Here its document is written only when it changes, in a
// record of its own; the flow, the step and the view are a small record beside it, both in one transaction,
// so one is never kept without the other.
//
// A state that earlier versions kept in localStorage is read once, moved here and removed there. Where the
// browser refuses IndexedDB, localStorage is used as before. Loaded lazily, with the checks of readStored.ts.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { STORAGE_KEY } from './persist';
import { checkStored, readStored, type ReadResult, type StoredState } from './readStored';

export const DB_NAME = 'hoplab';
export const DB_STORE = 'kept';
/** The flow and view, with the kept topology's source and id (its document is in TOPOLOGY_KEY). */
export const STATE_KEY = 'state@1';
/** The kept topology's document: `{ id, doc }`. */
export const TOPOLOGY_KEY = 'topology@1';
/** A kept state that could not be read back, moved aside whole: `{ state, topology }`. */
export const UNREADABLE_KEY = 'state@1.unreadable';

/** Keeps the user's state and reads it back. */
export interface Keeper {
  /** The kept state, checked; a corrupt one is set aside and reported. */
  read(): Promise<ReadResult>;
  /** Keeps a state; rejects when the browser refuses it (storage full or turned off). */
  write(state: StoredState): Promise<void>;
}

type StateRecord = Omit<StoredState, 'topology'> & { topology?: { source: string; id: number } };
type TopologyRecord = { id: number; doc: unknown };

const CORRUPT_WHERE = `this browser's IndexedDB (database "${DB_NAME}", entry "${UNREADABLE_KEY}")`;

/** IndexedDB's keeper (moving what localStorage holds into it), or localStorage's where IndexedDB is refused. */
export async function openKeeper(storage: Storage | undefined): Promise<Keeper | undefined> {
  const db = await openDb();
  if (db) return dbKeeper(db, storage);
  return storage ? storageKeeper(storage) : undefined;
}

async function openDb(): Promise<UseStore | undefined> {
  if (typeof indexedDB === 'undefined') return undefined;
  try {
    const db = createStore(DB_NAME, DB_STORE);
    // Opening is lazy: one read proves the browser lets this page keep data there.
    await db('readonly', (s) => promisifyRequest(s.count()));
    return db;
  } catch {
    return undefined;
  }
}

function dbKeeper(db: UseStore, storage: Storage | undefined): Keeper {
  /** The document last written (or read), so an unchanged one is not written again. */
  let keptDoc: unknown;
  let keptId = 0;
  const keeper: Keeper = {
    async read() {
      const legacy = await fromStorage(storage, keeper);
      if (legacy) return legacy;
      const [state, topology] = await db('readonly', (s) => Promise.all([promisifyRequest(s.get(STATE_KEY)), promisifyRequest(s.get(TOPOLOGY_KEY))]) as Promise<[unknown, unknown]>);
      if (state === undefined) return { kind: 'none' };
      const { value, missing } = joined(state, topology);
      const checked = missing ? { kind: 'corrupt' as const, reason: missing } : checkStored(value);
      if (checked.kind === 'ok') {
        keptDoc = checked.state.topology?.doc;
        keptId = (state as StateRecord).topology?.id ?? 0;
        return checked;
      }
      await db('readwrite', (s) => {
        s.put({ state, topology }, UNREADABLE_KEY);
        s.delete(STATE_KEY);
        s.delete(TOPOLOGY_KEY);
        return promisifyRequest(s.transaction);
      });
      return { kind: 'corrupt', reason: checked.reason, where: CORRUPT_WHERE };
    },
    async write(state) {
      const { topology, ...rest } = state;
      const newDoc = topology !== undefined && topology.doc !== keptDoc;
      const id = newDoc ? Math.max(keptId + 1, Date.now()) : keptId;
      const record: StateRecord = { ...rest, ...(topology ? { topology: { source: topology.source, id } } : {}) };
      await db('readwrite', (s) => {
        s.put(record, STATE_KEY);
        if (newDoc) s.put({ id, doc: topology.doc } satisfies TopologyRecord, TOPOLOGY_KEY);
        // Back to the POC: the last topology's document is not kept for nothing.
        else if (!topology) s.delete(TOPOLOGY_KEY);
        return promisifyRequest(s.transaction);
      });
      keptDoc = topology?.doc;
      keptId = id;
    },
  };
  return keeper;
}

/** The stored records as one state (its topology joined to its document), or why they do not fit together. */
function joined(state: unknown, topology: unknown): { value: unknown; missing?: string } {
  const ref = (state as Partial<StateRecord> | null)?.topology;
  if (typeof state !== 'object' || state === null || ref === undefined) return { value: state };
  const doc = topology as Partial<TopologyRecord> | undefined;
  if (typeof ref !== 'object' || ref === null || typeof ref.id !== 'number' || doc?.id !== ref.id) return { value: state, missing: 'topology: the saved topology is missing or is not the one this state was saved with' };
  return { value: { ...state, topology: { doc: doc.doc, source: ref.source } } };
}

/** A state kept in localStorage by an earlier version: read (and checked) once, moved into IndexedDB. */
async function fromStorage(storage: Storage | undefined, keeper: Keeper): Promise<ReadResult | undefined> {
  let text: string | null = null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage refused: nothing to move.
  }
  if (text === null) return undefined;
  const r = readStored(storage);
  if (r.kind === 'ok') {
    try {
      await keeper.write(r.state);
      storage!.removeItem(STORAGE_KEY);
    } catch {
      // Not moved: it is still in localStorage, and read from there again next time.
    }
  }
  return r;
}

/** localStorage, where IndexedDB is refused: the whole state as JSON text, as earlier versions kept it. */
function storageKeeper(storage: Storage): Keeper {
  return {
    read: () => Promise.resolve(readStored(storage)),
    write: (state) => {
      try {
        storage.setItem(STORAGE_KEY, JSON.stringify(state));
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(e as Error);
      }
    },
  };
}
