// Labels that yield: the VLAN tags a resting token's label covers are hidden while it rests there, and so is
// a device's badge a token resting at another device covers (in a flood, the tokens under the management
// scope's first row rest in the gap where the second row's badges hang). Boxes are estimated from their text
// (the tokens are few; the tags near each are found by bisection).
import type { Geometry, Rect } from '../diagram/geometry';
import { TAG_DX, TAG_DY, tagHeight, tagWidth } from '../diagram/vlanTag';
import { textWidth } from './measure';
import type { Token } from './tokens';

/**
 * The widest a tag is drawn where the wires are `room` apart at least: its full text at its widest ("VLAN 4094") where
 * that fits, else no wider than the room leaves or the widest short text ("4094"). (Taken at its widest always,
 * BGPVM's transit tag, drawn "1002", yielded to a VXLAN envelope about 50 units clear of it at 1280x800.)
 */
export function widestTag(room: number, fz: number): number {
  const full = tagWidth('VLAN 4094', fz);
  return full + TAG_DX + 6 <= room ? full : Math.max(tagWidth('4094', fz), Math.min(full, room - TAG_DX - 6));
}

/** The box of a link's tag `w` wide (see tagBox in vlanTag.ts), for a wire at `x` meeting the switch at `edgeY`. */
export function tagBoxOf(x: number, edgeY: number, above: boolean, w: number, fz: number): Rect {
  const h = tagHeight(fz);
  return { x: x + TAG_DX, y: (above ? edgeY - TAG_DY : edgeY + TAG_DY) - h / 2, width: w, height: h };
}

const rooms = new WeakMap<Geometry, number>();

/**
 * How wide the tags on `geo` are drawn at most, at text scale `fz`: their text follows the least room between two
 * wires on a side of the switch (see toFlow), the same on every wire.
 */
export function tagWidthOn(geo: Geometry, fz: number): number {
  let room = rooms.get(geo);
  if (room === undefined) {
    room = Infinity;
    for (const above of [true, false]) {
      const xs = geo.wires(above, -Infinity, Infinity).map((w) => w.x);
      for (let i = 1; i < xs.length; i++) if (xs[i]! - xs[i - 1]! > 0.5) room = Math.min(room, xs[i]! - xs[i - 1]!);
    }
    rooms.set(geo, room);
  }
  return widestTag(room, fz);
}

/** What a label resting for several alike frames adds: their count. */
export const alikeText = (n: number) => ` ×${n}`;

/**
 * How far a label resting beside a wire (left or right of it) keeps from the wire's middle: past the lit wire (4 wide)
 * and the ring of the frame the panels show (3 out, 2 from the label: see .token-shown), with 3 to spare. (4 units, the
 * ring lay over BGPVM's lit wire as the BGP OPEN reached it.) A VXLAN envelope keeps 4: the ring is inside it, round
 * its inner pill (and a MUX's pair of envelopes fills the stretch the layout leaves it). The same as --tx in styles.css.
 */
export const SIDE_GAP = 10;
export const ENVELOPE_SIDE_GAP = 4;

/**
 * Where a token's label rests, in flow coordinates (see the .token-body rules in styles.css); `tz` is the labels' text
 * scale (tokenScale.ts). Sized as drawn (measured at the largest text, rounded up a unit): the pill's text bold, its
 * TTL semibold, 10 + 2 px of padding and border a side, 5 + 2 above and below its line (1.1 em with the semibold TTL
 * in it, else 1 em: 37 and 35 units at the largest text); the envelope 12 px wider a side and its VNI line (1.1 em)
 * and 16 px of gap, padding and border taller. (An envelope estimated 4.3 units wider
 * than drawn, its TTL taken bold, hid BGPVM's transit "1002" beside the pair of VXLAN envelopes with nothing over it.)
 */
export function restBox(t: Token, tz: number): Rect {
  const end = t.path.points[t.path.points.length - 1] ?? { x: 0, y: 0 };
  const font = 12 * tz;
  const name = textWidth(`${t.label}${t.alike ? alikeText(t.alike.length) : ''}`, font);
  // Wrapped, the TTL is a line of its own (1.1 em) under the name (1 em).
  const wrapped = t.wrap === true && t.ttl !== undefined;
  const text = wrapped ? Math.max(name, textWidth(`TTL ${t.ttl}`, font, 600)) : name + (t.ttl !== undefined ? textWidth(` · TTL ${t.ttl}`, font, 600) : 0);
  const pill = { w: text + 25, h: (wrapped ? 2.1 : t.ttl !== undefined ? 1.1 : 1) * font + 14 };
  const envelope = t.vni !== undefined ? { w: Math.max(pill.w, textWidth(`VXLAN VNI ${t.vni}`, font)) + 25, h: pill.h + font * 1.1 + 16 } : pill;
  const w = envelope.w + (t.path.lost ? 22 : 0);
  const h = envelope.h;
  const pitch = t.lane * (font + 24);
  const gap = t.vni !== undefined ? ENVELOPE_SIDE_GAP : SIDE_GAP;
  const x = (t.side === 'left' ? end.x - gap - w : t.side === 'right' ? end.x + gap : end.x - w / 2) + (t.shift ?? 0);
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
      const widest = tagBoxOf(0, 0, above, tagWidthOn(geo, fz), fz);
      for (const w of geo.wires(above, r.x - widest.x - widest.width, r.x + r.width)) {
        if (overlaps(r, tagBoxOf(w.x, w.ySwitch, above, widest.width, fz))) out.add(w.id);
      }
    }
  }
  return [...out];
}
