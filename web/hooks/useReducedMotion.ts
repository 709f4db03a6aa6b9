// Follows the system's prefers-reduced-motion: when set, tokens jump between hops instead of gliding.
import { useEffect } from 'react';
import { useAppStore } from '../store/store';

export function useReducedMotion(): void {
  useEffect(() => {
    const query = window.matchMedia('(prefers-reduced-motion: reduce)');
    const apply = () => useAppStore.getState().setPrefersReducedMotion(query.matches);
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, []);
}
