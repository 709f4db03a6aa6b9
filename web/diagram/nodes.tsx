// The custom React Flow node types: a VM, a network group, the host, the switch, a VIP. Each device
// subscribes to its own state (sending, receiving, selected, down), so a step re-renders two or three
// nodes, not the graph. A step's lit borders are drawn over the diagram (HopRings.tsx), not by the boxes.
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { markOf, networkVlan, NODE_W, portBoxId, vipBoxId } from '../../src-engine/view/index';
import { selectLessonFocus, selectNodeDown, selectNodeHop, useAppStore } from '../store/store';
import type { FlowNode } from './toFlow';
import { MarkBadge } from './MarkBadge';
import { splitAlias } from './netTitle';
import { useRoving } from './useRoving';

function Handles({ bgp = false }: { bgp?: boolean }) {
  return (
    <>
      <Handle id="tie" type="target" position={Position.Top} className="handle handle-tie" isConnectable={false} />
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      {bgp && <Handle id="bgp" type="source" position={Position.Top} className="handle" isConnectable={false} />}
      {bgp && <Handle id="bgp" type="target" position={Position.Top} className="handle" isConnectable={false} />}
    </>
  );
}

/** Below this zoom a node's details are unreadable: it draws its name only (cheap to paint at 1,000 nodes). */
export const DETAIL_ZOOM = 0.35;
const selectCompact = (s: { transform: [number, number, number] }) => s.transform[2] < DETAIL_ZOOM;

/** The highlight every device node shares: where the current step's frame is, selection, failure. */
function useDeviceState(id: string) {
  const hop = useAppStore((s) => selectNodeHop(s, id));
  const down = useAppStore((s) => selectNodeDown(s, id));
  const selected = useAppStore((s) => s.selectedNode === id);
  const focus = useAppStore((s) => selectLessonFocus(s, id));
  return {
    'data-focus': focus || undefined,
    'data-hop': hop,
    'data-down': down || undefined,
    'data-selected': selected || undefined,
    'aria-current': hop === 'sender' ? ('step' as const) : undefined,
  };
}

function HopBadge({ id }: { id: string }) {
  const hop = useAppStore((s) => selectNodeHop(s, id));
  const down = useAppStore((s) => selectNodeDown(s, id));
  if (!down && !hop) return null;
  return (
    <span className="hop-badges">
      {down && <span className="badge badge-down">down</span>}
      {hop && <span className={`badge badge-${hop}`}>{hop === 'sender' ? 'sends' : 'receives'}</span>}
    </span>
  );
}

/** An interface's address; its prefix length gives way when the diagram is zoomed out (its network says it). */
function Address({ cidr }: { cidr: string }) {
  const at = cidr.indexOf('/');
  return (
    <span className="addr">
      {at < 0 ? cidr : cidr.slice(0, at)}
      {at >= 0 && <span className="addr-len">{cidr.slice(at)}</span>}
    </span>
  );
}

export function VmNodeView({ data, width }: NodeProps<FlowNode>) {
  const id = data.kind === 'vm' ? data.node.id : '';
  const state = useDeviceState(id);
  const roving = useRoving(id, data.kind === 'vm' ? data.label : id);
  const compact = useStore(selectCompact);
  if (data.kind !== 'vm') return null;
  const { node } = data;
  if (compact) {
    return (
      <div className={`vm vm-${node.kind} vm-compact`} data-node-id={node.id} {...state} {...roving}>
        {data.handles && <Handles bgp />}
        <div className="vm-name">
          <span className="title">{node.id}</span>
        </div>
      </div>
    );
  }
  return (
    // `data-narrow`: a box narrower than a device's usual (a compact management scope's), its addresses set tighter.
    <div className={`vm vm-${node.kind}`} data-node-id={node.id} data-side={data.below ? 'below' : undefined} data-narrow={width !== undefined && width < NODE_W ? '' : undefined} {...state} {...roving}>
      {data.handles && <Handles bgp />}
      <div className="vm-name">
        <span className="title">{node.id}</span> <MarkBadge prov={node.prov} />
        <HopBadge id={node.id} />
      </div>
      <div className="vm-role" title={node.role}>
        {node.role}
      </div>
      <ul className="vm-addrs">
        {node.interfaces.filter((f) => f.network === node.interfaces[0]?.network).map((f) => (
          <li key={f.id}>
            <Address cidr={f.address} /> <MarkBadge prov={markOf(f, 'address')} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function NetworkGroupView({ data }: NodeProps<FlowNode>) {
  if (data.kind !== 'network') return null;
  const n = data.network;
  const vlan = networkVlan(n);
  const [name, alias] = splitAlias(n.label);
  return (
    <div className={`net net-${n.kind}`} data-net={n.id} data-title-at={data.titleAt}>
      <div className="net-label" title={vlan.prov ? undefined : vlan.title} {...(data.titleWidth !== undefined ? { 'data-wrap': '', style: { maxWidth: data.titleWidth } } : {})}>
        <span className="title">
          {name}
          {alias && <span className="net-alias"> {alias}</span>}
        </span>{' '}
        <MarkBadge prov={n.prov} />{' '}
        {/* The VIP pool's "no VLAN" is in its tooltip: its box has room for its title only. */}
        {vlan.prov && (
          <span className="vlan" title={vlan.title}>
            {vlan.text} <MarkBadge prov={vlan.prov} />
          </span>
        )}
      </div>
    </div>
  );
}

export function HostGroupView({ data }: NodeProps<FlowNode>) {
  if (data.kind !== 'host') return null;
  return (
    <div className="host">
      <div className="host-label">
        {data.title} {data.node && <MarkBadge prov={data.node.prov} />}
      </div>
    </div>
  );
}

export function SwitchNodeView({ data }: NodeProps<FlowNode>) {
  const id = data.kind === 'switch' ? data.sw.id : '';
  const state = useDeviceState(id);
  const roving = useRoving(id, data.kind === 'switch' ? data.label : id);
  if (data.kind !== 'switch') return null;
  return (
    <div className="switch" data-node-id={data.sw.id} {...state} {...roving}>
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <div className="switch-name">
        <span className="title">{data.sw.id}</span> <MarkBadge prov={data.sw.prov} />
        <HopBadge id={data.sw.id} />
      </div>
      <div className="switch-sub">
        Hyper-V virtual switch{data.sw.vfp ? ' with VFP (SLB host agent: VXLAN decap, VIP↔DIP rewrite)' : ''}
        {data.sw.aliases.length > 0 && <span className="alias"> · also called {data.sw.aliases.join(', ')}</span>}
      </div>
    </div>
  );
}

/** A NIC drawn in its own network: the owner's name, the NIC and its address (lit while a frame uses it: see HopRings.tsx). */
export function PortNodeView({ data }: NodeProps<FlowNode>) {
  const selected = useAppStore((s) => data.kind === 'port' && s.selectedNode === data.owner.id);
  const down = useAppStore((s) => data.kind === 'port' && selectNodeDown(s, data.owner.id));
  const roving = useRoving(data.kind === 'port' ? portBoxId(data.owner.id, data.iface.id) : '', data.kind === 'port' ? data.label : '');
  if (data.kind !== 'port') return null;
  const { owner, iface, isHost } = data;
  return (
    <div className={`port${isHost ? ' port-host' : ''}`} data-node-id={owner.id} data-selected={selected || undefined} data-down={down || undefined} {...roving}>
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      <div className="port-name">
        <span className="title">{owner.id}</span> <span className="port-nic">{isHost ? 'host PA' : `NIC ${iface.id}`}</span>
      </div>
      <div className="port-addr">
        <Address cidr={iface.address} /> <MarkBadge prov={markOf(iface, 'address')} />
      </div>
    </div>
  );
}

/** Where VFP sits in the switch: the tunnel ends here, the VXLAN headers come off, VIP becomes DIP. */
export function VfpNodeView() {
  return (
    <div className="vfp">
      <span className="title">VFP</span> <span className="vfp-what">decap · VIP→DIP</span>
    </div>
  );
}

export function VipNodeView({ data }: NodeProps<FlowNode>) {
  const boxId = data.kind === 'vip' ? vipBoxId(data.vip) : '';
  const selected = useAppStore((s) => data.kind === 'vip' && s.selectedNode === boxId);
  const roving = useRoving(boxId, data.kind === 'vip' ? data.label : '');
  if (data.kind !== 'vip') return null;
  return (
    <div className="vm vip" data-node-id={boxId} data-selected={selected || undefined} {...roving}>
      <Handle id="left" type="source" position={Position.Left} className="handle" isConnectable={false} />
      <div className="vm-name">
        <span className="title">
          <span className="vip-word">VIP </span>
          {data.vip}
        </span>
      </div>
      {data.rule ? (
        // The rule's mark ends its line (the name and a mark were wider than the box): the rule gives way, cut short.
        <div className="vm-role vip-rule">
          <span className="vip-rule-text">
            {data.rule.protocol.toUpperCase()} {data.rule.port} → DIP {data.rule.dips.map((d) => `${d.address}:${d.port}`).join(', ')}
          </span>{' '}
          <MarkBadge prov={data.rule.prov} />
        </div>
      ) : (
        <div className="vm-role">no load-balancing rule of its own</div>
      )}
      <div className="vm-note">
        /32 announced by {data.muxes.length > 0 ? data.muxes.join(', ') : 'no MUX'}
      </div>
    </div>
  );
}

export const nodeTypes = {
  vm: VmNodeView,
  network: NetworkGroupView,
  host: HostGroupView,
  switch: SwitchNodeView,
  vip: VipNodeView,
  port: PortNodeView,
  vfp: VfpNodeView,
};
