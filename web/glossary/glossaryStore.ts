// Which terms the glossary's popover explains, and where it opened from. Loaded with the first run.
import { create } from 'zustand';

export interface GlossaryState {
  /** The terms shown (keys from the engine's glossSegments); empty when the popover is closed. */
  readonly keys: readonly string[];
  readonly open: boolean;
  /** The device whose sentence it is (a bare NIC id is that device's). */
  readonly node?: string | undefined;
  /** What the popover is placed beside (the term, or the event list's row). */
  readonly anchor?: HTMLElement | undefined;
  /** Where the focus goes back when it closes (the term's button, or the event list). */
  readonly returnTo?: HTMLElement | undefined;
  /** The popover's heading when it is not the term's name or "Words in this row" (a provenance badge's). */
  readonly title?: string | undefined;
  /** Counts openings, so opening the same term again places the popover again. */
  readonly seq: number;
}

export const useGlossary = create<GlossaryState>(() => ({ keys: [], open: false, seq: 0 }));

/** Opens the popover on these terms, beside `anchor`; the focus goes back to `returnTo` (else `anchor`) on closing. */
export function openGlossary(keys: readonly string[], anchor: HTMLElement, node?: string, returnTo?: HTMLElement, title?: string): void {
  useGlossary.setState((s) => ({ keys, open: true, node, anchor, returnTo: returnTo ?? anchor, title, seq: s.seq + 1 }));
}

export function closeGlossary(): void {
  useGlossary.setState({ keys: [], open: false, anchor: undefined, returnTo: undefined, title: undefined });
}
