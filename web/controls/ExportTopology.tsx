// "Export topology": the current document (as edited) as a hoplab/topology@1 JSON file that names its
// JSON Schema, the one this site publishes, so editors complete and check it.
import { TOPOLOGY_SCHEMA_PATH } from '../../src-engine/view/index';
import { downloadText } from '../export/download';
import { slug } from '../model/format';
import { currentDocument } from '../store/editorSlice';
import { useAppStore } from '../store/store';

/** The schema's address on this site, wherever it is served from. */
export function schemaUrl(): string {
  return new URL(TOPOLOGY_SCHEMA_PATH, document.baseURI).href;
}

export function topologyFileText(doc: object): string {
  return `${JSON.stringify({ $schema: schemaUrl(), ...doc }, null, 2)}\n`;
}

export function ExportTopology() {
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const onClick = () => {
    const doc = currentDocument(useAppStore.getState());
    if (!doc) return;
    downloadText(topologyFileText(doc), `${slug(doc.name) || 'topology'}.json`, 'application/json');
  };
  return (
    <button type="button" onClick={onClick} disabled={!ready} title="Download the current topology, with your edits, as a hoplab/topology@1 JSON file">
      Export topology
    </button>
  );
}
