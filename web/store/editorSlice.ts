// The topology editor's state: the document being edited, with undo and redo. An edit is data
// (src-engine/view/edits.ts); the engine checks the result in the worker and names any field that is
// wrong, and only a document it accepts is loaded (the diagram then lays itself out again). A rejected
// edit changes nothing: the errors go back to the field that made it.
import type { StateCreator } from 'zustand';
import type { EngineError, TopologySnapshot } from '../../src-engine/protocol';
import type { History, TopologyEdit } from '../../src-engine/view/edits';
import type { TopologyDocument } from '../../src-engine/topology/schema';
import { getEngine } from '../engine/client';
import { typedError } from '../engine/typedError';
import type { AppState } from './store';

export interface EditorSlice {
  /** Undo history of the document; it belongs to `editedSnapshot` and starts afresh when another topology loads. */
  editHistory: History | undefined;
  editedSnapshot: TopologySnapshot | undefined;
  /** Applies an edit: the errors the engine found (each with its path), or none when it was applied. */
  applyTopologyEdit: (edit: TopologyEdit) => Promise<readonly EngineError[]>;
  undoTopology: () => Promise<void>;
  redoTopology: () => Promise<void>;
  /**
   * Makes a document the current topology (a file, an example, a link, an edit): validated and loaded in
   * the worker, the run cleared. Errors come back, and the current topology stays.
   */
  openTopologyDocument: (doc: unknown, source: string) => Promise<readonly EngineError[]>;
}

/** The document the app shows: the edited one, else the loaded topology as the engine read it. */
export function currentDocument(s: Pick<AppState, 'editHistory' | 'editedSnapshot' | 'snapshot'>): TopologyDocument | undefined {
  if (s.editHistory && s.editedSnapshot === s.snapshot) return s.editHistory.present;
  return s.snapshot?.topology;
}

/** The edits themselves load with the first one: the editor is not on the first screen. */
const loadEdits = () => import('../../src-engine/view/edits');

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  /** Loads an accepted document and records it as the present of `history`. */
  const show = async (history: History, source: string): Promise<readonly EngineError[]> => {
    const ok = await get().setTopologyDocument(history.present, source);
    if (!ok) {
      const errors = get().loadErrors;
      get().dismissLoadErrors();
      return errors;
    }
    set({ editHistory: history, editedSnapshot: get().snapshot });
    return [];
  };
  const history = async (): Promise<History | undefined> => {
    const { createHistory } = await loadEdits();
    const s = get();
    if (s.editHistory && s.editedSnapshot === s.snapshot) return s.editHistory;
    const doc = currentDocument(s);
    return doc ? createHistory(doc) : undefined;
  };
  const editedName = (doc: TopologyDocument) => (doc.name.endsWith('(edited)') ? doc.name : `${doc.name} (edited)`);

  return {
    editHistory: undefined,
    editedSnapshot: undefined,
    applyTopologyEdit: async (edit) => {
      const h = await history();
      const { applyEdit, commit } = await loadEdits();
      if (!h) return [await typedError('not-loaded', 'The engine is still starting')];
      const r = applyEdit(h.present, edit);
      if (!r.ok) return [await typedError('invalid-edit', `This change cannot be made: ${r.message}`)];
      const doc = { ...r.doc, name: editedName(r.doc) };
      const check = await getEngine().validateTopology(doc);
      if (!check.ok) return check.error;
      return show(commit(h, doc), doc.name);
    },
    undoTopology: async () => {
      const h = await history();
      const { undo } = await loadEdits();
      if (h && h.past.length > 0) await show(undo(h), undo(h).present.name);
    },
    redoTopology: async () => {
      const h = await history();
      const { redo } = await loadEdits();
      if (h && h.future.length > 0) await show(redo(h), redo(h).present.name);
    },
    openTopologyDocument: async (doc, source) => {
      const ok = await get().setTopologyDocument(doc, source);
      if (!ok) return get().loadErrors;
      set({ editHistory: undefined, editedSnapshot: undefined });
      return [];
    },
  };
};
