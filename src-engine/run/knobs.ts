// The knobs that add devices to the topology a run uses: a second MUX, a second portal DIP.
import type { Knobs } from '../protocol';
import type { Topology } from '../topology/schema';
import { whyNoSecondDip, withSecondDip } from './secondDip';
import { withSecondMux } from './secondMux';

/** True when the knobs change the drawing (the page must draw the topology the run used). */
export const addsDevices = (knobs: Partial<Knobs> | undefined): boolean => knobs?.secondMux === true || knobs?.secondDip === true;

export function withKnobs(t: Topology, knobs: Partial<Knobs> | undefined): Topology {
  let out = t;
  if (knobs?.secondMux) out = withSecondMux(out);
  if (knobs?.secondDip) out = withSecondDip(out);
  return out;
}

/** What a knob that was asked for could not do, in the run's words: the run's event list says it at 0 s. */
export function knobNotes(t: Topology, knobs: Partial<Knobs> | undefined): string[] {
  const why = knobs?.secondDip ? whyNoSecondDip(knobs.secondMux ? withSecondMux(t) : t) : undefined;
  return why ? [why] : [];
}
