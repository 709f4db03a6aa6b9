// The diagram is one Tab stop: only the device holding `focusId` is in the tab order (tabIndex 0), the
// others are reached with the arrow keys (tabIndex -1). Each device subscribes to its own flag, so moving
// the focus re-renders two nodes.
import { useAppStore } from '../store/store';

export function useRoving(id: string, label: string) {
  const active = useAppStore((s) => s.focusId === id);
  return {
    tabIndex: active ? 0 : -1,
    role: 'button' as const,
    'aria-label': label,
    'data-device': id,
    onFocus: () => {
      if (!active) useAppStore.getState().setFocusId(id);
    },
  };
}
