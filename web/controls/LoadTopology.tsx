// Loading a topology document from a file. The engine validates it; on any error the current topology
// stays, and the errors are listed with their paths in the document.
import { useRef } from 'react';
import { LIMITS } from '../../src-engine/view/index';
import { typedError } from '../engine/typedError';
import { selectTopologySource, useAppStore } from '../store/store';

export function LoadTopology() {
  const input = useRef<HTMLInputElement>(null);
  const source = useAppStore(selectTopologySource);
  const setTopologyDocument = useAppStore((s) => s.setTopologyDocument);
  const resetToPoc = useAppStore((s) => s.resetToPoc);
  const rejectFile = useAppStore((s) => s.rejectFile);
  const changed = useAppStore((s) => s.topologySource !== 'poc' || s.request !== undefined);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > LIMITS.documentBytes) {
      rejectFile(await typedError('document-too-large', `${file.name} is ${(file.size / 1048576).toFixed(1)} MB`));
      return;
    }
    const text = await file.text();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      rejectFile(await typedError('invalid-json', `${file.name} is not valid JSON (${(e as Error).message})`));
      return;
    }
    await setTopologyDocument(doc, file.name);
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
      <button
        type="button"
        onClick={() => void resetToPoc()}
        disabled={!changed}
        title={source !== 'poc' ? `Now showing ${source.file}: go back to the built-in POC, with no flow or what-ifs` : 'Go back to the POC with no flow or what-ifs'}
      >
        Reset to the POC
      </button>
    </>
  );
}
