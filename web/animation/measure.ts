// The width of the diagram's text, for the labels placed without reading the page's layout (resting tokens, drop
// markers): a canvas's text metrics, in the diagram's font, or an estimate from the text's length where there is
// no canvas (tests under Node).

/** About the width of a character of bold system-ui, in ems, rounded up: the estimate without a canvas. */
export const CHAR_EM = 0.66;

let measurer: CanvasRenderingContext2D | null | undefined;

/** The width of `text` in system-ui at `px` and `weight`, rounded up. */
export function textWidth(text: string, px: number, weight = 700): number {
  if (measurer === undefined) measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * CHAR_EM * px;
  measurer.font = `${weight} ${px}px system-ui, sans-serif`;
  return Math.ceil(measurer.measureText(text).width);
}
