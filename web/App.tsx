import { useEffect } from 'react';
import { TopologyView } from './diagram/TopologyView';
import { selectLoadErrors, selectLoadStatus, selectSnapshot, useAppStore } from './store/store';

export function App() {
  const snapshot = useAppStore(selectSnapshot);
  const status = useAppStore(selectLoadStatus);
  const errors = useAppStore(selectLoadErrors);
  const loadTopology = useAppStore((s) => s.loadTopology);

  useEffect(() => {
    void loadTopology();
  }, [loadTopology]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Hoplab</h1>
        <span className="subtitle">{snapshot ? snapshot.topology.name : 'Azure Stack TP1 POC'}: packet flow, hop by hop</span>
        <span className="engine-status" data-testid="engine-status" data-status={status}>
          {status === 'ready' ? 'engine ready' : status === 'error' ? 'engine error' : 'starting engine…'}
        </span>
      </header>
      {errors.length > 0 && (
        <div role="alert" className="errors">
          {errors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
      <main className="canvas">{snapshot && <TopologyView snapshot={snapshot} />}</main>
    </div>
  );
}
