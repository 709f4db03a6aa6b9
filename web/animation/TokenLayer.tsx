// The packets in flight, drawn inside React Flow's viewport (flow coordinates, so they pan and zoom with
// the diagram). React renders the tokens once per step; the clock moves them by writing their
// style.transform through refs. Each token is its own compositor layer (will-change), so a frame of
// animation costs no React render, no layout and no paint: the compositor just moves the layers.
import { ViewportPortal } from '@xyflow/react';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { selectCurrentTxId, selectCursor, selectGeometry, selectHopRoles, selectTimeline, useAppStore } from '../store/store';
import { currentProgress, onProgress } from './clock';
import { DropMarkers } from './DropMarkers';
import { useLegibleScale } from '../diagram/LegibleText';
import { coveredBadges, coveredTags } from './tagYield';
import { MAX_TOKENS } from './tokenIds';
import { pointAlong } from './tokenPath';
import { glideDistance, glideSpan, stepTokens, type Token } from './tokens';

const at = (t: Token, d: number) => {
  const pt = pointAlong(t.path.points, d);
  return `translate(${pt.x.toFixed(1)}px, ${pt.y.toFixed(1)}px)`;
};

/** Moves a token's element to where it is at progress `p`; hides it before it leaves. */
function place(el: HTMLElement, t: Token, p: number, span: number) {
  const d = glideDistance(t, p, span);
  if (d !== undefined) el.style.transform = at(t, d);
  const waiting = d === undefined;
  if (el.classList.contains('token-waiting') !== waiting) el.classList.toggle('token-waiting', waiting);
  if (el.classList.contains('token-arrived') !== p >= 1) el.classList.toggle('token-arrived', p >= 1);
}

export function TokenLayer() {
  const geo = useAppStore(selectGeometry);
  const timeline = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const tokens = useMemo(() => (geo && timeline ? stepTokens(geo, timeline, cursor) : []), [geo, timeline, cursor]);
  const span = useMemo(() => glideSpan(tokens), [tokens]);
  const frames = timeline?.steps[cursor]?.txIds.length ?? 0;
  // Of several frames in a step, the one the inspector, the Why and the event list show is ringed.
  const shown = useAppStore(selectCurrentTxId);
  const sw = geo?.box(geo.switchId);
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const p0 = currentProgress();
  const fz = useLegibleScale();

  useEffect(
    () =>
      onProgress((p) => {
        tokens.forEach((t, i) => {
          const el = refs.current[i];
          if (el) place(el, t, p, span);
        });
      }),
    [tokens, span],
  );

  // The VLAN tags and the devices' badges a resting token's label covers yield while it rests. (No network
  // title needs to: below the switch, where tokens run into a network, its title sits at the far edge.)
  const roles = useAppStore(selectHopRoles);
  const yieldCss = useMemo(() => {
    if (!geo) return '';
    const tags = coveredTags(geo, tokens, fz).map((id) => `.react-flow:has(.token-arrived) [data-vlan-tag="${CSS.escape(id)}"] { visibility: hidden; }`);
    const badges = roles ? coveredBadges(geo, tokens, roles, fz).map((id) => `.react-flow:has(.token-arrived) .vm[data-node-id="${CSS.escape(id)}"] .hop-badges { visibility: hidden; }`) : [];
    return [...tags, ...badges].join('\n');
  }, [tokens, geo, fz, roles]);

  return (
    <ViewportPortal>
      {yieldCss && <style>{yieldCss}</style>}
      <div className="token-layer" aria-hidden="true">
        {tokens.map((t, i) => (
          <div
            key={t.txId}
            ref={(el) => {
              refs.current[i] = el;
            }}
            className={`token token-${t.protocol} token-anchor-${t.path.anchor}${t.side ? ` token-side-${t.side}` : ''}${t.inFlow ? ' token-flow' : ''}${t.path.lost ? ' token-lost' : ''}${tokens.length > 1 && t.txId === shown ? ' token-shown' : ''}${p0 >= 1 ? ' token-arrived' : glideDistance(t, p0, span) === undefined ? ' token-waiting' : ''}`}
            style={{ transform: at(t, glideDistance(t, p0, span) ?? 0), ...(t.lane > 0 ? { '--lane': t.lane } : {}) } as CSSProperties}
            data-tx={t.txId}
          >
            <span className="token-bead" />
            <TokenShape token={t} />
          </div>
        ))}
      </div>
      {frames > MAX_TOKENS && sw && (
        <div className="flood-note" style={{ transform: `translate(${sw.x + sw.width / 2}px, ${sw.y + sw.height + 6}px)` }}>
          flooded to {frames} ports: {tokens.length} shown
        </div>
      )}
      <DropMarkers />
    </ViewportPortal>
  );
}

/** A pill with the frame's label; a VXLAN frame is a packet inside a packet: an envelope around the pill. */
function TokenShape({ token }: { token: Token }) {
  const pill = (
    <span className="token-pill">
      {token.label}
      {token.ttl !== undefined && <span className="token-ttl"> · TTL {token.ttl}</span>}
    </span>
  );
  return (
    <div className="token-body">
      {token.vni !== undefined ? (
        <span className="token-envelope">
          <span className="token-envelope-text">VXLAN VNI {token.vni}</span>
          {pill}
        </span>
      ) : (
        pill
      )}
      {token.path.lost && <span className="token-x">✕</span>}
    </div>
  );
}
