// The BGP session: not a wire but a conversation carried over the switch, so it is drawn apart from
// the NICs: a dashed arc over the two speakers, labelled with the AS numbers and the session's state.
// The label is SVG in the edge itself, so it sits above the network groups as the arc does.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { useLayoutEffect, useRef, useState } from 'react';
import { BADGE_LANE, HEADER } from '../../src-engine/view/index';
import { selectBgpState, useAppStore } from '../store/store';
import { useLegibleScale } from './LegibleText';
import type { BgpEdgeData } from './toFlow';

/** From a speaker's top to its group's top: the badge lane and a network's title band (unless the layout says more). */
const ABOVE = BADGE_LANE + HEADER;
/** Half a node's width (layout's NODE_W). */
const NODE_HALF = 90;
/** About the width of a character of the host's title (semibold 15px system-ui), in ems, rounded up. */
const TITLE_EM = 0.64;
/** Room for a provenance mark after the title (shown at 100% zoom and above). */
const MARK_W = 100;
/** About the width of a character of the label (semibold 12px system-ui), in ems, before it is measured. */
const LABEL_EM = 0.6;

export function BgpEdge({ id, source, target, sourceX, sourceY, targetX, targetY, data }: EdgeProps) {
  const d = data as BgpEdgeData | undefined;
  const base = d?.label ?? 'BGP';
  const state = useAppStore((s) => selectBgpState(s, source, target));
  const fz = useLegibleScale();
  const down = state !== undefined && state !== 'Established';
  const label = state ? `${base} · ${state}` : base;
  // The pill is as wide as its text, measured once drawn (an estimate from its characters until then). The
  // width is kept in ems: the text's size (12px times --fz) may change in the same commit as the scale read here.
  const text = useRef<SVGTextElement>(null);
  const [measured, setMeasured] = useState<{ label: string; ems: number }>();
  useLayoutEffect(() => {
    const el = text.current;
    const size = el ? parseFloat(getComputedStyle(el).fontSize) : NaN;
    if (el && typeof el.getComputedTextLength === 'function' && size > 0) setMeasured({ label, ems: el.getComputedTextLength() / size });
  }, [label, fz]);
  const textW = (measured?.label === label ? measured.ems : label.length * LABEL_EM) * 12 * fz;
  const w = textW + 16 * fz;
  const h = 16 * fz;
  // The label rides the arc's apex, in its row of the host's title band (a second session's a row higher), so
  // it never covers the speakers' network's title. It stays right of the host's title (its width estimated from its
  // characters; zoomed in, its provenance mark follows it).
  const row = d?.row ?? 0;
  // From the speakers' tops up past their group's top to the middle of the host's lowest title row.
  const midY = Math.min(sourceY, targetY) - (d?.above ?? ABOVE) - HEADER / 2 - row * HEADER;
  // A lower row's label keeps right of it too: set large, the title reaches down to the row beneath (with two MUXes
  // drawn compact, the nearer pair's label, centred between BGPVM and MuxVM, touched "HyperVHost").
  const title = d?.title;
  const titleEnd = title ? title.x + 12 + title.chars * TITLE_EM * 15 * fz + (fz > 1 ? 0 : MARK_W) + 20 : -Infinity;
  const midX = Math.max((sourceX + targetX) / 2, Math.min(sourceX, targetX) - NODE_HALF + w / 2, titleEnd + w / 2);
  // Up from each speaker and level into the label from either side, so the arc passes under its own label.
  const path = `M ${sourceX} ${sourceY} C ${sourceX} ${midY}, ${(sourceX + midX) / 2} ${midY}, ${midX} ${midY} C ${(midX + targetX) / 2} ${midY}, ${targetX} ${midY}, ${targetX} ${targetY}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={down ? 'bgp-down' : undefined} />
      <g className={`bgp-label${down ? ' bgp-label-down' : ''}`} transform={`translate(${midX} ${midY})`}>
        <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={h / 2} />
        <text ref={text} y={4 * fz} textAnchor="middle">
          {label}
        </text>
      </g>
    </>
  );
}
