// Where a link's VLAN tag is drawn: beside its wire (clear of a packet gliding down it), just off the switch
// where the access port is. Pure, shared by the link that draws it and the tokens that rest over it.
import type { Rect } from './geometry';

/** The tag's left edge is this far right of the wire. */
export const TAG_DX = 9;
/** Its middle is this far out from the switch's edge. */
export const TAG_DY = 22;
const FONT = 12;
/** About the width of one character of the tag's text (semibold 12px system-ui), in ems. */
const CHAR_EM = 0.62;

export interface VlanTagText {
  /** "VLAN 1001", drawn when there is room before the next wire. */
  readonly full: string;
  /** "1001", when there is not. */
  readonly short: string;
}

export const tagWidth = (text: string, fz: number) => Math.ceil(text.length * CHAR_EM * FONT * fz + 10);
export const tagHeight = (fz: number) => Math.ceil(FONT * fz + 6);

/** The text that fits in `room` (the distance to the next wire on the right). */
export function tagText(t: VlanTagText, room: number, fz: number): string {
  return tagWidth(t.full, fz) + TAG_DX + 6 <= room ? t.full : t.short;
}

/** The tag's box, in flow coordinates, for a wire at `x` meeting the switch at `edgeY` from above or below. */
export function tagBox(x: number, edgeY: number, above: boolean, text: string, fz: number): Rect {
  const w = tagWidth(text, fz);
  const h = tagHeight(fz);
  const cy = above ? edgeY - TAG_DY : edgeY + TAG_DY;
  return { x: x + TAG_DX, y: cy - h / 2, width: w, height: h };
}
