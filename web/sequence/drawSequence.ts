// The SVG primitives of the sequence diagram, drawn with d3 from the model: lanes, frame arrows (a tunnel
// for VXLAN), drop and TTL marks, folds. Used by the live view (only the rows in sight) and by the SVG
// export (every row, colours resolved), so the picture and the panel are the same drawing.
import { select, type Selection } from 'd3-selection';
import type { Protocol } from '../../src-engine/protocol';
import { PROTOCOLS } from '../../src-engine/view/index';
import { formatTime } from '../model/format';
import { GUTTER_W, HEAD_H, ROW_H, type SeqRow, type SequenceModel } from './sequenceModel';

export interface DrawOptions {
  /** A protocol's colour: a CSS variable on the page, a resolved value in an exported file. */
  readonly color: (protocol: Protocol) => string;
  readonly ink: { readonly fg: string; readonly muted: string; readonly line: string; readonly down: string; readonly current: string; readonly bg: string };
  /** Keys of the rows of the current step. */
  readonly current: ReadonlySet<string>;
  readonly onRow?: (row: SeqRow) => void;
}

const NS = 'http://www.w3.org/2000/svg';

/** CSS variable names, for the page: themes change them and the diagram follows. */
export const cssColor = (protocol: Protocol) => `var(${PROTOCOLS[protocol].colorToken})`;
export const CSS_INK: DrawOptions['ink'] = { fg: 'var(--fg)', muted: 'var(--muted)', line: 'var(--line)', down: 'var(--down)', current: 'var(--seq-current, #fff3c4)', bg: 'var(--seq-bg, #fff)' };

type G = Selection<SVGGElement, unknown, null, undefined>;

/** The lane heads (names) and the lane lines, down the whole height. */
export function drawLanes(g: G, model: SequenceModel, o: DrawOptions, withHeads: boolean): void {
  const lanes = g
    .selectAll<SVGGElement, SequenceModel['lanes'][number]>('g.seq-lane')
    .data(model.lanes, (l) => l.id)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'seq-lane');
      e.append('line');
      e.append('text').attr('class', 'seq-lane-name').append('title');
      return e;
    });
  lanes
    .select('line')
    .attr('x1', (l) => l.x)
    .attr('x2', (l) => l.x)
    .attr('y1', HEAD_H - 6)
    .attr('y2', model.height)
    .attr('stroke', (l) => (l.kind === 'device' ? o.ink.line : o.ink.muted))
    .attr('stroke-dasharray', (l) => (l.kind === 'vfp' ? '4 3' : null));
  lanes
    .select('text')
    .attr('display', withHeads ? null : 'none')
    .attr('x', (l) => l.x)
    .attr('y', HEAD_H - 14)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('font-weight', (l) => (l.kind === 'device' ? 600 : 700))
    .attr('fill', o.ink.fg)
    .each(function (l) {
      const t = select(this);
      t.selectAll('tspan').remove();
      t.append('tspan').text(shorten(l.short, 14));
      t.select('title').text(l.label);
    });
}

/** The rows given (the visible ones, or all), joined by key so scrolling moves only what changes. */
export function drawRows(g: G, model: SequenceModel, rows: readonly SeqRow[], o: DrawOptions): void {
  const lanes = model.lanes;
  const right = model.width;
  g.selectAll<SVGGElement, SeqRow>('g.seq-row')
    .data(rows, (r) => r.key)
    .join(
      (enter) =>
        enter
          .append('g')
          .attr('class', 'seq-row')
          .each(function (r) {
            const row = select<SVGGElement, SeqRow>(this as SVGGElement);
            row.append('rect').attr('class', 'seq-band').attr('x', 0).attr('y', -ROW_H / 2).attr('width', right).attr('height', ROW_H);
            row.append('text').attr('class', 'seq-time').attr('x', 6).attr('y', 4).attr('font-size', 10).attr('fill', o.ink.muted).text(formatTime(r.time));
            if (r.kind === 'frame') drawFrame(row, r, lanes, o);
            else if (r.kind === 'mark') drawMark(row, r, lanes, o);
            else drawFold(row, r, lanes, o);
          }),
      (update) => update,
      (exit) => exit.remove(),
    )
    .attr('transform', (r) => `translate(0,${r.y})`)
    .attr('data-step', (r) => r.step)
    .attr('data-kind', (r) => r.kind)
    .attr('data-current', (r) => (o.current.has(r.key) ? 'true' : null))
    .on('click', (_e: MouseEvent, r: SeqRow) => o.onRow?.(r))
    .select('rect.seq-band')
    .attr('fill', (r) => (o.current.has(r.key) ? o.ink.current : 'transparent'));
}

type Lanes = SequenceModel['lanes'];
type RowSel = Selection<SVGGElement, SeqRow, null, undefined>;

function drawFrame(row: RowSel, r: Extract<SeqRow, { kind: 'frame' }>, lanes: Lanes, o: DrawOptions): void {
  const color = o.color(r.protocol);
  const x0 = lanes[r.from]!.x;
  const targets = r.to.map((l) => lanes[l]!.x);
  row.attr('class', `seq-row seq-frame ${PROTOCOLS[r.protocol].className}`);
  if (targets.length === 0) {
    // Sent into nothing: a short stub ending in a cross.
    const x1 = x0 + 30;
    row.append('line').attr('x1', x0).attr('x2', x1).attr('y1', 0).attr('y2', 0).attr('stroke', color).attr('stroke-width', 1.5);
    cross(row, x1 + 5, 0, o.ink.down);
    label(row, (x0 + x1) / 2 + 16, r.label, o.ink.fg);
    return;
  }
  const left = Math.min(x0, ...targets);
  const farRight = Math.max(x0, ...targets);
  if (r.tunnel) {
    // A tunnel: two rails between the provider addresses, the inner frame's name between them.
    for (const dy of [-3, 3]) row.append('line').attr('x1', x0).attr('x2', targets[0]!).attr('y1', dy).attr('y2', dy).attr('stroke', color).attr('stroke-width', 1.5);
    label(row, (x0 + targets[0]!) / 2, `${r.label} · ${r.tunnel.src} ⇒ ${r.tunnel.dst} VNI ${r.tunnel.vni}`, o.ink.fg, -6);
  } else {
    row.append('line').attr('x1', left).attr('x2', farRight).attr('y1', 0).attr('y2', 0).attr('stroke', color).attr('stroke-width', 1.5);
    const mid = targets.length === 1 ? (x0 + targets[0]!) / 2 : (x0 + (targets.find((x) => x !== x0) ?? x0)) / 2;
    label(row, mid, targets.length > 1 ? `${r.label} ×${targets.length}` : r.label, o.ink.fg);
  }
  for (const x of targets) {
    const dir = x >= x0 ? 1 : -1;
    row
      .append('path')
      .attr('d', `M${x},0 l${-7 * dir},-4 l0,8 z`)
      .attr('fill', color);
  }
  row.append('circle').attr('cx', x0).attr('cy', 0).attr('r', 2.5).attr('fill', color);
}

function drawMark(row: RowSel, r: Extract<SeqRow, { kind: 'mark' }>, lanes: Lanes, o: DrawOptions): void {
  const x = lanes[r.lane]!.x;
  row.attr('class', `seq-row seq-mark seq-${r.mark}`);
  cross(row, x, 0, o.ink.down);
  row
    .append('text')
    .attr('x', x + 10)
    .attr('y', 4)
    .attr('font-size', 11)
    .attr('font-weight', 700)
    .attr('fill', o.ink.down)
    .text(`${r.mark === 'ttl' ? 'TTL exceeded' : 'dropped'}: ${shorten(r.text, 70)}`);
}

function drawFold(row: RowSel, r: Extract<SeqRow, { kind: 'fold' }>, lanes: Lanes, o: DrawOptions): void {
  const xs = r.lanes.map((l) => lanes[l]!.x);
  const x0 = Math.min(...xs) - 8;
  const x1 = Math.max(...xs) + 8;
  row.attr('class', 'seq-row seq-fold');
  row.append('rect').attr('x', x0).attr('y', -8).attr('width', x1 - x0).attr('height', 16).attr('rx', 8).attr('fill', 'none').attr('stroke', o.ink.muted).attr('stroke-dasharray', '3 3');
  row
    .append('text')
    .attr('x', (x0 + x1) / 2)
    .attr('y', 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', o.ink.fg)
    .attr('paint-order', 'stroke')
    .attr('stroke', o.ink.bg)
    .attr('stroke-width', 4)
    .text(`⟳ the same ${r.period} frames ${r.cycles} more times (${r.hiddenRows} frames folded)`);
}

function label(row: RowSel, x: number, text: string, fill: string, y = -4): void {
  row
    .append('text')
    .attr('class', 'seq-label')
    .attr('x', x)
    .attr('y', y)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10.5)
    .attr('fill', fill)
    .attr('paint-order', 'stroke')
    .attr('stroke', 'var(--seq-bg, #fff)')
    .attr('stroke-width', 3)
    .text(text);
}

function cross(row: RowSel, x: number, y: number, color: string): void {
  row
    .append('path')
    .attr('d', `M${x - 5},${y - 5} L${x + 5},${y + 5} M${x + 5},${y - 5} L${x - 5},${y + 5}`)
    .attr('stroke', color)
    .attr('stroke-width', 2.5);
}

function shorten(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The whole diagram as a standalone SVG document: every row, colours resolved, fonts named. */
export function sequenceSvg(model: SequenceModel, o: DrawOptions, title: string): string {
  const svg = select(document.createElementNS(NS, 'svg') as SVGSVGElement)
    .attr('xmlns', NS)
    .attr('width', model.width)
    .attr('height', model.height)
    .attr('viewBox', `0 0 ${model.width} ${model.height}`)
    .attr('font-family', 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif');
  svg.append('title').text(title);
  svg.append('rect').attr('width', model.width).attr('height', model.height).attr('fill', o.ink.bg);
  const lanes = svg.append('g') as unknown as G;
  drawLanes(lanes, model, o, true);
  const rows = svg.append('g') as unknown as G;
  drawRows(rows, model, model.rows, o);
  // The label halo must be the background colour, not a CSS variable, in a file.
  svg.selectAll('text.seq-label').attr('stroke', o.ink.bg);
  return new XMLSerializer().serializeToString(svg.node()!);
}

export { GUTTER_W };
