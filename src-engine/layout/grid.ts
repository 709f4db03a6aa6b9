// The cell grid nodes sit in inside a network group.

export const NODE_W = 180;
export const NODE_H = 76;
/** Wide enough for the two NIC lines of a two-armed VM (28 units apart) to pass between two nodes. */
export const GAP = 34;
export const PAD = 14;
/** The group's title band. */
export const HEADER = 34;
/**
 * Room outside a device's box, on the side away from the switch, for the badge that says it sends or receives
 * the current frame (12 px text set up to 1.75 times larger when zoomed out, see the page's LegibleText): it
 * never covers the device's name, the wires and resting tokens on the switch's side, or a title.
 */
export const BADGE_LANE = 26;
/** A group's least width: room for its title beside a single device. */
const MIN_GROUP_W = 240;
/** Between two rows of a group (see grid). */
export const ROW_GAP = GAP * 2;

/** Room above the first row and below the last (the title band and a badge lane count in it). */
export interface GridRoom {
  readonly top: number;
  readonly bottom: number;
}

/** A group above the switch: its title band on top, a badge lane above its first row. */
export const ROOM_ABOVE: GridRoom = { top: HEADER + BADGE_LANE, bottom: PAD };

export interface Grid {
  /** A cell's width: a device's box (NODE_W unless a group is set compact, see layoutTopology). */
  readonly cellW: number;
  readonly width: number;
  readonly height: number;
  readonly cells: readonly { x: number; y: number }[];
}

/**
 * Rows of cells; odd rows are shifted by half a cell so that the vertical NIC lines from the row above
 * pass through the gaps between the nodes below instead of through them. `gap` is the room between two cells of a
 * row (GAP unless said), `cellW` a cell's width (NODE_W unless said).
 */
export function grid(count: number, cols: number, minWidth = MIN_GROUP_W, room: GridRoom = { top: HEADER, bottom: PAD }, minGroup = MIN_GROUP_W, gap = GAP, cellW = NODE_W): Grid {
  const c = Math.max(1, Math.min(cols, count));
  const rows = Math.max(1, Math.ceil(count / c));
  const stagger = rows > 1 && c > 1 ? (cellW + gap) / 2 : 0;
  // Between two rows: a token resting under a device of the row behind (12 px text, up to 1.75 times larger,
  // and its padding: 5 + 35 units) above the badge lane of the row in front (3 + 25), so in a flood the front
  // row's badges show beside the back row's packets.
  const rowGap = ROW_GAP;
  const cells = Array.from({ length: count }, (_, i) => ({
    x: PAD + (i % c) * (cellW + gap) + (Math.floor(i / c) % 2 === 1 ? stagger : 0),
    y: room.top + Math.floor(i / c) * (NODE_H + rowGap),
  }));
  // As wide as its widest row: a staggered row shorter than the others (four under five, a second MUX's
  // management scope) ends inside the full row, and its stagger adds no width.
  const right = cells.reduce((r, cell) => Math.max(r, cell.x + cellW), 0);
  const width = Math.max(minGroup, minWidth, right + PAD);
  return { cellW, width, height: room.top + rows * NODE_H + (rows - 1) * rowGap + room.bottom, cells };
}
