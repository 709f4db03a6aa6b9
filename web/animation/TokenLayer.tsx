// The packets in flight, drawn inside React Flow's viewport (flow coordinates, so they pan and zoom with
// the diagram). React renders the tokens once per step; the clock moves them by writing their
// style.transform through refs. Each token is its own compositor layer (will-change), so a frame of
// animation costs no React render, no layout and no paint: the compositor just moves the layers.
import { ViewportPortal } from '@xyflow/react';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { selectCurrentTxId, selectCursor, selectGeometry, selectTimeline, useAppStore } from '../store/store';
import { currentProgress, onProgress } from './clock';
import { DropMarkers } from './DropMarkers';
import { MAX_TOKENS } from './tokenIds';
import { pointAt } from './tokenPath';
import { stepTokens, type Token } from './tokens';

const at = (t: Token, p: number) => {
  const pt = pointAt(t.path.points, p);
  return `translate(${pt.x.toFixed(1)}px, ${pt.y.toFixed(1)}px)`;
};

export function TokenLayer() {
  const geo = useAppStore(selectGeometry);
  const timeline = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const tokens = useMemo(() => (geo && timeline ? stepTokens(geo, timeline, cursor) : []), [geo, timeline, cursor]);
  const frames = timeline?.steps[cursor]?.txIds.length ?? 0;
  // Of several frames in a step, the one the inspector, the Why and the event list show is ringed.
  const shown = useAppStore(selectCurrentTxId);
  const sw = geo?.box(geo.switchId);
  const refs = useRef<(HTMLDivElement | null)[]>([]);

  useEffect(
    () =>
      onProgress((p) => {
        tokens.forEach((t, i) => {
          const el = refs.current[i];
          if (!el) return;
          el.style.transform = at(t, p);
          if (el.classList.contains('token-arrived') !== p >= 1) el.classList.toggle('token-arrived', p >= 1);
        });
      }),
    [tokens],
  );

  // A token resting in a network's title band (arriving at a device below the switch) makes the title yield.
  const yieldCss = useMemo(
    () =>
      [...new Set(tokens.map((t) => t.path.yields).filter((n): n is string => n !== undefined))]
        .map((n) => `.react-flow:has(.token-arrived[data-yields="${CSS.escape(n)}"]) [data-net="${CSS.escape(n)}"] .net-label { visibility: hidden; }`)
        .join('\n'),
    [tokens],
  );

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
            className={`token token-${t.protocol} token-anchor-${t.path.anchor}${t.side ? ` token-side-${t.side}` : ''}${t.inFlow ? ' token-flow' : ''}${t.path.lost ? ' token-lost' : ''}${tokens.length > 1 && t.txId === shown ? ' token-shown' : ''}`}
            style={{ transform: at(t, currentProgress()), ...(t.lane > 0 ? { '--lane': t.lane } : {}) } as CSSProperties}
            data-tx={t.txId}
            data-yields={t.path.yields}
          >
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
