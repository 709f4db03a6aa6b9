// Which frames and events the protocol filters let through; stepping and playing skip what is hidden.
import type { SimEvent } from '../../src-engine/protocol';
import { filterOf, type FilterKey } from '../../src-engine/view/index';
import type { Step } from './timeline';

export function isStepVisible(step: Step, hidden: readonly FilterKey[]): boolean {
  return hidden.length === 0 || step.protocols.some((p) => !hidden.includes(filterOf(p)));
}

/** Events without a protocol (a node failing, a table changing) always show. */
export function isEventVisible(e: SimEvent, hidden: readonly FilterKey[]): boolean {
  return e.protocol === undefined || !hidden.includes(filterOf(e.protocol));
}

/** The next (dir 1) or previous (dir -1) step a filter lets through; undefined at either end. */
export function nextVisibleStep(steps: readonly Step[], from: number, dir: 1 | -1, hidden: readonly FilterKey[]): number | undefined {
  for (let i = from + dir; i >= 0 && i < steps.length; i += dir) if (isStepVisible(steps[i]!, hidden)) return i;
  return undefined;
}
