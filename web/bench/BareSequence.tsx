// The sequence benchmark's baseline: a bare d3 drawing of the same number of arrows as the app's run, in
// the same lanes, with no app around it: every row drawn once, then one row highlighted and scrolled
// into view per move, as the app's diagram does when the playhead moves. What the app costs beyond
// this is the price of its store, its panels and its own drawing.
import { select } from 'd3-selection';
import { useEffect, useRef } from 'react';

declare global {
  interface Window {
    __hoplabSeqBare?: { ready: boolean; rows: number; move: () => void };
  }
}

const LANE_W = 96;
const ROW_H = 24;
const GUTTER = 92;
const COLORS = ['#1565c0', '#00717c', '#56657a', '#a85400', '#c62828', '#7a35e8'];

export function BareSequence({ frames, lanes }: { frames: number; lanes: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (!svg.current || !scroller.current) return;
    const box = scroller.current;
    const width = GUTTER + lanes * LANE_W;
    const root = select(svg.current).attr('width', width).attr('height', frames * ROW_H + ROW_H);
    const laneX = (i: number) => GUTTER + LANE_W / 2 + i * LANE_W;
    root
      .append('g')
      .selectAll('line')
      .data(Array.from({ length: lanes }, (_, i) => i))
      .join('line')
      .attr('x1', laneX)
      .attr('x2', laneX)
      .attr('y1', 0)
      .attr('y2', frames * ROW_H + ROW_H)
      .attr('stroke', '#d8dde3');
    const rows = root
      .append('g')
      .selectAll('g')
      .data(Array.from({ length: frames }, (_, i) => i))
      .join('g')
      .attr('transform', (i) => `translate(0,${i * ROW_H + ROW_H / 2})`);
    rows.append('rect').attr('x', 0).attr('y', -ROW_H / 2).attr('width', width).attr('height', ROW_H).attr('fill', 'transparent');
    rows.append('text').attr('x', 6).attr('y', 4).attr('font-size', 10).text((i) => `${(i / 1000).toFixed(3)} s`);
    rows
      .append('line')
      .attr('x1', (i) => laneX(i % lanes))
      .attr('x2', (i) => laneX((i + 1) % lanes))
      .attr('y1', 0)
      .attr('y2', 0)
      .attr('stroke', (i) => COLORS[i % COLORS.length]!)
      .attr('stroke-width', 1.5);
    rows
      .append('text')
      .attr('x', (i) => (laneX(i % lanes) + laneX((i + 1) % lanes)) / 2)
      .attr('y', -4)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text((i) => `TCP 443 → ${49152 + i} SYN`);
    const bands = rows.select<SVGRectElement>('rect').nodes();
    let at = 0;
    window.__hoplabSeqBare = {
      ready: true,
      rows: frames,
      move: () => {
        bands[at]!.setAttribute('fill', 'transparent');
        at = (at + 1) % frames;
        bands[at]!.setAttribute('fill', '#fff3c4');
        const y = at * ROW_H;
        if (y < box.scrollTop || y > box.scrollTop + box.clientHeight - ROW_H) box.scrollTop = Math.max(0, y - box.clientHeight / 3);
      },
    };
  }, [frames, lanes]);
  return (
    <div ref={scroller} style={{ height: '100vh', overflow: 'auto' }}>
      <svg ref={svg} aria-label={`${frames} arrows`} />
    </div>
  );
}
