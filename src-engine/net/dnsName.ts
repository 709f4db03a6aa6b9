// DNS names as RFC 1035 (2.3.1, 2.3.4) and RFC 1123 (2.1) allow them: labels of letters, digits and hyphens,
// not starting or ending with a hyphen, 1 to 63 characters each, at most 253 characters in all (255 on the
// wire), the last label not all digits. Checked here, once, wherever a name enters: destinations, DNS records, the zone.

export const MAX_LABEL = 63;
export const MAX_NAME = 253;

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

/** Why a text is not a DNS name (for a message), or undefined when it is one. A single trailing dot is allowed. */
export function dnsNameProblem(text: string): string | undefined {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_NAME) return `it is ${name.length} characters long; a DNS name has at most ${MAX_NAME}`;
  const labels = name.split('.');
  for (const label of labels) {
    if (label.length === 0) return 'it has an empty label (two dots in a row, or a dot at the start)';
    if (label.length > MAX_LABEL) return `its label "${label.slice(0, 20)}…" is ${label.length} characters long; a label has at most ${MAX_LABEL}`;
    if (!LABEL.test(label)) return `its label "${label}" may hold only letters, digits and hyphens, and may not start or end with a hyphen`;
  }
  // RFC 1123 2.1 and RFC 3696 2: a top-level label is never all digits, so 10.0.74 is no name.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `its last label "${labels[labels.length - 1]}" is all digits, so it reads as a mistyped address, not a name`;
  return undefined;
}

export function isDnsName(text: string): boolean {
  return dnsNameProblem(text) === undefined;
}
