// Text from outside, made safe to show: bidirectional control characters (which can make "evil.com/moc.lanretni"
// display as something else, CVE-2021-42574) and other invisible controls are refused where text enters,
// and neutralised where text is drawn, in case any slipped through another door.

/** Bidi embeddings, overrides and isolates, the marks, and the Arabic letter mark. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const BIDI_ALL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** C0 and C1 controls other than tab and line breaks, and the zero-width characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2028\u2029\uFEFF]/u;

/** What is unsafe about a text, for a message ("a right-to-left override (U+202E)"), or undefined. */
export function unsafeCharacter(text: string): string | undefined {
  const bidi = BIDI.exec(text);
  if (bidi) return `a bidirectional control character (U+${code(bidi[0])}) that can make text display in a misleading order`;
  const control = CONTROL.exec(text);
  if (control) return `an invisible control character (U+${code(control[0])})`;
  return undefined;
}

/** The text with every bidi control character shown as a visible replacement (U+FFFD). */
export function neutralizeBidi(text: string): string {
  return text.replace(BIDI_ALL, '\uFFFD');
}

function code(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
