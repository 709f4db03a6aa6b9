// The knobs that add devices to the topology a run uses: a second MUX, a second portal DIP.
import type { Knobs } from '../protocol';
import type { Topology } from '../topology/schema';
import { withSecondDip } from './secondDip';
import { withSecondMux } from './secondMux';

/** True when the knobs change the drawing (the page must draw the topology the run used). */
export const addsDevices = (knobs: Partial<Knobs> | undefined): boolean => knobs?.secondMux === true || knobs?.secondDip === true;

export function withKnobs(t: Topology, knobs: Partial<Knobs> | undefined): Topology {
  let out = t;
  if (knobs?.secondMux) out = withSecondMux(out);
  if (knobs?.secondDip) out = withSecondDip(out);
  return out;
}
