// The diagram's picture buttons: PNG and SVG of the whole network at the current step (see picture.ts,
// loaded on the first picture).
import { Panel, useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useAppStore } from '../store/store';

export function DiagramPictures() {
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);
  const save = async (kind: 'png' | 'svg') => {
    setBusy(true);
    try {
      const { savePicture } = await import('./picture');
      await savePicture(flow, kind);
    } catch (e) {
      useAppStore.getState().notify('error', `The picture could not be made (${(e as Error).message}). Try again, or take a screenshot.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel position="top-right" className="diagram-pictures" aria-label="Pictures of the diagram">
      <button type="button" disabled={busy} onClick={() => void save('png')} title="Download the diagram at this step as a PNG picture" aria-label="Download PNG">
        <span className="wide-only">Download </span>
        PNG
      </button>
      <button type="button" disabled={busy} onClick={() => void save('svg')} title="Download the diagram at this step as an SVG picture" aria-label="Download SVG">
        <span className="wide-only">Download </span>
        SVG
      </button>
    </Panel>
  );
}
