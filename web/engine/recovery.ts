// When the engine worker dies and a new one starts, it is handed what the page shows: the current topology
// and, if there is a run, the same request again (runs are deterministic, so the tables and the capture the
// page asks for next match what it shows). The page's own state is not touched; the user is told.
import type { AppStore } from '../store/store';
import { onEngineRestart, type EngineDeath } from './client';

const WHY: Record<EngineDeath, string> = {
  crashed: 'failed',
  stopped: 'stopped',
  timeout: 'took too long to answer',
};

export function installEngineRecovery(store: AppStore): void {
  onEngineRestart(async (why, engine) => {
    const s = store.getState();
    store.setState((st) => ({ engineRestarts: st.engineRestarts + 1 }));
    const loaded = await engine.loadTopology(s.topologyDoc);
    if (!loaded.ok) {
      s.notify('error', `The engine ${WHY[why]} and was restarted, but it could not take the current topology back (${loaded.error[0]?.message ?? 'unknown error'}). Use "Reset to the POC" to start again.`);
      return;
    }
    const request = store.getState().result ? store.getState().request : undefined;
    if (request) await engine.run(request);
    s.notify('info', `The engine ${WHY[why]} and was restarted. Your topology, flow and view are kept${store.getState().runStatus === 'error' ? '; run the flow again to finish it' : ''}.`);
  });
}
