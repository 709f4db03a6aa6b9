// The current step's lit boxes as rings drawn over the diagram (see HopRings.tsx). Each ring lies exactly on
// its box's border and draws what lighting the box drew in it before: its border in the role's colour and a
// glow round it. Where the box's own state already sets its border (a selected or failed device) the ring
// leaves the border to it, and a lesson's focus ring (drawn by the box) replaces the glow. Pure, tested on its own.
import { deviceOfBox } from '../../src-engine/view/index';
import type { StepMarks } from '../store/selectors';
import type { Geometry, Rect } from './geometry';

/** A VM's box, the switch's bar or a NIC drawn in its own network: each has its own border. */
export type RingKind = 'vm' | 'switch' | 'port';
/** A device that sends or receives the step's frame, or a NIC the frame runs along. */
export type RingRole = 'sender' | 'receiver' | 'active';

export interface HopRing {
  readonly box: string;
  readonly kind: RingKind;
  readonly role: RingRole;
  readonly rect: Rect;
  /** The box is selected (a VM's border is then thicker and in the text colour). */
  readonly selected: boolean;
  /** The device is down at the time shown (its border is in the failure colour). */
  readonly down: boolean;
  /** A lesson focuses on the device (the box draws its own ring). */
  readonly focus: boolean;
}

/** What the boxes' own state says, per device: read from the store by the caller. */
export interface DeviceLook {
  readonly selected: string | undefined;
  readonly isDown: (node: string) => boolean;
  readonly isFocus: (node: string) => boolean;
}

/**
 * The rings for a step's marks. Devices are drawn as boxes under their own id (a VM) or as the switch; a
 * device with no box of its own (the host, drawn as the group round the switch) has no ring. Only a VM's box
 * shows selection, failure and a lesson's focus; a port box shows selection and failure.
 */
export function hopRings(marks: StepMarks, geo: Geometry, look: DeviceLook): HopRing[] {
  const out: HopRing[] = [];
  for (const [node, role] of marks.roles) {
    const rect = geo.box(node);
    if (!rect) continue;
    const isSwitch = node === geo.switchId;
    out.push({
      box: node,
      kind: isSwitch ? 'switch' : 'vm',
      role,
      rect,
      selected: !isSwitch && look.selected === node,
      down: !isSwitch && look.isDown(node),
      focus: !isSwitch && look.isFocus(node),
    });
  }
  for (const box of marks.ports) {
    const rect = geo.box(box);
    if (!rect) continue;
    const owner = deviceOfBox(box);
    out.push({ box, kind: 'port', role: 'active', rect, selected: look.selected === owner, down: look.isDown(owner), focus: false });
  }
  return out;
}
