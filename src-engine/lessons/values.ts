// The values lesson text names, read from the run rather than written in: the VIP the flow goes to, the
// route the MUXes announce for it, the server (DIP) behind it and the VM that owns that address, a
// speaker's address. A lesson that names them this way still tells the truth on a topology whose VIP or
// server differs; where the run lacks one, the text that needs it fails to resolve, by name.
import { inCidr, ipToU32 } from '../net/addr';
import { readEndpoint } from '../view/ids';
import { bgpMessages, ipv4, isSyn, type Frame, type RunQuery } from './query';

const memo = new WeakMap<RunQuery, Map<string, unknown>>();
/** A value computed once per run: anchors' predicates ask for it at every frame. */
function once<T>(q: RunQuery, key: string, f: () => T): T {
  let m = memo.get(q);
  if (!m) memo.set(q, (m = new Map()));
  if (!m.has(key)) m.set(key, f());
  return m.get(key) as T;
}

/** The frame of the first attempt's first hop: what the client sent. */
const firstSent = (q: RunQuery): Frame | undefined => {
  const id = q.attempts[0]?.hops.find((h) => h.transmissionId !== undefined)?.transmissionId;
  return id === undefined ? undefined : q.byTx(id);
};

/** The VIP: the address the client's first SYN is sent to. */
export const vipOf = (q: RunQuery): string | undefined => once(q, 'vip', () => {
  const f = firstSent(q);
  return f && isSyn(f) ? ipv4(f)?.dst : undefined;
});

/** The route a MUX announces for the VIP: the first prefix of a BGP UPDATE that covers it ("192.168.133.74/32"). */
export const vipRouteOf = (q: RunQuery): string | undefined => once(q, 'vip-route', () => {
  const vip = vipOf(q);
  if (vip === undefined) return undefined;
  const n = ipToU32(vip);
  for (const f of q.frames) for (const m of bgpMessages(f)) if (m.kind === 'update') for (const p of m.nlri) if (inCidr(n, p)) return p;
  return undefined;
});

/** The rewrite of an attempt's SYN by the host's VFP: the VIP becomes the DIP. */
const vfpRewrite = (q: RunQuery) => {
  for (const t of q.attempts) for (const h of t.hops) for (const s of h.steps) if (s.kind === 'rewrite' && s.by === 'vfp') return { attempt: t.id, dip: readEndpoint(s.after).address };
  return undefined;
};

/** The load balancer's first health probe delivered to a server: for a run in which no connection got through. */
const probe = (q: RunQuery) => q.frame((x) => x.tx.flowId === 'probe' && isSyn(x) && x.tx.toNode !== undefined && x.tx.toNode !== q.switchId);

/**
 * The server behind the VIP (the DIP): the address the host's VFP rewrote a SYN to; in a run where no SYN got
 * that far (a dead MUX), the address the load balancer's health probes go to.
 */
export const dipOf = (q: RunQuery): string | undefined => once(q, 'dip', () => {
  const rw = vfpRewrite(q);
  if (rw) return rw.dip;
  const p = probe(q);
  return p && ipv4(p)?.dst;
});

/** The VM that owns the DIP ("PortalVM" on the POC): the device the rewritten SYN is delivered to, else the one probed. */
export const serverOf = (q: RunQuery): string | undefined => once(q, 'server', () => {
  const rw = vfpRewrite(q);
  if (rw) return q.frame((x) => x.tx.flowId === rw.attempt && isSyn(x) && x.tx.toNode !== undefined && x.tx.toNode !== q.switchId && ipv4(x)?.dst === rw.dip)?.tx.toNode;
  return probe(q)?.tx.toNode;
});

/** A BGP speaker's address, as the OPEN it sends carries it. */
export const speakerAddress = (q: RunQuery, node: string): string | undefined => once(q, `speaker ${node}`, () => {
  const f = q.frame((x) => x.tx.fromNode === node && bgpMessages(x).some((m) => m.kind === 'open'));
  return f && ipv4(f, 'outer')?.src;
});
