// The colour theme: 'system' follows prefers-color-scheme (light or dark); light, dark and high contrast
// can be chosen, and the choice is remembered in this browser. The page's colours are CSS variables per
// theme (styles.css, [data-theme]); this hook only sets the attribute on <html>.
import { useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark' | 'contrast';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark', 'contrast'];
const KEY = 'hoplab:theme';
const listeners = new Set<() => void>();

function read(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return THEME_CHOICES.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

let current: ThemeChoice = typeof window === 'undefined' ? 'system' : read();
/** The theme in force: the choice, or the system's scheme while the choice is 'system'. */
let resolved: 'light' | 'dark' | 'contrast' = 'light';

export function setThemeChoice(choice: ThemeChoice) {
  current = choice;
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // Storage may be unavailable (private mode): the choice then lasts for this page only.
  }
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => current);
}

/** Applies the chosen theme to <html data-theme>, following the system's scheme while the choice is 'system'. */
export function useTheme() {
  const choice = useThemeChoice();
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      resolved = choice === 'system' ? (media.matches ? 'dark' : 'light') : choice;
      document.documentElement.dataset.theme = resolved;
      listeners.forEach((l) => l());
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [choice]);
}

/** The theme in force, for components that draw their own colours (React Flow's color mode). */
export function useResolvedTheme(): 'light' | 'dark' | 'contrast' {
  return useSyncExternalStore(subscribe, () => resolved);
}
