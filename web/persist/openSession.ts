// The first thing the page does: open what the user had (the kept topology, flow and view), unless the
// address is a shared link, which names its own view of the POC. Settings in the link win over kept ones.
import type { AppStore } from '../store/store';
import { readLink } from '../url/urlState';
import { applyUrl } from '../url/urlSync';
import { readStoredState } from './persist';

/** Resolves false when not even the POC could be loaded. */
export async function openSession(store: AppStore, search: string): Promise<boolean> {
  const s = store.getState();
  const link = (await readLink(search)).state;
  const isLink = link.from !== undefined || link.to !== undefined;
  const stored = await readStoredState();
  if (stored.kind === 'corrupt') {
    s.notify('error', `Your work from the last visit could not be read back (${stored.reason}), so the POC opened instead. The unreadable copy is kept in ${stored.where}.`);
  }
  const kept = stored.kind === 'ok' && !isLink ? stored.state : undefined;

  let ok = false;
  if (kept?.topology) {
    ok = await s.loadTopology(kept.topology.doc, kept.topology.source);
    if (!ok) {
      const first = store.getState().loadErrors[0]?.message ?? 'unknown error';
      s.notify('error', `The topology you had open ("${kept.topology.source}") could not be loaded again (${first}), so the POC opened instead.`);
    }
  }
  if (!ok) ok = await s.loadTopology();
  if (!ok) return false;

  if (kept) {
    s.setSpeed(kept.view.speed);
    s.setMotion(kept.view.motion);
    s.setLargeText(kept.view.largeText);
    s.setHidden(kept.view.hidden);
    const request = kept.request;
    if (request && (kept.topology ? store.getState().topologySource !== 'poc' : true)) {
      s.setDraft({ from: request.from, to: request.to });
      await s.runFlow(request, kept.view.step);
    }
  }
  await applyUrl(store, search);
  return true;
}
