// Loading a topology document from a file. The engine validates it; on any error the current topology
// stays, and the errors are listed with their paths in the document.
import { useRef } from 'react';
import { selectTopologySource, useAppStore } from '../store/store';

export function LoadTopology() {
  const input = useRef<HTMLInputElement>(null);
  const source = useAppStore(selectTopologySource);
  const loadTopology = useAppStore((s) => s.loadTopology);
  const openDocument = useAppStore((s) => s.openTopologyDocument);
  const rejectFile = useAppStore((s) => s.rejectFile);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      rejectFile({ code: 'invalid-json', message: `${file.name} is not valid JSON (${(e as Error).message}). Check it in a JSON validator, fix the syntax and load it again. The current topology is unchanged.` });
      return;
    }
    await openDocument(doc, file.name);
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} title="Load a hoplab/topology@1 JSON document">
        Load topology…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Topology file"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {source !== 'poc' && (
        <button type="button" onClick={() => void loadTopology()} title={`Now showing ${source.file}`}>
          Back to the POC
        </button>
      )}
    </>
  );
}
