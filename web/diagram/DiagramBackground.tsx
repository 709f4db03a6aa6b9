// React Flow's dotted background, sized in pixels instead of percentages. React Flow draws it as an SVG at
// 100% of the diagram's width and height, over a rect of 100% x 100%. An SVG whose size is a percentage of its
// container is laid out again whenever the container is (Chromium marks it "size changed" even when the size
// stays), and an SVG laid out again repaints every element sized in percentages: the rect, that is the whole
// diagram. A step lays the diagram out (its badges, rings and tokens change), so each step re-rastered every
// tile of the diagram, twice (once for the diagram's render, once for the panels'), about 25 tiles of boxes and
// text a step at 1280 x 800. With its size in pixels (the diagram's, followed with a ResizeObserver that sets
// it before the frame is painted) the SVG no longer depends on its container's layout: a step repaints only
// what it changed.
import { Background, useStore, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect } from 'react';

const selectDomNode = (s: ReactFlowState) => s.domNode;

export function DiagramBackground() {
  const flow = useStore(selectDomNode);
  useLayoutEffect(() => {
    if (!flow) return;
    // The diagram's own box, fractions of a pixel included (styles.css sizes the background with these).
    const set = (width: number, height: number) => {
      flow.style.setProperty('--flow-width', `${width}px`);
      flow.style.setProperty('--flow-height', `${height}px`);
    };
    // The observer's first report comes before the first frame is painted, like every later one.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) set(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(flow);
    return () => {
      observer.disconnect();
      flow.style.removeProperty('--flow-width');
      flow.style.removeProperty('--flow-height');
    };
  }, [flow]);
  return <Background gap={24} />;
}
