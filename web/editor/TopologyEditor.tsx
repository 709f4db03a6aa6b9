// The topology editor: VMs with their NICs and addresses, the load balancer's rules and DIP pools, the
// MUXes, BGP timers, and example files to start from. Every change is an edit (data) that the engine
// checks in the worker; an error shows at the field that caused it, and undo/redo walk the history.
import { useId, useState, type FormEvent } from 'react';
import type { EngineError } from '../../src-engine/protocol';
import type { TopologyEdit } from '../../src-engine/view/edits';
import type { TopologyDocument } from '../../src-engine/topology/schema';
import { ExportTopology } from '../controls/ExportTopology';
import { currentDocument } from '../store/editorSlice';
import { useAppStore, type AppState } from '../store/store';
import { EditField, FieldErrors } from './EditField';
import { ExampleLoader } from './ExampleLoader';
import { freeAddress, freeMac, freeName } from './suggest';

const selectDoc = (s: AppState) => currentDocument(s);
const selectCanUndo = (s: AppState) => (s.editHistory !== undefined && s.editedSnapshot === s.snapshot ? s.editHistory.past.length > 0 : false);
const selectCanRedo = (s: AppState) => (s.editHistory !== undefined && s.editedSnapshot === s.snapshot ? s.editHistory.future.length > 0 : false);

const edit = (e: TopologyEdit) => useAppStore.getState().applyTopologyEdit(e);
const ports = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((p) => p !== '')
    .map(Number);

export function TopologyEditor() {
  const doc = useAppStore(selectDoc);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const [problem, setProblem] = useState<readonly EngineError[]>([]);
  if (!doc) return <p className="empty">Starting the engine…</p>;
  const act = async (e: TopologyEdit) => setProblem(await edit(e));

  return (
    <div className="editor" aria-label="Topology editor" role="region">
      <div className="editor-toolbar">
        <button type="button" disabled={!canUndo} onClick={() => void useAppStore.getState().undoTopology()} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" disabled={!canRedo} onClick={() => void useAppStore.getState().redoTopology()} aria-keyshortcuts="Control+Shift+Z">
          Redo
        </button>
        <ExportTopology />
        <span className="muted editor-name" title={doc.description}>
          {doc.name}
        </span>
      </div>
      <FieldErrors errors={problem} />
      <ExampleLoader />
      <VmSection doc={doc} act={act} />
      <SlbSection doc={doc} act={act} />
      <BgpSection doc={doc} />
    </div>
  );
}

type Act = (e: TopologyEdit) => Promise<void>;

function VmSection({ doc, act }: { doc: TopologyDocument; act: Act }) {
  const vms = doc.nodes.filter((n) => n.kind === 'vm');
  const [picked, setPicked] = useState<string>('');
  const node = doc.nodes.find((n) => n.id === picked) ?? vms[0];
  const portNetworks = doc.networks.filter((n) => n.kind !== 'vip');
  if (!node) return null;
  const ni = doc.nodes.indexOf(node);
  return (
    <section className="editor-section" aria-labelledby="ed-vms">
      <h3 id="ed-vms">Virtual machines</h3>
      <label className="edit-field">
        <span className="edit-label">VM</span>
        <select value={node.id} onChange={(e) => setPicked(e.target.value)} aria-label="VM to edit">
          {vms.map((n) => (
            <option key={n.id}>{n.id}</option>
          ))}
        </select>
      </label>
      <div className="edit-row" key={node.id}>
        <EditField label="Role" value={node.role} onCommit={(role) => edit({ type: 'set-node', node: node.id, role })} />
        <EditField label="Listens on TCP ports" value={(node.listens ?? []).join(', ')} hint="e.g. 443, 80" onCommit={(t) => edit({ type: 'set-node', node: node.id, listens: ports(t) })} width="9rem" />
      </div>
      <table className="edit-table">
        <caption className="sr-only">Network interfaces of {node.id}</caption>
        <thead>
          <tr>
            <th scope="col">NIC</th>
            <th scope="col">Address</th>
            <th scope="col">Network</th>
            <th scope="col">MAC</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {node.interfaces.map((f, fi) => (
            <tr key={`${node.id}:${f.id}`} data-path={`nodes[${ni}].interfaces[${fi}]`}>
              <th scope="row">{f.id}</th>
              <td>
                <EditField label={`Address of ${node.id} ${f.id}`} value={f.address} onCommit={(address) => edit({ type: 'set-interface', node: node.id, iface: f.id, address })} />
              </td>
              <td>
                <EditField label={`Network of ${node.id} ${f.id}`} value={f.network} onCommit={(network) => edit({ type: 'set-interface', node: node.id, iface: f.id, network })} />
              </td>
              <td>
                <EditField label={`MAC of ${node.id} ${f.id}`} value={f.mac} onCommit={(mac) => edit({ type: 'set-interface', node: node.id, iface: f.id, mac })} />
              </td>
              <td>
                <button type="button" className="chip-x" aria-label={`Remove ${node.id} ${f.id}`} onClick={() => void act({ type: 'remove-interface', node: node.id, iface: f.id })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddForm
        key={`nic-${node.id}-${node.interfaces.length}`}
        title={`Add a NIC to ${node.id}`}
        submit="Add NIC"
        fields={[
          { name: 'id', label: 'NIC name', value: `eth${node.interfaces.length}` },
          { name: 'network', label: 'Network', value: portNetworks[0]?.id ?? '', options: portNetworks.map((n) => n.id) },
          { name: 'address', label: 'Address', value: freeAddress(doc, portNetworks[0]?.id ?? '') },
          { name: 'mac', label: 'MAC', value: freeMac(doc) },
        ]}
        onSubmit={(v) => edit({ type: 'add-interface', node: node.id, iface: { id: v.id!, network: v.network!, address: v.address!, mac: v.mac! } })}
      />
      <button type="button" className="danger" onClick={() => void act({ type: 'remove-node', node: node.id })}>
        Remove {node.id}
      </button>
      <AddForm
        key={`vm-${doc.nodes.length}`}
        title="Add a VM"
        submit="Add VM"
        fields={[
          { name: 'id', label: 'Name', value: freeName(doc, 'WebVM') },
          { name: 'network', label: 'Network', value: 'mgmt', options: portNetworks.map((n) => n.id) },
          { name: 'address', label: 'Address', value: freeAddress(doc, 'mgmt') },
          { name: 'mac', label: 'MAC', value: freeMac(doc) },
          { name: 'listens', label: 'Listens on TCP ports', value: '443' },
        ]}
        onSubmit={(v) => edit({ type: 'add-vm', id: v.id!, role: 'Added in the editor', network: v.network!, address: v.address!, mac: v.mac!, listens: ports(v.listens!) })}
      />
    </section>
  );
}

function SlbSection({ doc, act }: { doc: TopologyDocument; act: Act }) {
  const slb = doc.slb;
  if (!slb) return null;
  const mux = freeName(doc, slb.muxes[0] ?? 'MuxVM');
  return (
    <section className="editor-section" aria-labelledby="ed-slb">
      <h3 id="ed-slb">Load balancer</h3>
      {slb.rules.map((r, ri) => (
        <fieldset key={`${ri}:${r.name}`} className="edit-rule">
          <legend>
            Rule {r.name}: {r.vip}:{r.port}/{r.protocol}
          </legend>
          <div className="edit-row">
            <EditField label="VIP" value={r.vip} onCommit={(vip) => edit({ type: 'set-rule', rule: ri, vip })} />
            <EditField label="Port" type="number" value={String(r.port)} onCommit={(p) => edit({ type: 'set-rule', rule: ri, port: Number(p) })} width="6rem" />
          </div>
          <ul className="edit-dips" aria-label={`DIP pool of ${r.name}`}>
            {r.dips.map((d, di) => (
              <li key={`${di}:${d.address}`}>
                <EditField label={`DIP ${di + 1} address`} value={d.address} onCommit={(address) => edit({ type: 'set-dip', rule: ri, dip: di, address })} />
                <EditField label="port" type="number" value={String(d.port)} onCommit={(p) => edit({ type: 'set-dip', rule: ri, dip: di, port: Number(p) })} width="5rem" />
                <button type="button" className="chip-x" aria-label={`Remove DIP ${d.address} from ${r.name}`} onClick={() => void act({ type: 'remove-dip', rule: ri, dip: di })}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <AddForm
            key={`dip-${ri}-${r.dips.length}`}
            title={`Add a DIP to ${r.name}`}
            submit="Add DIP"
            fields={[
              { name: 'address', label: 'DIP address', value: '' },
              { name: 'port', label: 'DIP port', value: String(r.dips[0]?.port ?? r.port) },
            ]}
            onSubmit={(v) => edit({ type: 'add-dip', rule: ri, dip: { address: v.address!, port: Number(v.port), host: r.dips[0]?.host ?? doc.switch.host } })}
          />
        </fieldset>
      ))}
      <AddForm
        key={`rule-${slb.rules.length}`}
        title="Add a VIP with a load-balancing rule"
        submit="Add rule"
        fields={[
          { name: 'name', label: 'Rule name', value: `rule-${slb.rules.length + 1}` },
          { name: 'vip', label: 'VIP', value: `192.168.133.${80 + slb.rules.length}` },
          { name: 'port', label: 'Port', value: '80' },
          { name: 'dip', label: 'First DIP address', value: '' },
        ]}
        onSubmit={(v) => edit({ type: 'add-rule', rule: { name: v.name!, vip: v.vip!, protocol: 'tcp', port: Number(v.port), dips: [{ address: v.dip!, port: Number(v.port), host: doc.switch.host }] } })}
      />
      <h4>MUXes</h4>
      <ul className="edit-muxes">
        {slb.muxes.map((m) => (
          <li key={m}>
            {m}{' '}
            <button type="button" className="chip-x" aria-label={`Remove MUX ${m}`} disabled={slb.muxes.length === 1} onClick={() => void act({ type: 'remove-mux', node: m })}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <AddForm
        key={`mux-${slb.muxes.length}`}
        title="Add a MUX (peered with BGPVM, announcing every VIP)"
        submit="Add MUX"
        fields={[
          { name: 'id', label: 'MUX name', value: mux },
          { name: 'mgmt', label: 'Management address', value: freeAddress(doc, 'mgmt', 8).split('/')[0]! },
          { name: 'pa', label: 'PA address', value: freeAddress(doc, 'pa', 8).split('/')[0]! },
        ]}
        onSubmit={(v) => edit({ type: 'add-mux', id: v.id!, mgmtAddress: v.mgmt!, paAddress: v.pa! })}
      />
    </section>
  );
}

function BgpSection({ doc }: { doc: TopologyDocument }) {
  const bgp = doc.bgp;
  if (!bgp) return null;
  return (
    <section className="editor-section" aria-labelledby="ed-bgp">
      <h3 id="ed-bgp">BGP</h3>
      <div className="edit-row">
        <EditField label="Hold time (s)" type="number" value={String(bgp.holdTime)} hint="3 to 65535; shorter makes failover quicker" onCommit={(t) => edit({ type: 'set-bgp', holdTime: Number(t) })} width="10rem" />
        <EditField label="Keepalive (s)" type="number" value={String(bgp.keepalive)} onCommit={(t) => edit({ type: 'set-bgp', keepalive: Number(t) })} width="8rem" />
      </div>
    </section>
  );
}

interface FormField {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options?: readonly string[];
}

/** A small form that adds something: its fields start with values the engine would accept. */
function AddForm({ title, submit, fields, onSubmit }: { title: string; submit: string; fields: readonly FormField[]; onSubmit: (values: Record<string, string>) => Promise<readonly EngineError[]> }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.value])));
  const [errors, setErrors] = useState<readonly EngineError[]>([]);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const onFormSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const found = await onSubmit(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])));
    setBusy(false);
    setErrors(found);
  };
  // An error is shown at the field whose name ends its path (".address", ".mac", ...); the rest under the form.
  const fieldOf = (err: EngineError) => fields.find((f) => err.path?.endsWith(`.${f.name}`) || (f.name === 'id' && err.code === 'duplicate-id'))?.name;
  return (
    <details className="add-form">
      <summary>{title}</summary>
      <form aria-label={title} onSubmit={(e) => void onFormSubmit(e)}>
        {fields.map((f) => {
          const mine = errors.filter((e) => fieldOf(e) === f.name);
          const id = `${formId}-${f.name}`;
          return (
            <div key={f.name} className="edit-field">
              <label className="edit-label" htmlFor={id}>
                {f.label}
              </label>
              {f.options ? (
                <select id={id} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input id={id} value={values[f.name]} aria-invalid={mine.length > 0 || undefined} aria-describedby={mine.length > 0 ? `${id}-err` : undefined} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
              )}
              <FieldErrors id={`${id}-err`} errors={mine} />
            </div>
          );
        })}
        <FieldErrors errors={errors.filter((e) => fieldOf(e) === undefined)} />
        <button type="submit" disabled={busy}>
          {submit}
        </button>
      </form>
    </details>
  );
}
