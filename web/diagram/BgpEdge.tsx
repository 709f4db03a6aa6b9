// The BGP session: not a wire but a conversation carried over the switch, so it is drawn apart from
// the NICs: a dashed arc over the two speakers, labelled with the AS numbers and the session's state.
// The label is SVG in the edge itself, so it sits above the network groups as the arc does.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { BADGE_LANE, HEADER } from '../../src-engine/view/index';
import { selectBgpState, useAppStore } from '../store/store';
import { useLegibleScale } from './LegibleText';
import type { BgpEdgeData } from './toFlow';

/** From a speaker's top to the middle of its host's title band: the badge lane, a network's title band and half the host's. */
const APEX_LIFT = BADGE_LANE + HEADER + HEADER / 2;
/** Two neighbouring nodes' centres apart (layout's NODE_W + GAP). */
const NEAREST_PAIR = 180 + 34;
/** Half a node's width (layout's NODE_W). */
const NODE_HALF = 90;
/** About the width of a character of the host's title (semibold 15px system-ui), in ems, rounded up. */
const TITLE_EM = 0.62;
/** Room for a provenance mark after the title (shown at 100% zoom and above). */
const MARK_W = 100;

export function BgpEdge({ id, source, target, sourceX, sourceY, targetX, targetY, data }: EdgeProps) {
  const base = (data as BgpEdgeData | undefined)?.label ?? 'BGP';
  const state = useAppStore((s) => selectBgpState(s, source, target));
  const fz = useLegibleScale();
  const down = state !== undefined && state !== 'Established';
  const label = state ? `${base} · ${state}` : base;
  // The label rides the arc's apex, in the host's title band above the speakers' network, so it never
  // covers that network's title. Farther pairs arc higher, so two sessions from one router (a second MUX)
  // keep their labels apart.
  const lift = APEX_LIFT + Math.max(0, Math.abs(targetX - sourceX) - NEAREST_PAIR) / 8;
  // A cubic with both control points at `top` peaks three quarters of the way up.
  const top = Math.min(sourceY, targetY) - lift / 0.75;
  const path = `M ${sourceX} ${sourceY} C ${sourceX} ${top}, ${targetX} ${top}, ${targetX} ${targetY}`;
  const midY = Math.min(sourceY, targetY) - lift;
  const w = (label.length * 6.3 + 10) * fz + 6;
  const h = 18 * fz;
  // Centred over the pair, but never left of the left speaker's box, nor over the host's title in the same band
  // (its width estimated from its characters, bold 15px; zoomed in, its provenance mark follows it).
  const title = (data as BgpEdgeData | undefined)?.title;
  const titleEnd = title ? title.x + 12 + title.chars * TITLE_EM * 15 * fz + (fz > 1 ? 0 : MARK_W) + 20 : -Infinity;
  const midX = Math.max((sourceX + targetX) / 2, Math.min(sourceX, targetX) - NODE_HALF + w / 2, titleEnd + w / 2);
  return (
    <>
      <BaseEdge id={id} path={path} className={down ? 'bgp-down' : undefined} />
      <g className={`bgp-label${down ? ' bgp-label-down' : ''}`} transform={`translate(${midX} ${midY})`}>
        <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={h / 2} />
        <text y={4 * fz} textAnchor="middle">
          {label}
        </text>
      </g>
    </>
  );
}
