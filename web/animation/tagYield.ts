// Labels that yield: the VLAN tags a resting token's label covers are hidden while it rests there. The
// label's box is estimated from its text (the tokens are few; the tags near each are found by bisection).
import type { Geometry, Rect } from '../diagram/geometry';
import { tagBox } from '../diagram/vlanTag';
import type { Token } from './tokens';

/** About the width of a character of a token's label (bold 12px system-ui), in ems, rounded up. */
const CHAR_EM = 0.66;
/** The widest tag text ("VLAN 4094"): a tag's box is taken at its widest. */
const WIDEST_TAG = 'VLAN 4094';

/** Where a token's label rests, in flow coordinates (see the .token-body rules in styles.css). */
export function restBox(t: Token, fz: number): Rect {
  const end = t.path.points[t.path.points.length - 1] ?? { x: 0, y: 0 };
  const font = 12 * fz;
  const text = t.label.length + (t.ttl !== undefined ? ` · TTL ${t.ttl}`.length : 0);
  const pill = { w: text * CHAR_EM * font + 28, h: font + 14 };
  const envelope = t.vni !== undefined ? { w: Math.max(pill.w, `VXLAN VNI ${t.vni}`.length * CHAR_EM * font) + 26, h: pill.h + font * 1.1 + 16 } : pill;
  const w = envelope.w + (t.path.lost ? 22 : 0);
  const h = envelope.h;
  const pitch = t.lane * (font + 24);
  const x = t.side === 'left' ? end.x - 4 - w : t.side === 'right' ? end.x + 4 : end.x - w / 2;
  const y = t.path.anchor === 'above' ? end.y - 5 - h - pitch : t.path.anchor === 'below' ? end.y + 5 + pitch : end.y - h / 2 - pitch;
  return { x, y, width: w, height: h };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The ids of the wires whose VLAN tag a resting token's label would cover. */
export function coveredTags(geo: Geometry, tokens: readonly Token[], fz: number): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const r = restBox(t, fz);
    for (const above of [true, false]) {
      const widest = tagBox(0, 0, above, WIDEST_TAG, fz);
      for (const w of geo.wires(above, r.x - widest.x - widest.width, r.x + r.width)) {
        if (overlaps(r, tagBox(w.x, w.ySwitch, above, WIDEST_TAG, fz))) out.add(w.id);
      }
    }
  }
  return [...out];
}
