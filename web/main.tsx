import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';

const root = createRoot(document.getElementById('root')!);

// ?bench=app|bare is the frame-pacing benchmark's page (scripts/bench-frames.mjs). It exists only in the
// benchmark's build (`vite build --mode bench`, into dist-bench/): in the published site this condition is
// false when the bundle is built, so the benchmark code and its store handle on `window` are not in it.
if (import.meta.env.MODE === 'bench') {
  void import('./bench/benchEntry').then((m) => m.startBench(root));
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
