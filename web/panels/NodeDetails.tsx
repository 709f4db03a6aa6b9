// A device's details: its role and state, what-if actions, and its tables (interfaces, ARP cache,
// routes with their source, NAT, BGP neighbours and routes, SLB rules, VFP flows) at the time the view
// shows, from engine.tables; before a run, what the topology document states.
import { useMemo } from 'react';
import { docTables, readBoxId } from '../../src-engine/view/index';
import { MarkBadge } from '../diagram/MarkBadge';
import { formatTime } from '../model/format';
import { selectCurrentTime, selectNodeDown, selectNodeHasWhatIf, selectResult, selectSelectedNode, selectTopology, useAppStore } from '../store/store';
import { GlossedMark } from '../glossary/GlossedMark';
import { DeviceTableView } from './DeviceTableView';
import { useDeviceTables } from './useDeviceTables';

export function NodeDetails() {
  const id = useAppStore(selectSelectedNode);
  const topology = useAppStore(selectTopology);
  const time = useAppStore(selectCurrentTime);
  const focus = useAppStore((s) => s.tableFocus);
  const result = useAppStore(selectResult);
  const down = useAppStore((s) => (id ? selectNodeDown(s, id) : false));
  const failed = useAppStore((s) => (id ? selectNodeHasWhatIf(s, id) : false));
  const running = useAppStore((s) => s.runStatus === 'running');
  const live = useDeviceTables(id, time, result);
  const fallback = useMemo(() => (topology && id ? docTables(topology, id) : []), [topology, id]);

  if (!topology) return null;
  if (!id) return <p className="empty">Select a device on the diagram (click it, or Tab to it and press Enter) to see its interfaces, routes, ARP cache, BGP and load-balancing state.</p>;
  const node = topology.nodes.find((n) => n.id === id);
  const { failNode, restoreNode, setDraft } = useAppStore.getState();
  const canFail = node !== undefined;
  const box = readBoxId(id);
  const title = box.kind === 'vip' ? `VIP ${box.vip}` : id;

  return (
    <section className="node-details" aria-label={`Details of ${title}`}>
      <h3>
        {title} {node && (result ? <GlossedMark prov={node.prov} node={id} /> : <MarkBadge prov={node.prov} />)} {down && <span className="badge badge-down">down</span>}
      </h3>
      {node && <p className="muted">{node.role}</p>}
      {canFail && (
        <div className="actions">
          {failed ? (
            <button type="button" disabled={running} onClick={() => void restoreNode(id)} title={`Undo the failure of ${id} and run the flow again`}>
              Restore {id}
            </button>
          ) : (
            <button type="button" disabled={running} onClick={() => void failNode(id)} title={`Fail ${id} at the playhead's time and run the flow again`}>
              Fail {id}
            </button>
          )}
          <button type="button" onClick={() => setDraft({ from: id })}>
            Send from here
          </button>
          <button type="button" onClick={() => setDraft({ to: id })}>
            Send to here
          </button>
        </div>
      )}
      {live.status === 'ok' ? (
        <>
          <p className="tables-time">
            Live tables at t = {formatTime(live.value.time)}
            {live.value.up ? '' : ' (the node is down)'}
          </p>
          {live.value.tables.map((t) => (
            <DeviceTableView key={t.title} table={t} focus={focus?.node === id && focus.table === t.title ? focus.match : undefined} glossed node={id} />
          ))}
          {live.value.tables.length === 0 && <p className="muted">No tables at this time.</p>}
        </>
      ) : (
        <>
          <p className="tables-time">
            {box.kind === 'vip'
              ? 'A VIP lives on no interface: it is a /32 route the MUX announces over BGP, and a rule the MUX and VFP apply.'
              : result
              ? live.status === 'error'
                ? `The engine could not give live tables (${live.error.message}) Showing the topology document.`
                : 'Loading live tables…'
              : 'From the topology document. Live tables (ARP cache, learned routes, BGP, NAT and VFP flows) need a run: send traffic first.'}
          </p>
          {fallback.map((t) => (
            <DeviceTableView key={t.title} table={t} />
          ))}
        </>
      )}
    </section>
  );
}
