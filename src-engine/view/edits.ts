// Changes to a topology document, as data, applied by one pure function. The editor sends these; undo is
// going back to the document before. An edit never checks meaning (the engine's validation does that on
// the result, and names the field); it only refuses what it cannot apply, such as an unknown node.
import type { Provenance, TopologyDocument } from '../topology/schema';

type Doc = TopologyDocument;
type NodeDoc = Doc['nodes'][number];
type InterfaceDoc = NodeDoc['interfaces'][number];
type RuleDoc = NonNullable<Doc['slb']>['rules'][number];
type DipDoc = RuleDoc['dips'][number];

/** Anything a person adds in the editor is marked as their own choice, not a documented fact. */
export const EDITED: Provenance = { mark: 'illustrative', source: 'added or changed in the Hoplab editor' };

export type TopologyEdit =
  | { readonly type: 'add-vm'; readonly id: string; readonly role: string; readonly network: string; readonly address: string; readonly mac: string; readonly gateway?: string; readonly listens?: readonly number[] }
  | { readonly type: 'remove-node'; readonly node: string }
  | { readonly type: 'set-node'; readonly node: string; readonly role?: string; readonly listens?: readonly number[] }
  | { readonly type: 'add-interface'; readonly node: string; readonly iface: { readonly id: string; readonly network: string; readonly address: string; readonly mac: string } }
  | { readonly type: 'set-interface'; readonly node: string; readonly iface: string; readonly address?: string; readonly network?: string; readonly mac?: string }
  | { readonly type: 'remove-interface'; readonly node: string; readonly iface: string }
  | { readonly type: 'add-rule'; readonly rule: { readonly name: string; readonly vip: string; readonly protocol: 'tcp' | 'udp'; readonly port: number; readonly dips: readonly DipDoc[] } }
  | { readonly type: 'set-rule'; readonly rule: number; readonly name?: string; readonly vip?: string; readonly port?: number; readonly protocol?: 'tcp' | 'udp' }
  | { readonly type: 'remove-rule'; readonly rule: number }
  | { readonly type: 'add-dip'; readonly rule: number; readonly dip: DipDoc }
  | { readonly type: 'set-dip'; readonly rule: number; readonly dip: number; readonly address?: string; readonly port?: number }
  | { readonly type: 'remove-dip'; readonly rule: number; readonly dip: number }
  /** A MUX like the first one: a VM on the management and PA networks, in the SLB, peered with the first MUX's peers. */
  | { readonly type: 'add-mux'; readonly id: string; readonly mgmtAddress: string; readonly paAddress: string }
  | { readonly type: 'remove-mux'; readonly node: string }
  | { readonly type: 'set-bgp'; readonly holdTime?: number; readonly keepalive?: number };

export type EditResult = { readonly ok: true; readonly doc: Doc } | { readonly ok: false; readonly message: string };

const fail = (message: string): EditResult => ({ ok: false, message });

function nodeIndex(doc: Doc, id: string): number {
  return doc.nodes.findIndex((n) => n.id === id);
}

function withNode(doc: Doc, id: string, change: (n: NodeDoc) => NodeDoc | string): EditResult {
  const i = nodeIndex(doc, id);
  if (i < 0) return fail(`there is no node "${id}"`);
  const next = change(doc.nodes[i]!);
  if (typeof next === 'string') return fail(next);
  return { ok: true, doc: { ...doc, nodes: doc.nodes.map((n, k) => (k === i ? next : n)) } };
}

function withRule(doc: Doc, index: number, change: (r: RuleDoc) => RuleDoc | string): EditResult {
  const rule = doc.slb?.rules[index];
  if (!doc.slb || !rule) return fail(`there is no load-balancing rule number ${index + 1}`);
  const next = change(rule);
  if (typeof next === 'string') return fail(next);
  return { ok: true, doc: { ...doc, slb: { ...doc.slb, rules: doc.slb.rules.map((r, k) => (k === index ? next : r)) } } };
}

const bare = (cidr: string) => cidr.split('/')[0]!;

/** Applies one edit; the document given is never changed. */
export function applyEdit(doc: Doc, edit: TopologyEdit): EditResult {
  switch (edit.type) {
    case 'add-vm': {
      if (nodeIndex(doc, edit.id) >= 0) return fail(`a node named "${edit.id}" already exists`);
      const gateway = edit.gateway ?? doc.networks.find((n) => n.id === edit.network)?.gateway;
      const node: NodeDoc = {
        id: edit.id,
        kind: 'vm',
        role: edit.role,
        interfaces: [{ id: 'eth0', mac: edit.mac, address: edit.address, network: edit.network, prov: EDITED }],
        routes: gateway ? [{ prefix: '0.0.0.0/0', via: gateway, prov: EDITED }] : [],
        ...(doc.dns ? { dnsServer: dnsAddress(doc) } : {}),
        ...(edit.listens && edit.listens.length > 0 ? { listens: [...edit.listens] } : {}),
        prov: EDITED,
      };
      if (node.dnsServer === undefined) delete node.dnsServer;
      return { ok: true, doc: { ...doc, nodes: [...doc.nodes, node] } };
    }
    case 'remove-node': {
      if (nodeIndex(doc, edit.node) < 0) return fail(`there is no node "${edit.node}"`);
      if (doc.slb?.muxes.includes(edit.node)) return applyEdit(doc, { type: 'remove-mux', node: edit.node });
      return { ok: true, doc: { ...doc, nodes: doc.nodes.filter((n) => n.id !== edit.node) } };
    }
    case 'set-node':
      return withNode(doc, edit.node, (n) => ({
        ...n,
        ...(edit.role !== undefined ? { role: edit.role } : {}),
        ...(edit.listens !== undefined ? { listens: [...edit.listens] } : {}),
      }));
    case 'add-interface':
      return withNode(doc, edit.node, (n) =>
        n.interfaces.some((f) => f.id === edit.iface.id) ? `${n.id} already has an interface "${edit.iface.id}"` : { ...n, interfaces: [...n.interfaces, { ...edit.iface, prov: EDITED }] },
      );
    case 'set-interface':
      return withNode(doc, edit.node, (n) => {
        if (!n.interfaces.some((f) => f.id === edit.iface)) return `${n.id} has no interface "${edit.iface}"`;
        return {
          ...n,
          interfaces: n.interfaces.map((f): InterfaceDoc =>
            f.id !== edit.iface
              ? f
              : {
                  ...f,
                  ...(edit.address !== undefined ? { address: edit.address } : {}),
                  ...(edit.network !== undefined ? { network: edit.network } : {}),
                  ...(edit.mac !== undefined ? { mac: edit.mac } : {}),
                  fieldProv: { ...f.fieldProv, ...Object.fromEntries(['address', 'network', 'mac'].filter((k) => edit[k as 'address'] !== undefined).map((k) => [k, EDITED])) },
                },
          ),
        };
      });
    case 'remove-interface':
      return withNode(doc, edit.node, (n) =>
        n.interfaces.some((f) => f.id === edit.iface) ? { ...n, interfaces: n.interfaces.filter((f) => f.id !== edit.iface) } : `${n.id} has no interface "${edit.iface}"`,
      );
    case 'add-rule': {
      if (!doc.slb) return fail('this topology has no software load balancer (no "slb" section) to add a rule to');
      const rule: RuleDoc = { ...edit.rule, dips: edit.rule.dips.map((d) => ({ ...d })), prov: EDITED };
      return { ok: true, doc: { ...doc, slb: { ...doc.slb, rules: [...doc.slb.rules, rule] } } };
    }
    case 'set-rule':
      return withRule(doc, edit.rule, (r) => ({
        ...r,
        ...(edit.name !== undefined ? { name: edit.name } : {}),
        ...(edit.vip !== undefined ? { vip: edit.vip } : {}),
        ...(edit.port !== undefined ? { port: edit.port } : {}),
        ...(edit.protocol !== undefined ? { protocol: edit.protocol } : {}),
      }));
    case 'remove-rule':
      if (!doc.slb?.rules[edit.rule]) return fail(`there is no load-balancing rule number ${edit.rule + 1}`);
      return { ok: true, doc: { ...doc, slb: { ...doc.slb, rules: doc.slb.rules.filter((_, k) => k !== edit.rule) } } };
    case 'add-dip':
      return withRule(doc, edit.rule, (r) => ({ ...r, dips: [...r.dips, { ...edit.dip }] }));
    case 'set-dip':
      return withRule(doc, edit.rule, (r) =>
        r.dips[edit.dip]
          ? { ...r, dips: r.dips.map((d, k) => (k === edit.dip ? { ...d, ...(edit.address !== undefined ? { address: edit.address } : {}), ...(edit.port !== undefined ? { port: edit.port } : {}) } : d)) }
          : `rule ${r.name} has no DIP number ${edit.dip + 1}`,
      );
    case 'remove-dip':
      return withRule(doc, edit.rule, (r) => (r.dips[edit.dip] ? { ...r, dips: r.dips.filter((_, k) => k !== edit.dip) } : `rule ${r.name} has no DIP number ${edit.dip + 1}`));
    case 'add-mux':
      return addMux(doc, edit);
    case 'remove-mux': {
      const slb = doc.slb;
      if (!slb?.muxes.includes(edit.node)) return fail(`"${edit.node}" is not a MUX`);
      if (slb.muxes.length === 1) return fail('the load balancer needs at least one MUX; add another before removing this one');
      const node = doc.nodes.find((n) => n.id === edit.node);
      const addresses = new Set((node?.interfaces ?? []).map((f) => bare(f.address)));
      const paInterface = Object.fromEntries(Object.entries(slb.paInterface).filter(([k]) => k !== edit.node));
      return {
        ok: true,
        doc: {
          ...doc,
          nodes: doc.nodes.filter((n) => n.id !== edit.node),
          slb: { ...slb, muxes: slb.muxes.filter((m) => m !== edit.node), paInterface },
          ...(doc.bgp
            ? {
                bgp: {
                  ...doc.bgp,
                  speakers: doc.bgp.speakers.filter((s) => s.node !== edit.node).map((s) => ({ ...s, peers: s.peers.filter((p) => !addresses.has(p.address)) })),
                },
              }
            : {}),
        },
      };
    }
    case 'set-bgp':
      if (!doc.bgp) return fail('this topology has no BGP section to change');
      return {
        ok: true,
        doc: {
          ...doc,
          bgp: {
            ...doc.bgp,
            ...(edit.holdTime !== undefined ? { holdTime: edit.holdTime } : {}),
            ...(edit.keepalive !== undefined ? { keepalive: edit.keepalive } : {}),
            fieldProv: { ...doc.bgp.fieldProv, ...(edit.holdTime !== undefined ? { holdTime: EDITED } : {}), ...(edit.keepalive !== undefined ? { keepalive: EDITED } : {}) },
          },
        },
      };
  }
}

function dnsAddress(doc: Doc): string | undefined {
  const server = doc.nodes.find((n) => n.id === doc.dns?.server);
  const address = server?.interfaces[0]?.address;
  return address ? bare(address) : undefined;
}

/**
 * A second (third, ...) MUX, shaped like the first: same role, routes and AS; one NIC on the first MUX's
 * management network and one on its PA network, with fresh MACs; in the SLB with its PA interface; a BGP
 * speaker peering with the first MUX's peers, and each of them peering back.
 */
function addMux(doc: Doc, edit: Extract<TopologyEdit, { type: 'add-mux' }>): EditResult {
  const slb = doc.slb;
  if (!slb) return fail('this topology has no software load balancer (no "slb" section) to add a MUX to');
  if (nodeIndex(doc, edit.id) >= 0) return fail(`a node named "${edit.id}" already exists`);
  const first = doc.nodes.find((n) => n.id === slb.muxes[0]);
  if (!first) return fail(`the first MUX "${slb.muxes[0]}" is not a node`);
  const paId = slb.paInterface[first.id] ?? 'pa';
  const paNic = first.interfaces.find((f) => f.id === paId);
  const mgmtNic = first.interfaces.find((f) => f.id !== paId);
  if (!paNic || !mgmtNic) return fail(`${first.id} needs a management and a PA interface to be copied`);
  const used = new Set(doc.nodes.flatMap((n) => n.interfaces.map((f) => f.mac)));
  const freshMac = (base: string) => {
    for (let k = 1; k < 256; k++) {
      const mac = `${base.slice(0, 15)}${k.toString(16).padStart(2, '0')}`;
      if (!used.has(mac)) {
        used.add(mac);
        return mac;
      }
    }
    return base;
  };
  const length = (cidr: string) => cidr.split('/')[1] ?? '24';
  const mux: NodeDoc = {
    ...first,
    id: edit.id,
    interfaces: [
      { id: mgmtNic.id, mac: freshMac(mgmtNic.mac), address: `${bare(edit.mgmtAddress)}/${length(mgmtNic.address)}`, network: mgmtNic.network, prov: EDITED },
      { id: paNic.id, mac: freshMac(paNic.mac), address: `${bare(edit.paAddress)}/${length(paNic.address)}`, network: paNic.network, prov: EDITED },
    ],
    prov: EDITED,
  };
  delete (mux as { fieldProv?: unknown }).fieldProv;
  const next: Doc = {
    ...doc,
    nodes: [...doc.nodes, mux],
    slb: { ...slb, muxes: [...slb.muxes, edit.id], paInterface: { ...slb.paInterface, [edit.id]: paNic.id } },
  };
  const bgp = doc.bgp;
  const firstSpeaker = bgp?.speakers.find((s) => s.node === first.id);
  if (bgp && firstSpeaker) {
    const address = bare(edit.mgmtAddress);
    const firstAddresses = new Set(first.interfaces.map((f) => bare(f.address)));
    next.bgp = {
      ...bgp,
      speakers: [
        ...bgp.speakers.map((s) => (s.peers.some((p) => firstAddresses.has(p.address)) ? { ...s, peers: [...s.peers, { address, asn: firstSpeaker.asn }] } : s)),
        { ...firstSpeaker, node: edit.id, routerId: address, prov: EDITED },
      ],
    };
  }
  return { ok: true, doc: next };
}

/** Undo and redo over whole documents: small, immutable, and exactly what was loaded. */
export interface History {
  readonly past: readonly Doc[];
  readonly present: Doc;
  readonly future: readonly Doc[];
}

/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 100;

export const createHistory = (doc: Doc): History => ({ past: [], present: doc, future: [] });

export function commit(h: History, doc: Doc): History {
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: doc, future: [] };
}

export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  return prev === undefined ? h : { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  const next = h.future[0];
  return next === undefined ? h : { past: [...h.past, h.present], present: next, future: h.future.slice(1) };
}
