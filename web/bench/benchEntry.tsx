// The benchmark build's page: the app, or bare React Flow, as ?bench=app|bare asks (the app alone without it).
import { StrictMode, lazy, Suspense } from 'react';
import type { Root } from 'react-dom/client';
import { App } from '../App';
import { benchMode } from './benchMode';

const BareFlow = lazy(() => import('./BareFlow').then((m) => ({ default: m.BareFlow })));
const BareSequence = lazy(() => import('./BareSequence').then((m) => ({ default: m.BareSequence })));

export function startBench(root: Root): void {
  const bench = benchMode(window.location.search);
  if (bench?.kind === 'app' || bench?.kind === 'seq' || bench?.kind === 'reload') void import('./prepareRun').then((m) => m.prepareRun(bench, false));
  root.render(
    <StrictMode>
      {bench?.kind === 'seqbare' ? (
        <Suspense fallback={null}>
          <BareSequence frames={bench.frames ?? 5000} lanes={bench.lanes ?? 12} />
        </Suspense>
      ) : bench?.kind === 'bare' ? (
        <Suspense fallback={null}>
          <BareFlow mode={bench} />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}
