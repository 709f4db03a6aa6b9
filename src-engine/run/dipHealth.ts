// Why a flow met a DIP out of rotation: the story of its health probes, told from the run's events
// (the host agent's verdict, the SLB manager's push, the MUX taking it), for the flow's reason.
import type { SimEvent, SimTime } from '../protocol';
import { SECOND } from '../sim/timing';

const seconds = (t: SimTime): string => `${+(t / SECOND).toFixed(3)} s`;

/**
 * "PortalVM failed at 1 s. HyperVHost's SLB host agent had no answer to 11 probes in a row and reported the
 * DIP down at 60.5 s; the SLB manager (NCVM) took it out of MuxVM's rotation at 60.6 s." One sentence per
 * DIP out of rotation at `at`; undefined when every DIP was in rotation then.
 */
export function explainDipHealth(events: readonly SimEvent[], at: SimTime): string | undefined {
  const last = new Map<string, SimEvent>();
  for (const e of events) {
    if (e.time > at) break;
    if (e.detail?.type === 'dip-health' && e.detail.by === 'mux') last.set(`${e.detail.rule}|${e.detail.dip}`, e);
  }
  const out = [...last.values()].filter((e) => e.detail?.type === 'dip-health' && !e.detail.healthy);
  if (out.length === 0) return undefined;
  return out
    .map((m) => {
      const d = m.detail as Extract<SimEvent['detail'], { type: 'dip-health' }>;
      const verdict = [...events].reverse().find((e) => e.time <= m.time && e.detail?.type === 'dip-health' && e.detail.by === 'host-agent' && e.detail.dip === d.dip && !e.detail.healthy);
      const failed = [...events].reverse().find((e) => e.time <= (verdict?.time ?? m.time) && e.kind === 'node-failed' && e.node === d.node);
      const manager = events.find((e) => e.time <= m.time && e.time >= (verdict?.time ?? 0) && e.detail?.type === 'dip-health' && e.detail.by === 'slb-manager' && e.detail.dip === d.dip);
      const parts = [
        failed ? `${d.node} failed at ${seconds(failed.time)}` : undefined,
        verdict ? `${verdict.node}'s SLB host agent had no answer to ${verdict.detail?.type === 'dip-health' ? verdict.detail.probes : d.probes} health probes in a row and reported DIP ${d.dip} down at ${seconds(verdict.time)}` : undefined,
        `${manager ? `the SLB manager (${manager.node})` : 'the SLB manager'} took it out of ${m.node}'s rotation for rule ${d.rule} at ${seconds(m.time)}`,
      ].filter((x) => x !== undefined);
      return parts.join('; ');
    })
    .join('. ');
}
