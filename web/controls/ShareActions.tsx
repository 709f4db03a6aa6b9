// Sharing a run: copy the link (the address holds the scenario, the flow and the step; while the run plays, the
// step is brought up to date as the link is copied) and
// download the run as pcapng for Wireshark.
import { useState } from 'react';
import { getEngine } from '../engine/client';
import { downloadBlob } from '../export/download';
import { slug } from '../model/format';
import { selectRequest, selectResult, useAppStore } from '../store/store';
import { flushUrl, topologyParam } from '../url/urlSync';

export function pcapngName(request: { from: string; to: string } | undefined): string {
  return `hoplab-${request ? `${slug(request.from)}-${slug(request.to)}` : 'run'}.pcapng`;
}

const download = (bytes: Uint8Array, name: string) => downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-pcapng' }), name);

export function ShareActions() {
  const result = useAppStore(selectResult);
  const request = useAppStore(selectRequest);
  const notify = useAppStore((s) => s.notify);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    const topo = await topologyParam(useAppStore.getState());
    if (topo && !topo.ok) {
      notify('error', topo.message);
      return;
    }
    // While the run plays, the address holds the step where it was last paused: bring it to the step shown.
    await flushUrl();
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      notify('info', `Copy this link by hand (the browser did not allow copying): ${window.location.href}`);
    }
  };
  const pcapng = async () => {
    const r = await getEngine().exportPcapng();
    if (!r.ok) notify('error', `The capture could not be made: ${r.error.message}`);
    else download(r.value, pcapngName(request));
  };

  return (
    <>
      <button type="button" onClick={() => void copy()} disabled={!result} title="Copy a link that reopens this run at this step">
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      <button type="button" onClick={() => void pcapng()} disabled={!result} aria-label="Download pcapng" title="Download the run as a pcapng capture for Wireshark">
        ⤓ pcapng
      </button>
    </>
  );
}
