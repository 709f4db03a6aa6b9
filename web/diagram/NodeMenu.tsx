// The node's context menu: details, fail or restore, send traffic from or to it.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { selectContextMenu, selectNodeHasWhatIf, useAppStore } from '../store/store';

export function NodeMenu() {
  const menu = useAppStore(selectContextMenu);
  const failed = useAppStore((s) => (menu ? selectNodeHasWhatIf(s, menu.node) : false));
  const running = useAppStore((s) => s.runStatus === 'running');
  const close = useAppStore((s) => s.closeContextMenu);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [menu, close]);

  if (!menu) return null;
  const { node } = menu;
  const act = (fn: () => void) => () => {
    close();
    fn();
  };
  const s = useAppStore.getState;
  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <div ref={ref} className="node-menu" role="menu" aria-label={`Actions for ${node}`} style={{ left: menu.x, top: menu.y }} onKeyDown={onKeyDown}>
      <button role="menuitem" onClick={act(() => s().selectNode(node))}>
        Show details of {node}
      </button>
      {failed ? (
        <button role="menuitem" disabled={running} onClick={act(() => void s().focusAfterRun(s().restoreNode(node)))}>
          Restore {node}
        </button>
      ) : (
        <button role="menuitem" disabled={running} onClick={act(() => void s().focusAfterRun(s().failNode(node)))}>
          Fail {node}
        </button>
      )}
      <button role="menuitem" onClick={act(() => s().setDraft({ from: node }))}>
        Send traffic from {node}
      </button>
      <button role="menuitem" onClick={act(() => s().setDraft({ to: node }))}>
        Send traffic to {node}
      </button>
    </div>
  );
}
