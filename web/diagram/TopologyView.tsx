// The diagram: React Flow with nested groups, the token layer on top, pan, zoom, fit view and minimap.
// Devices are reached with Tab or the arrow keys and opened with Enter; the context menu (right click,
// Shift+F10 or the Menu key) fails or restores a VM.
import { Background, Controls, MiniMap, Panel, ReactFlow, type Node } from '@xyflow/react';
import { useCallback, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import { TokenLayer } from '../animation/TokenLayer';
import { selectOpenQuestion, useAppStore } from '../store/store';
import { AutoFit, FIT_PADDING } from './AutoFit';
import { edgeTypes } from './edgeTypes';
import { absoluteBoxes } from './geometry';
import { nearestInDirection, type Direction } from './keyboardNav';
import { NodeMenu } from './NodeMenu';
import { nodeTypes } from './nodes';
import { FlowStatus } from './FlowStatus';
import { WhatIfBar } from './WhatIfBar';
import { isDeviceNode, toFlow, type FlowNode } from './toFlow';

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

function minimapColor(n: Node): string {
  switch (n.type) {
    case 'host':
      return '#dfe4ec';
    case 'network':
      return '#cfdcf0';
    case 'switch':
      return '#263445';
    default:
      return '#7f8ea3';
  }
}

export function TopologyView({ snapshot }: { snapshot: TopologySnapshot }) {
  const { nodes, edges } = useMemo(() => toFlow(snapshot), [snapshot]);
  const devices = useMemo(() => {
    const rects = absoluteBoxes(snapshot.layout.boxes);
    const ids = new Set(nodes.filter(isDeviceNode).map((n) => n.id));
    return new Map([...rects].filter(([id]) => ids.has(id)));
  }, [snapshot, nodes]);
  const userMoved = useRef(false);
  const selectNode = useAppStore((s) => s.selectNode);
  const openContextMenu = useAppStore((s) => s.openContextMenu);
  const closeContextMenu = useAppStore((s) => s.closeContextMenu);

  const onNodeClick = useCallback(
    (_: MouseEvent, node: FlowNode) => {
      if (!isDeviceNode(node)) return;
      selectNode(node.id);
      // A "which device next?" question is answered by clicking the device, too.
      const s = useAppStore.getState();
      const q = selectOpenQuestion(s);
      if (q?.kind === 'next-device' && q.choices.some((c) => c.id === node.id)) s.setQuizChoice(q.id, node.id);
    },
    [selectNode],
  );
  const onNodeContextMenu = useCallback(
    (e: MouseEvent, node: FlowNode) => {
      if (!isDeviceNode(node) || node.type === 'vip') return;
      e.preventDefault();
      openContextMenu(node.id, e.clientX, e.clientY);
    },
    [openContextMenu],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      const id = el?.dataset.id;
      if (!el || !id || !devices.has(id)) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        selectNode(id);
      } else if (ARROWS.has(e.key)) {
        e.preventDefault();
        e.stopPropagation();
        const next = nearestInDirection(devices, id, e.key as Direction);
        if (next) el.parentElement?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)?.focus();
      } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        e.stopPropagation();
        const box = el.getBoundingClientRect();
        if (!id.startsWith('vip:')) openContextMenu(id, box.left + box.width / 2, box.top + box.height / 2);
      }
    },
    [devices, selectNode, openContextMenu],
  );

  return (
    <>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: FIT_PADDING }}
        onMoveStart={(e) => {
          if (e) userMoved.current = true;
        }}
        minZoom={0.1}
        maxZoom={2.5}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={nodes.length > 300}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeContextMenu}
        onKeyDown={onKeyDown}
        aria-label="Topology of the network"
      >
        <Background gap={24} />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap pannable zoomable ariaLabel="Minimap" position="top-left" nodeColor={minimapColor} style={{ width: 150, height: 96 }} />
        <Panel position="top-left" className="overlay-panel beside-minimap">
          <FlowStatus />
          <WhatIfBar />
        </Panel>
        <TokenLayer />
        <AutoFit userMoved={userMoved} />
      </ReactFlow>
      <NodeMenu />
    </>
  );
}
