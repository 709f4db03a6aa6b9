// Chooses the colour theme; the choice is remembered (see hooks/useTheme.ts).
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from '../hooks/useTheme';

const LABEL: Record<ThemeChoice, string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme', contrast: 'High contrast' };

export function ThemeToggle() {
  const choice = useThemeChoice();
  return (
    <label className="field theme-field">
      <span>Theme</span>
      <select value={choice} onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {LABEL[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
