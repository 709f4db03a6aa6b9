// The diagram: React Flow with nested groups, the token layer on top, pan, zoom, fit view and minimap.
// Devices are reached with Tab or the arrow keys and opened with Enter; the context menu (right click,
// Shift+F10 or the Menu key) fails or restores a VM.
import { Controls, MiniMap, ReactFlow, type Node } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { TopologySnapshot } from '../../src-engine/protocol';
import { selectOpenQuestion, selectTimeline, useAppStore } from '../store/store';
import { AutoFit } from './AutoFit';
import { DiagramBackground } from './DiagramBackground';
import { edgeTypes } from './edgeTypes';
import { absoluteBoxes, type Geometry } from './geometry';
import { firstDevice, nextDevice, type Direction, type Move } from './keyboardNav';
import { nodeTypes } from './nodes';
import { TrailLegend } from './TrailLegend';
import { isDeviceNode, flowOf, isLargeLayout, type FlowNode } from './toFlow';
import { deviceOfBox, readBoxId } from '../../src-engine/view/index';
import { highlightCss } from './highlightCss';
import { LegibleText } from './LegibleText';
import { useResolvedTheme } from '../hooks/useTheme';
import { selectDiagramView, selectHighlight } from '../store/store';
import { fetchRunChunks, loadWithFirstRun } from '../model/runChunks';

// The packets in flight: loaded with the first run (with the frame decoders their labels need).
const loadTokenLayer = () => import('../animation/TokenLayer');
const TokenLayer = lazy(() => loadTokenLayer().then((m) => ({ default: m.TokenLayer })));

// The flow's paths after a run: loaded with the first run, like the tokens.
const loadPathTrails = () => import('./PathTrails');
const PathTrails = lazy(() => loadPathTrails().then((m) => ({ default: m.PathTrails })));

// The step's lit boxes, drawn over the diagram: loaded with the first run.
const loadHopRings = () => import('./HopRings');
const HopRings = lazy(() => loadHopRings().then((m) => ({ default: m.HopRings })));

loadWithFirstRun(loadTokenLayer);
loadWithFirstRun(loadPathTrails);
loadWithFirstRun(loadHopRings);

/** While the engine computes a run, the modules that draw it are fetched (see model/runChunks.ts). */
function useRunChunksEarly(): void {
  const running = useAppStore((s) => s.runStatus === 'running');
  useEffect(() => {
    if (!running) return;
    let stop = false;
    void fetchRunChunks(() => stop);
    return () => {
      stop = true;
    };
  }, [running]);
}

// What a large topology draws in bulk (its NIC drops, its minimap): loaded when one is shown.
const LargeLayers = lazy(() => import('./LargeLayers').then((m) => ({ default: m.LargeLayers })));

// Keeps the current frame in view on a small screen: loaded with the first run, when there is a frame.
const FollowHop = lazy(() => import('./FollowHop').then((m) => ({ default: m.FollowHop })));

// The picture buttons: a chunk of their own, with what they share with the picture code.
const DiagramPictures = lazy(() => import('../export/DiagramPictures').then((m) => ({ default: m.DiagramPictures })));

// The "more" marks at the sides of a network drawn larger than its area.
const OffScreen = lazy(() => import('./OffScreen').then((m) => ({ default: m.OffScreen })));

// The context menu: loaded when first opened.
const NodeMenu = lazy(() => import('./NodeMenu').then((m) => ({ default: m.NodeMenu })));

const MINIMAP_FROM = 60;
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

/** A large topology's VMs are handed to React Flow this many at a time (see useProgressiveNodes). */
const VMS_PER_BATCH = 100;
/**
 * A large topology's nodes, handed to React Flow a batch of VMs at a time: first none at all (so React Flow mounts,
 * and reads its own size, before any node is in the page: read with them, that size forced the layout of every node
 * mounted with it in its task), after a frame the networks, the switch and the other devices (so the view is fitted
 * to the whole network at once), then the VMs, so no task mounts hundreds of them at once. Once batches have mounted
 * dozens of nodes (React Flow mounts only those in view), a frame measures them before the next batch runs (see
 * afterFrame.ts).
 * A small topology's first drawing (the POC's first screen) comes in three tasks, a frame apart, too: React Flow
 * alone, then the nodes, then the edges (`edged`; the BGP labels measure their text): in one task they held 70 ms of
 * CPU or more (React Flow measures the nodes in the frame between, before the edges ask for their handles). A small
 * topology drawn after that (a run's) comes whole at once.
 * `flow`: the diagram's element, where the mounted nodes are counted. `partial`: VMs are still to come.
 */
function useProgressiveNodes(nodes: FlowNode[], flow: RefObject<HTMLDivElement | null>): { shown: FlowNode[]; partial: boolean; total: number; edged: boolean } {
  const large = isLargeLayout(nodes.length);
  // Below 0: no node yet.
  const first = -VMS_PER_BATCH;
  const [edged, setEdged] = useState(large);
  const [shown, setShown] = useState({ nodes, vms: first });
  const vms = shown.nodes === nodes ? shown.vms : large || !edged ? first : Infinity;
  const total = useMemo(() => nodes.reduce((n, x) => n + (x.type === 'vm' ? 1 : 0), 0), [nodes]);
  const seen = useRef({ count: 0 });
  useEffect(() => {
    if (vms >= total && edged) return;
    const mounted = () => flow.current?.getElementsByClassName('react-flow__node').length ?? 0;
    const batch = () => (vms >= total ? setEdged(true) : setShown({ nodes, vms: large ? vms + VMS_PER_BATCH : total }));
    // Loaded with the first drawing (a chunk of its own, off the first screen).
    let cancel: (() => void) | undefined;
    let live = true;
    void import('./afterFrame').then(({ afterNextFrame, nextBatch }) => {
      if (live) cancel = vms < 0 || !large ? afterNextFrame(batch) : nextBatch(batch, mounted, seen.current);
    });
    return () => {
      live = false;
      cancel?.();
    };
  }, [large, nodes, vms, total, flow, edged]);
  const partial = large && vms < total;
  return useMemo(() => {
    if (vms >= total) return { shown: nodes, partial, total, edged };
    let seen = 0;
    return { shown: vms < 0 ? [] : nodes.filter((n) => n.type !== 'vm' || seen++ < vms), partial, total, edged };
  }, [partial, nodes, vms, total, edged]);
}

const NONE: never[] = [];

/** `geometry`: the snapshot's (the store sets them together): the flow nodes reuse it rather than build it again. */
export function TopologyView({ snapshot, geometry }: { snapshot: TopologySnapshot; geometry: Geometry | undefined }) {
  const { nodes: allNodes, edges: allEdges, large } = useMemo(() => flowOf(snapshot, geometry), [snapshot, geometry]);
  const flow = useRef<HTMLDivElement>(null);
  const { shown: nodes, partial, total, edged } = useProgressiveNodes(allNodes, flow);
  const edges = edged ? allEdges : NONE;
  const devices = useMemo(() => {
    const rects = absoluteBoxes(snapshot.layout.boxes);
    const ids = new Set(allNodes.filter(isDeviceNode).map((n) => n.id));
    return new Map([...rects].filter(([id]) => ids.has(id)));
  }, [snapshot, allNodes]);
  const userMoved = useRef(false);
  const lastMove = useRef<Move | undefined>(undefined);
  const focusId = useAppStore((s) => s.focusId);
  const setFocusId = useAppStore((s) => s.setFocusId);
  // The Tab stop starts on the first device (top left) and moves off a device that is no longer drawn.
  useEffect(() => {
    if (focusId === undefined || !devices.has(focusId)) setFocusId(firstDevice(devices));
  }, [devices, focusId, setFocusId]);
  const view = useAppStore(selectDiagramView);
  const selectNode = useAppStore((s) => s.selectNode);
  const openContextMenu = useAppStore((s) => s.openContextMenu);
  const closeContextMenu = useAppStore((s) => s.closeContextMenu);

  const onNodeClick = useCallback(
    (_: MouseEvent, node: FlowNode) => {
      if (!isDeviceNode(node)) return;
      const device = deviceOfBox(node.id);
      selectNode(device);
      // A "which device next?" question is answered by clicking the device, too.
      const s = useAppStore.getState();
      const q = selectOpenQuestion(s);
      if (q?.kind === 'next-device' && q.choices.some((c) => c.id === device)) s.setQuizChoice(q.id, device);
    },
    [selectNode],
  );
  const onNodeContextMenu = useCallback(
    (e: MouseEvent, node: FlowNode) => {
      if (!isDeviceNode(node) || node.type === 'vip') return;
      e.preventDefault();
      openContextMenu(deviceOfBox(node.id), e.clientX, e.clientY);
    },
    [openContextMenu],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-device]');
      const id = el?.dataset.device;
      if (!el || !id || !devices.has(id)) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        selectNode(deviceOfBox(id));
      } else if (ARROWS.has(e.key)) {
        e.preventDefault();
        e.stopPropagation();
        // The overlay view hides the underlay's parts: the keyboard skips them too.
        const shown = view === 'overlay' ? new Map([...devices].filter(([d]) => readBoxId(d).kind !== 'port' && d !== snapshot.topology.switch.id)) : devices;
        const dir = e.key as Direction;
        const next = nextDevice(shown, id, dir, lastMove.current);
        if (next) {
          lastMove.current = { from: id, to: next, dir };
          el.closest('.react-flow')?.querySelector<HTMLElement>(`[data-device="${CSS.escape(next)}"]`)?.focus();
        }
      } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        e.stopPropagation();
        const box = el.getBoundingClientRect();
        if (readBoxId(id).kind !== 'vip') openContextMenu(deviceOfBox(id), box.left + box.width / 2, box.top + box.height / 2);
      }
    },
    [devices, selectNode, openContextMenu, view, snapshot],
  );

  const theme = useResolvedTheme();
  const hasRun = useAppStore((s) => selectTimeline(s) !== undefined);
  useRunChunksEarly();
  const menuOpen = useAppStore((s) => s.contextMenu !== undefined);
  const highlight = useAppStore(selectHighlight);
  const css = useMemo(() => highlightCss(highlight, snapshot.layout), [highlight, snapshot]);

  // The zoom controls, the "more" marks and the picture buttons sit in a strip above the drawing, never on it (over
  // the drawing they covered the host's title once the view followed a packet, and the VIP pool): React Flow's parts,
  // rendered into the strip through a portal, keep its context.
  const [tools, setTools] = useState<HTMLDivElement | null>(null);

  return (
    <>
      {css && <style data-testid="diagram-highlight">{css}</style>}
      <div className="diagram-tools" ref={setTools} />
      <ReactFlow
        ref={flow}
        // While a large network's VMs are still being handed over (the frames benchmark waits for the end).
        data-drawing={partial ? 'partial' : undefined}
        className={`view-${view}${large ? ' diagram-large' : ''}`}
        colorMode={theme === 'dark' ? 'dark' : 'light'}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onMoveStart={(e) => {
          if (e) userMoved.current = true;
        }}
        minZoom={0.1}
        maxZoom={2.5}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={large}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeContextMenu}
        onKeyDown={onKeyDown}
        aria-label="Topology of the network"
      >
        <DiagramBackground />
        {/* Large generated networks only: on the POC the minimap would cover part of the drawing. */}
        {!large && allNodes.length > MINIMAP_FROM && <MiniMap pannable zoomable ariaLabel="Minimap" position="bottom-right" nodeColor={minimapColor} style={{ width: 150, height: 96 }} />}
        {large && (
          <Suspense fallback={null}>
            <LargeLayers snapshot={snapshot} />
          </Suspense>
        )}
        {hasRun && (
          <>
            <Suspense fallback={null}>
              <HopRings />
            </Suspense>
            <Suspense fallback={null}>
              <PathTrails />
            </Suspense>
            <Suspense fallback={null}>
              <TokenLayer />
            </Suspense>
          </>
        )}
        <AutoFit userMoved={userMoved} readable={allNodes.length <= MINIMAP_FROM} />

        {hasRun && allNodes.length <= MINIMAP_FROM && (
          <Suspense fallback={null}>
            <FollowHop userMoved={userMoved} />
          </Suspense>
        )}
        <LegibleText />
        {tools &&
          createPortal(
            <>
              <Controls showInteractive={false} position="top-left" orientation="horizontal" />
              <span className="tools-more">
                {allNodes.length <= MINIMAP_FROM && (
                  <Suspense fallback={null}>
                    <OffScreen movedRef={userMoved} />
                  </Suspense>
                )}
              </span>
              {/* The key to the flow's paths, beside the tools on a laptop or wider (a row of its own above the
                  diagram took a small laptop's event list two rows); in the bar above on narrower screens. */}
              <TrailLegend />
              <Suspense fallback={null}>
                <DiagramPictures />
              </Suspense>
            </>,
            tools,
          )}
        {/* The VMs are not painted until the last batch is in (styles.css): say why the drawing is empty meanwhile. */}
        {partial && (
          <p className="drawing-status" role="status">
            Drawing {total.toLocaleString('en')} VMs…
          </p>
        )}
      </ReactFlow>
      {menuOpen && (
        <Suspense fallback={null}>
          <NodeMenu />
        </Suspense>
      )}
    </>
  );
}
