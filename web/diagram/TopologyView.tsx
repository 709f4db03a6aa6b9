import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import { edgeTypes } from './BusEdge';
import { nodeTypes } from './nodes';
import { toFlow } from './toFlow';

export function TopologyView({ snapshot }: { snapshot: TopologySnapshot }) {
  const { nodes, edges } = useMemo(() => toFlow(snapshot), [snapshot]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      fitView
      fitViewOptions={{ padding: 0.04 }}
      minZoom={0.1}
      nodesConnectable={false}
      proOptions={{ hideAttribution: false }}
      aria-label="Topology of the network"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
    </ReactFlow>
  );
}
