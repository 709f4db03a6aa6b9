// Labels that yield: the VLAN tags a resting token's label covers are hidden while it rests there, and so is
// a device's badge a token resting at another device covers (in a flood, the tokens under the management
// scope's first row rest in the gap where the second row's badges hang). Boxes are estimated from their text
// (the tokens are few; the tags near each are found by bisection).
import type { Geometry, Rect } from '../diagram/geometry';
import { tagBox } from '../diagram/vlanTag';
import { textWidth } from './measure';
import type { Token } from './tokens';

/** The widest tag text ("VLAN 4094"): a tag's box is taken at its widest. */
export const WIDEST_TAG = 'VLAN 4094';

/** What a label resting for several alike frames adds: their count. */
export const alikeText = (n: number) => ` ×${n}`;

/** Where a token's label rests, in flow coordinates (see the .token-body rules in styles.css); `tz` is the labels' text scale (tokenScale.ts). */
export function restBox(t: Token, tz: number): Rect {
  const end = t.path.points[t.path.points.length - 1] ?? { x: 0, y: 0 };
  const font = 12 * tz;
  const text = `${t.label}${t.ttl !== undefined ? ` · TTL ${t.ttl}` : ''}${t.alike ? alikeText(t.alike.length) : ''}`;
  const pill = { w: textWidth(text, font) + 28, h: font + 14 };
  const envelope = t.vni !== undefined ? { w: Math.max(pill.w, textWidth(`VXLAN VNI ${t.vni}`, font)) + 26, h: pill.h + font * 1.1 + 16 } : pill;
  const w = envelope.w + (t.path.lost ? 22 : 0);
  const h = envelope.h;
  const pitch = t.lane * (font + 24);
  const x = (t.side === 'left' ? end.x - 4 - w : t.side === 'right' ? end.x + 4 : end.x - w / 2) + (t.shift ?? 0);
  const y = (t.path.anchor === 'above' ? end.y - 5 - h - pitch : t.path.anchor === 'below' ? end.y + 5 + pitch : end.y - h / 2 - pitch) + (t.lift ?? 0);
  return { x, y, width: w, height: h };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** About the width of a badge's character (bold 12px uppercase, spaced 0.03em), in ems. */
const BADGE_EM = 0.78;

/**
 * Where a device's badge hangs (see .hop-badges in styles.css): outside its box's right end, above it when the
 * device sits above the switch, below it when below.
 */
export function badgeBox(box: Rect, above: boolean, text: string, fz: number): Rect {
  const font = 12 * fz;
  const w = text.length * BADGE_EM * font + 10;
  const h = font + 4;
  return { x: box.x + box.width - 6 - w, y: above ? box.y - 3 - h : box.y + box.height + 3, width: w, height: h };
}

/** The devices (of `roles`, the step's senders and receivers) whose badge a resting token's label would cover. */
export function coveredBadges(geo: Geometry, tokens: readonly Token[], roles: ReadonlyMap<string, 'sender' | 'receiver'>, fz: number, tz = fz): string[] {
  return badgesUnder(geo, tokens.filter((t) => !t.merged).map((t) => restBox(t, tz)), roles, fz);
}

/** The devices (of `roles`) whose badge one of `rests` (labels' boxes, flow units) would cover. */
export function badgesUnder(geo: Geometry, rests: readonly Rect[], roles: ReadonlyMap<string, 'sender' | 'receiver'>, fz: number): string[] {
  const sw = geo.box(geo.switchId);
  if (!sw || rests.length === 0) return [];
  const out: string[] = [];
  for (const [node, role] of roles) {
    const box = node === geo.switchId ? undefined : geo.box(node);
    if (!box) continue;
    const badge = badgeBox(box, box.y < sw.y, role === 'sender' ? 'sends' : 'receives', fz);
    if (rests.some((r) => overlaps(r, badge))) out.push(node);
  }
  return out;
}

/** The ids of the wires whose VLAN tag a resting token's label would cover. */
export function coveredTags(geo: Geometry, tokens: readonly Token[], fz: number, tz = fz): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if (t.merged) continue;
    const r = restBox(t, tz);
    for (const above of [true, false]) {
      const widest = tagBox(0, 0, above, WIDEST_TAG, fz);
      for (const w of geo.wires(above, r.x - widest.x - widest.width, r.x + r.width)) {
        if (overlaps(r, tagBox(w.x, w.ySwitch, above, WIDEST_TAG, fz))) out.add(w.id);
      }
    }
  }
  return [...out];
}
