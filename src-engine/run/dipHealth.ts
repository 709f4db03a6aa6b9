// Why a flow met a DIP out of rotation: the story of its health probes, told from the run's events
// (the host agent's verdict, the SLB manager's push, the MUX taking it), for the flow's reason.
import type { EventOf, SimEvent, SimTime } from '../protocol';
import { secondsText } from '../sim/timing';
import { isEvent } from '../view/events';

/**
 * "PortalVM failed at 1 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and
 * reported DIP 192.168.100.9:443 down at 60.5 s; the SLB manager (NCVM) took it out of MuxVM's rotation
 * ... at 60.6 s". One sentence per DIP out of rotation at `at`; undefined when every DIP was in rotation.
 */
export function explainDipHealth(events: readonly SimEvent[], at: SimTime): string | undefined {
  const health = events.filter(isEvent('dip-health'));
  const last = new Map<string, EventOf<'dip-health'>>();
  for (const e of health) if (e.time <= at && e.by === 'mux') last.set(`${e.rule}|${e.dip}`, e);
  const out = [...last.values()].filter((e) => !e.healthy);
  if (out.length === 0) return undefined;
  return out
    .map((m) => {
      const verdict = health.filter((e) => e.time <= m.time && e.by === 'host-agent' && e.dip === m.dip && !e.healthy).at(-1);
      const failed = events.filter((e) => e.time <= (verdict?.time ?? m.time) && e.kind === 'node-failed' && e.node === m.dipNode).at(-1);
      const manager = health.find((e) => e.time <= m.time && e.time >= (verdict?.time ?? 0) && e.by === 'slb-manager' && e.dip === m.dip);
      const parts = [
        failed ? `${m.dipNode} failed at ${secondsText(failed.time)}` : undefined,
        verdict ? `${verdict.node}'s SLB host agent had no answer to ${verdict.probes} health probes in a row and reported DIP ${m.dip} down at ${secondsText(verdict.time)}` : undefined,
        `${manager ? `the SLB manager (${manager.node})` : 'the SLB manager'} took it out of ${m.node}'s rotation for rule ${m.rule} at ${secondsText(m.time)}`,
      ].filter((x) => x !== undefined);
      return parts.join('; ');
    })
    .join('. ');
}
