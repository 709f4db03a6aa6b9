import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { benchMode } from './bench/benchMode';

// ?bench=app|bare is the frame-pacing benchmark's page (scripts/bench-frames.mjs); its code loads only then.
const bench = benchMode(window.location.search);
const BareFlow = lazy(() => import('./bench/BareFlow').then((m) => ({ default: m.BareFlow })));

if (bench?.kind === 'app') void import('./bench/prepareRun').then((m) => m.prepareRun(bench, false));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {bench?.kind === 'bare' ? (
      <Suspense fallback={null}>
        <BareFlow mode={bench} />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
