// How times and sizes read in the app.
import type { SimTime } from '../../src-engine/protocol';

/** Simulated microseconds as seconds, digits grouped in threes: 1001445 -> "1.001 445 s". */
export function formatTime(us: SimTime): string {
  const whole = Math.floor(us / 1_000_000);
  const frac = String(Math.round(us % 1_000_000)).padStart(6, '0');
  return `${whole}.${frac.slice(0, 3)} ${frac.slice(3)} s`;
}

/** A time to the millisecond, without trailing zeros: "186 s", "6.001 s" (attempt titles). */
export function shortTime(us: SimTime): string {
  return `${+(us / 1_000_000).toFixed(3)} s`;
}

/** A short file-name part: letters, digits, dot and dash. */
export function slug(text: string): string {
  return text
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
