// The custom React Flow node types: a VM, a network group, the switch, a VIP.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { markOf } from '../../src-engine/topology/schema';
import type { FlowNode } from './toFlow';
import { MarkBadge } from './MarkBadge';

function Handles({ bgp = false }: { bgp?: boolean }) {
  return (
    <>
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      {bgp && <Handle id="bgp" type="source" position={Position.Top} className="handle" isConnectable={false} />}
      {bgp && <Handle id="bgp" type="target" position={Position.Top} className="handle" isConnectable={false} />}
    </>
  );
}

export function VmNodeView({ data }: NodeProps<FlowNode>) {
  if (data.kind !== 'vm') return null;
  const { node } = data;
  return (
    <div className={`vm vm-${node.kind}`} data-node-id={node.id}>
      <Handles bgp />
      <div className="vm-name">
        <span className="title">{node.id}</span> <MarkBadge prov={node.prov} />
      </div>
      <div className="vm-role" title={node.role}>
        {node.role}
      </div>
      <ul className="vm-addrs">
        {node.interfaces.map((f) => (
          <li key={f.id}>
            <span className="addr">{f.address}</span> <MarkBadge prov={markOf(f, 'address')} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function NetworkGroupView({ data }: NodeProps<FlowNode>) {
  if (data.kind !== 'network') return null;
  const n = data.network;
  return (
    <div className={`net net-${n.kind}`}>
      <div className="net-label">
        <span className="title">{n.label}</span> {n.vlan !== undefined && <span className="vlan">VLAN {n.vlan}</span>} <MarkBadge prov={n.prov} />
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
  if (data.kind !== 'switch') return null;
  return (
    <div className="switch" data-node-id={data.sw.id}>
      <Handle id="top" type="target" position={Position.Top} className="handle" isConnectable={false} />
      <Handle id="bottom" type="source" position={Position.Bottom} className="handle" isConnectable={false} />
      <div className="switch-name">
        <span className="title">{data.sw.id}</span> <MarkBadge prov={data.sw.prov} />
      </div>
      <div className="switch-sub">
        Hyper-V virtual switch{data.sw.vfp ? ' with VFP (SLB host agent: VXLAN decap, VIP↔DIP rewrite)' : ''}
        {data.sw.aliases.length > 0 && <span className="alias"> · also called {data.sw.aliases.join(', ')}</span>}
      </div>
    </div>
  );
}

export function VipNodeView({ data }: NodeProps<FlowNode>) {
  if (data.kind !== 'vip') return null;
  return (
    <div className="vm vip" data-node-id={`vip:${data.vip}`}>
      <Handles />
      <div className="vm-name">
        VIP {data.vip} {data.rule && <MarkBadge prov={data.rule.prov} />}
      </div>
      {data.rule ? (
        <div className="vm-role">
          {data.rule.protocol.toUpperCase()} {data.rule.port} → DIP {data.rule.dips.map((d) => `${d.address}:${d.port}`).join(', ')}
        </div>
      ) : (
        <div className="vm-role">no load-balancing rule of its own</div>
      )}
    </div>
  );
}

export const nodeTypes = {
  vm: VmNodeView,
  network: NetworkGroupView,
  host: HostGroupView,
  switch: SwitchNodeView,
  vip: VipNodeView,
};
