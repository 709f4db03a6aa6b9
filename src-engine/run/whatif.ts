// What-ifs applied at their simulated times: a node fails or comes back; a link (a node's NIC on the
// switch) goes down or up. A MUX whose PA link goes down can no longer reach any DIP, so it withdraws
// its VIPs over BGP, and announces them again when the link is back. A link already in the state asked for
// changes nothing, and the run says so; so does a node already failed or up.
import type { EngineError, Result, WhatIf } from '../protocol';
import { engineError } from '../view/errors';
import type { World } from './world';
import { LIMITS } from '../limits';
import { readInterfaceId } from '../view/ids';

export interface ResolvedWhatIf {
  readonly whatIf: WhatIf;
  readonly node: string;
  readonly iface: string | undefined;
}

export function resolveWhatIfs(world: World, whatIfs: readonly WhatIf[]): Result<ResolvedWhatIf[], EngineError> {
  const out: ResolvedWhatIf[] = [];
  if (whatIfs.length > LIMITS.whatIfs) return { ok: false, error: engineError('bad-what-if', `${whatIfs.length} what-ifs are more than the ${LIMITS.whatIfs} one run may take`) };
  for (const w of whatIfs) {
    if (typeof w.target !== 'string' || w.target.length > 2 * LIMITS.nameLength + 1) return { ok: false, error: engineError('bad-what-if', 'a what-if target is not a node or link name') };
    const target = readInterfaceId(w.target);
    const ifaceText = target?.iface;
    const node = target && [...world.nodes.keys()].find((id) => id.toLowerCase() === target.node.toLowerCase());
    if (!node) return { ok: false, error: engineError('bad-what-if', `"${w.target}" names no node of this topology`) };
    const def = world.nodes.get(node)!.def;
    const iface = ifaceText === undefined ? undefined : def.interfaces.find((f) => f.id.toLowerCase() === ifaceText.toLowerCase())?.id;
    if (ifaceText !== undefined && !iface) {
      return { ok: false, error: engineError('bad-what-if', `"${w.target}": ${node} has no interface "${ifaceText}" (it has ${def.interfaces.map((f) => f.id).join(', ')})`) };
    }
    if (typeof w.at !== 'number' || !Number.isFinite(w.at) || w.at < 0 || w.at > LIMITS.whatIfTime) {
      return { ok: false, error: engineError('bad-what-if', `"${w.target}" at ${String(w.at)} µs: the time must be from 0 to ${LIMITS.whatIfTime} µs (${LIMITS.whatIfTime / 1e6} s)`) };
    }
    if (w.action !== 'fail' && w.action !== 'restore') return { ok: false, error: engineError('bad-what-if', `action "${String(w.action)}" is neither fail nor restore`) };
    out.push({ whatIf: w, node, iface });
  }
  return { ok: true, value: out };
}

export function scheduleWhatIfs(world: World, whatIfs: readonly ResolvedWhatIf[]): void {
  const { sched, rec } = world.ctx;
  for (const w of whatIfs) {
    sched.at(w.whatIf.at, () => {
      const node = world.nodes.get(w.node)!;
      const fail = w.whatIf.action === 'fail';
      if (w.iface === undefined) {
        // A node already in the state asked for: nothing changes, and the run says so (a restore that restarted a
        // node that never failed would empty its caches and reset its sessions).
        if (node.up !== fail) {
          const kept = world.bgp.has(w.node) ? 'its ARP cache, TCP connections and BGP sessions' : 'its ARP cache and TCP connections';
          rec.event('info', w.node, fail ? `${w.node} is already down, so failing it changes nothing` : `${w.node} is already up, so restoring it changes nothing: it keeps ${kept}`);
          return;
        }
        if (fail) node.fail();
        else node.restore();
        return;
      }
      const iface = node.ip.ifaces.find((f) => f.id === w.iface)!;
      const announce = world.muxAnnounce.get(w.node);
      const paIface = world.topology.slb?.paInterface[w.node];
      // The VIPs a MUX announces while its PA link is up: a live MUX's, for its PA link only.
      const vips = announce !== undefined && paIface === w.iface && node.up ? announce : undefined;
      // A link already in the state asked for: nothing changes, and the run says so (not "link up" and VIPs
      // "announced again" for a link that never went down).
      if (iface.port.up !== fail) {
        const stay = vips && !fail ? `; ${w.node}'s VIPs stay announced` : '';
        rec.event('info', w.node, `${w.node} ${w.iface}: the link is already ${fail ? 'down' : 'up'}, so ${fail ? 'failing' : 'restoring'} it changes nothing${stay}`);
        return;
      }
      world.sw.setPortUp(iface.port, !fail);
      rec.eventWith(fail ? 'link-failed' : 'link-restored', w.node, `${w.node} ${w.iface}: link ${fail ? 'down' : 'up'}`, { interface: w.iface });
      rec.table(w.node, 'interfaces', iface.id, { cells: { interface: iface.id, address: iface.def.address, mac: iface.macText, network: iface.def.network, vlan: iface.port.vlan !== undefined ? String(iface.port.vlan) : '-', state: fail ? 'down' : 'up' }, prov: iface.def.prov });
      if (vips) {
        rec.event('info', w.node, fail ? `${w.node} loses its PA link: no DIP is reachable, so it withdraws its VIPs` : `${w.node}'s PA link is back: it announces its VIPs again`, 'bgp');
        world.bgp.get(w.node)?.setAnnounced(fail ? [] : vips);
      }
    });
  }
}
