// Keeps the whole network in view when the diagram's area changes size (window resized, large text
// toggled), until the user has panned or zoomed it themselves (`userMoved`, set by TopologyView from
// React Flow's onMoveStart, which passes an event only for moves a person made).
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** Room around the fitted drawing; at the top, room for the picture buttons that sit over the corner. */
export const FIT_PADDING = { top: '46px', right: 0.02, bottom: 0.03, left: 0.02 } as const;

export function AutoFit({ userMoved }: { userMoved: RefObject<boolean> }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!userMoved.current && width > 0 && height > 0) void fitView({ padding: FIT_PADDING });
  }, [width, height, fitView, userMoved]);
  return null;
}
