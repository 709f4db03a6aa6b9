// How large the packets' resting labels are set, as a scale of their 12-unit text (the diagram's --fz does the same
// for its own labels). On a projector in presenter mode a class's back row reads them: at least 20 px on screen, 22
// with large text, whatever the diagram's zoom (at 1920x1080 they were 13.8 to 14.8 px). Large text elsewhere sets
// them 13 units or more. In eighth steps, so a zoom gesture resizes them a few times, not at every frame (quarter steps
// set 22 px as 24, whose VXLAN envelope then covered the host's PA port below the switch).

/** The least on-screen size of a resting label's text in presenter mode, in CSS px: plain, and with large text. */
export const PRESENTER_PX = { normal: 20, large: 22 } as const;

/** The labels' text scale: `fz` (the diagram's) or more, for presenter mode or large text at `zoom`. */
export function tokenScale(fz: number, zoom: number, presenter: boolean, large: boolean): number {
  const least = presenter && zoom > 0 ? (large ? PRESENTER_PX.large : PRESENTER_PX.normal) / zoom : large ? 13 : 0;
  return Math.max(fz, Math.ceil((8 * least) / 12 - 1e-9) / 8);
}
