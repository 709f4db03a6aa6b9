// Opening an example file the site ships, fetched from examples/ beside the page like any static file,
// then checked and loaded by the engine as a file from disk would be.
import { useState } from 'react';
import { useAppStore } from '../store/store';
import { EXAMPLES } from './exampleList';

export function ExampleLoader() {
  const [file, setFile] = useState<string>(EXAMPLES[1].file);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    const { openTopologyDocument, notify } = useAppStore.getState();
    setBusy(true);
    try {
      const res = await fetch(new URL(`examples/${file}`, document.baseURI));
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      await openTopologyDocument(await res.json(), file);
    } catch (e) {
      notify('error', `The example ${file} could not be opened (${(e as Error).message}). Check the connection and try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="edit-row example-loader">
      <label className="edit-field">
        <span className="edit-label">Start from an example</span>
        <select value={file} onChange={(e) => setFile(e.target.value)}>
          {EXAMPLES.map((x) => (
            <option key={x.file} value={x.file}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void open()} disabled={busy}>
        Open example
      </button>
    </div>
  );
}
