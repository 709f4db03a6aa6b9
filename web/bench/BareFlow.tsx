// The benchmark's baseline: bare React Flow (built-in node and edge types, no panels, no per-node store
// subscriptions) showing the same nodes, with the same run's tokens animated by the same clock. What the
// app costs beyond this is the price of its nodes, panels and highlights.
import { Background, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { startPlaybackClock } from '../animation/clock';
import { TokenLayer } from '../animation/TokenLayer';
import { selectSnapshot, useAppStore } from '../store/store';
import type { BenchMode } from './benchMode';
import { prepareRun } from './prepareRun';

export function BareFlow({ mode }: { mode: BenchMode }) {
  const snapshot = useAppStore(selectSnapshot);
  const playing = useAppStore((s) => s.playing);
  useEffect(() => startPlaybackClock(useAppStore), []);
  useEffect(() => {
    void prepareRun(mode, true);
  }, [mode]);
  const { nodes, edges } = useMemo(() => {
    if (!snapshot) return { nodes: [] as Node[], edges: [] as Edge[] };
    const nodes: Node[] = snapshot.layout.boxes.map((b) => ({
      id: b.id,
      position: { x: b.x, y: b.y },
      width: b.width,
      height: b.height,
      data: { label: b.id },
      type: b.kind === 'node' || b.kind === 'switch' ? 'default' : 'group',
      ...(b.parent ? { parentId: b.parent } : {}),
    }));
    const edges: Edge[] = snapshot.layout.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, type: 'straight' }));
    return { nodes, edges };
  }, [snapshot]);
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <div>
        <button type="button" onClick={() => useAppStore.getState().togglePlay()}>
          {playing ? 'Pause' : 'Play'}
        </button>
      </div>
      <div style={{ flex: 1 }}>
        <ReactFlow nodes={nodes} edges={edges} fitView minZoom={0.1} onlyRenderVisibleElements={nodes.length > 300} nodesDraggable={false} nodesConnectable={false}>
          <Background />
          <TokenLayer />
        </ReactFlow>
      </div>
    </div>
  );
}
