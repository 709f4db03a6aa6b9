// The packets in flight, drawn inside React Flow's viewport (flow coordinates, so they pan and zoom with
// the diagram). React renders the tokens once per step. A step's glide is handed to the browser as one
// animation per token (the Web Animations API, on transform and opacity only): the compositor plays it, so
// a frame of animation runs no script, no style, no layout and no paint on the page's thread. At rest a
// token sits where its frame arrived, its label shown.
import { useStore, ViewportPortal } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { selectCurrentTxId, selectCursor, selectGeometry, selectHopRoles, selectLargeText, selectTimeline, useAppStore } from '../store/store';
import { currentGlide, glideEase, onGlide, type Glide } from './clock';
import { DropMarkers, useDropMarkers } from './DropMarkers';
import { markerBox } from './dropMarkers';
import { useLegibleScale } from '../diagram/LegibleText';
import { alikeText, coveredBadges, coveredTags } from './tagYield';
import { MAX_TOKENS } from './tokenIds';
import { placeRests, widestRow } from './restPlace';
import { pointAlong } from './tokenPath';
import { glideKeyframes, glideSpan, stepTokens, type Token } from './tokens';
import { tokenScale } from './tokenScale';

const at = (t: Token, d: number) => {
  const pt = pointAlong(t.path.points, d);
  return `translate(${pt.x.toFixed(1)}px, ${pt.y.toFixed(1)}px)`;
};

const playing = new WeakMap<HTMLElement, Animation>();

/** Plays a token's glide on its element, or puts it at rest where its frame arrived. */
function place(el: HTMLElement, t: Token, span: number, glide: Glide | undefined) {
  playing.get(el)?.cancel();
  playing.delete(el);
  el.classList.toggle('token-arrived', glide === undefined);
  if (glide === undefined) {
    el.style.transform = at(t, t.length);
    return;
  }
  const keys = glideKeyframes(t, span, glideEase).map((k) => ({ offset: k.offset, transform: `translate(${k.x.toFixed(1)}px, ${k.y.toFixed(1)}px)`, opacity: k.shown ? 1 : 0 }));
  const animation = el.animate(keys, { duration: glide.duration, fill: 'both' });
  // Started when the clock started the glide (the same time origin): a render that came late does not shift it.
  animation.startTime = glide.start;
  playing.set(el, animation);
}

export function TokenLayer() {
  const geo = useAppStore(selectGeometry);
  const timeline = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  const fz = useLegibleScale();
  // The labels' own scale (presenter mode, large text), placed at the size they are drawn (--tz below).
  const presenter = useAppStore((s) => s.presenter && s.lesson !== undefined);
  const large = useAppStore(selectLargeText);
  const tz = useStore((s) => tokenScale(fz, s.transform[2], presenter, large));
  const stepped = useMemo(() => (geo && timeline ? stepTokens(geo, timeline, cursor) : []), [geo, timeline, cursor]);
  // Whether the widest row of labels resting at one point is wider than the diagram's area (a phone): they wrap.
  const need = useMemo(() => widestRow(stepped, tz), [stepped, tz]);
  const narrow = useStore((s) => need > 0 && s.width > 0 && s.transform[2] > 0 && s.width / s.transform[2] < need);
  const markers = useDropMarkers();
  const callouts = useMemo(() => markers.map((m) => markerBox(m, fz)), [markers, fz]);
  const tokens = useMemo(() => (geo ? placeRests(geo, stepped, fz, tz, large, narrow, callouts) : []), [geo, stepped, fz, tz, large, narrow, callouts]);
  const span = useMemo(() => glideSpan(tokens), [tokens]);
  const frames = timeline?.steps[cursor]?.txIds.length ?? 0;
  // Of several frames in a step, the one the inspector, the Why and the event list show is ringed.
  const shown = useAppStore(selectCurrentTxId);
  const sw = geo?.box(geo.switchId);
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const resting = currentGlide() === undefined;

  useLayoutEffect(
    () =>
      onGlide((glide) => {
        tokens.forEach((t, i) => {
          const el = refs.current[i];
          if (el) place(el, t, span, glide);
        });
      }),
    [tokens, span],
  );

  // The VLAN tags and the devices' badges a resting token's label covers yield while it rests. (No network
  // title needs to: below the switch, where tokens run into a network, its title sits at the far edge.)
  const roles = useAppStore(selectHopRoles);
  const yieldCss = useMemo(() => {
    if (!geo) return '';
    const tags = coveredTags(geo, tokens, fz, tz).map((id) => `.react-flow:has(.token-arrived) [data-vlan-tag="${CSS.escape(id)}"] { visibility: hidden; }`);
    const badges = roles ? coveredBadges(geo, tokens, roles, fz, tz).map((id) => `.react-flow:has(.token-arrived) .vm[data-node-id="${CSS.escape(id)}"] .hop-badges { visibility: hidden; }`) : [];
    return [...tags, ...badges].join('\n');
  }, [tokens, geo, fz, tz, roles]);

  return (
    <ViewportPortal>
      {yieldCss && <style>{yieldCss}</style>}
      <div className="token-layer" aria-hidden="true" style={{ '--tz': tz } as CSSProperties}>
        {tokens.map((t, i) => (
          <div
            key={t.txId}
            ref={(el) => {
              refs.current[i] = el;
            }}
            className={`token token-${t.protocol} token-anchor-${t.path.anchor}${t.side ? ` token-side-${t.side}` : ''}${t.inFlow ? ' token-flow' : ''}${t.path.lost ? ' token-lost' : ''}${t.merged ? ' token-merged' : ''}${tokens.length > 1 && (t.txId === shown || (shown !== undefined && t.alike?.includes(shown))) ? ' token-shown' : ''}${resting ? ' token-arrived' : ''}`}
            style={{ transform: at(t, resting ? t.length : 0), ...(t.lane > 0 ? { '--lane': t.lane } : {}), ...(t.shift ? { '--shift': `${t.shift.toFixed(1)}px` } : {}), ...(t.lift ? { '--lift': `${t.lift.toFixed(1)}px` } : {}) } as CSSProperties}
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
      <DropMarkers markers={markers} />
    </ViewportPortal>
  );
}

/** A pill with the frame's label; a VXLAN frame is a packet inside a packet: an envelope around the pill. */
function TokenShape({ token }: { token: Token }) {
  const wrapped = token.wrap === true && token.ttl !== undefined;
  const pill = wrapped ? (
    <span className="token-pill token-wrap">
      {token.label}
      {token.alike && <span className="token-alike">{alikeText(token.alike.length)}</span>}
      <span className="token-ttl"> TTL {token.ttl}</span>
    </span>
  ) : (
    <span className="token-pill">
      {token.label}
      {token.ttl !== undefined && <span className="token-ttl"> · TTL {token.ttl}</span>}
      {token.alike && <span className="token-alike">{alikeText(token.alike.length)}</span>}
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
