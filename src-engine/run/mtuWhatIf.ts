// The MTU what-if: a network carries smaller (or larger) packets than its document says, for the whole run,
// e.g. the PA network at 1500 instead of the 1660 Microsoft's SDN wants, so that a full-size packet plus
// VXLAN no longer fits.
import { engineError } from '../view/errors';
import type { EngineError, MtuWhatIf, Result } from '../protocol';
import { DEFAULT_MTU, type Topology } from '../topology/schema';

/** The topology with each named network's MTU replaced; an unknown network is an error naming the known ones. */
export function withMtu(topology: Topology, changes: readonly MtuWhatIf[]): Result<Topology, EngineError> {
  if (changes.length === 0) return { ok: true, value: topology };
  const networks = topology.networks.map((n) => ({ ...n }));
  for (const c of changes) {
    const n = networks.find((x) => x.id.toLowerCase() === c.network.trim().toLowerCase());
    if (!n) return { ok: false, error: engineError('bad-mtu', `"${c.network}" names no network of this topology (networks: ${networks.map((x) => x.id).join(', ')})`, 'mtu') };
    n.mtu = c.mtu;
  }
  return { ok: true, value: { ...topology, networks } };
}

/** What each change means, for the run's event list: "the pa network's MTU is 1500 bytes (its document says 1660)". */
export function describeMtu(topology: Topology, changes: readonly MtuWhatIf[]): string[] {
  return changes.map((c) => {
    const n = topology.networks.find((x) => x.id.toLowerCase() === c.network.trim().toLowerCase());
    return `What-if: the ${n?.id ?? c.network} network's MTU is ${c.mtu} bytes (its document says ${n?.mtu ?? DEFAULT_MTU})`;
  });
}
