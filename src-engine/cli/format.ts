// Text and JSON renderings of a run for the command line: a hop table a person reads, and one JSON
// object a program reads (addresses stay dotted strings; raw bytes become hex).
import type { Layer } from '../packets/layers';
import { rcodeName } from '../packets/dnsRcode';
import type { EventKind, FlowTrace, Hop, RunResult, Transmission } from '../protocol';
import { secondsText } from '../sim/timing';
import { tlsRecordText } from '../view/protocols';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** A JSON-safe copy: Uint8Array values become hex strings. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

function hopJson(h: Hop): unknown {
  return jsonSafe({ node: h.node, interface: h.interface, time: h.time, steps: h.steps, layers: h.layers, why: h.why, transmissionId: h.transmissionId });
}

function traceJson(t: FlowTrace): unknown {
  return { description: t.description, disposition: t.disposition, reason: t.reason, diedAt: t.diedAt ?? null, hops: t.hops.map(hopJson), returnHops: t.returnHops.map(hopJson) };
}

function attemptJson(t: FlowTrace): unknown {
  return {
    id: t.id,
    attempt: t.attempt ?? 1,
    startedAt: t.startedAt ?? null,
    ...(traceJson(t) as object),
    dns: t.dns ? traceJson(t.dns) : null,
    connection: t.connection ?? null,
    tls: t.tls ? traceJson(t.tls) : null,
    blackHole: t.blackHole ?? null,
  };
}

export function runJson(r: RunResult): unknown {
  return {
    from: r.request.from,
    to: r.request.to,
    seed: r.seed,
    description: r.trace.description,
    disposition: r.trace.disposition,
    reason: r.trace.reason,
    diedAt: r.trace.diedAt ?? null,
    hops: r.trace.hops.map(hopJson),
    returnHops: r.trace.returnHops.map(hopJson),
    dns: r.dnsTrace ? traceJson(r.dnsTrace) : null,
    tls: r.trace.tls ? traceJson(r.trace.tls) : null,
    segments: connectionSegments(r, r.trace).map((t) => ({ time: t.time, from: t.fromNode, to: t.toNode ?? null, summary: t.summary, note: t.note ?? null })),
    attempts: r.attempts.map(attemptJson),
    events: r.events.map(({ id: _id, ...e }) => ({ ...e, protocol: e.protocol ?? null })),
    transmissions: r.transmissions.length,
    endTime: r.endTime,
  };
}

/** The key headers of a packet on one line: "eth a>b | ipv4 x>y ttl 127 | tcp 1>2 SYN". */
export function layersText(layers: readonly Layer[]): string {
  return layers
    .map((l) => {
      switch (l.type) {
        case 'ethernet':
          return `eth ${l.src.slice(9)}>${l.dst.slice(9)}`;
        case 'ipv4':
          return `ip ${l.src}>${l.dst} ttl ${l.ttl}`;
        case 'tcp': {
          const f = l.flags;
          return `tcp ${l.srcPort}>${l.dstPort} ${[f.syn && 'SYN', f.fin && 'FIN', f.rst && 'RST', f.psh && 'PSH', f.ack && 'ACK'].filter(Boolean).join('/')}`;
        }
        case 'udp':
          return `udp ${l.srcPort}>${l.dstPort}`;
        case 'vxlan':
          return `vxlan vni ${l.vni}`;
        case 'icmp':
          return `icmp ${l.kind}`;
        case 'dns':
          return l.response ? `dns answer ${l.answers.map((a) => a.address).join(',') || rcodeName(l.rcode)}` : `dns query ${l.questions[0]?.name ?? ''}`;
        case 'arp':
          return `arp ${l.opcode === 1 ? 'request' : 'reply'}`;
        case 'bgp':
          return `bgp ${l.message.kind}`;
        case 'tls':
          return `tls ${tlsRecordText(l)}`;
        case 'raw':
          return `${l.data.length} bytes`;
      }
    })
    .join(' | ');
}

function what(h: Hop): string {
  return h.steps
    .filter((s) => s.kind !== 'received' && s.kind !== 'sent')
    .map((s) => s.text)
    .join('; ');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function hopLines(hops: readonly Hop[], all: boolean): string[] {
  const lines: string[] = [];
  const row = (i: number, h: Hop): void => {
    lines.push(`${pad(String(i + 1), 4)}${pad(h.node, 22)}${pad(h.interface, 22)}${what(h)}`);
    if (h.layers.length) lines.push(`${' '.repeat(48)}packet: ${layersText(h.layers)}`);
  };
  const head = 12;
  const tail = 6;
  if (all || hops.length <= head + tail + 4) hops.forEach((h, i) => row(i, h));
  else {
    hops.slice(0, head).forEach((h, i) => row(i, h));
    lines.push(`    ... ${hops.length - head - tail} more hops like the ones above (use --all to list them) ...`);
    hops.slice(-tail).forEach((h, i) => row(hops.length - tail + i, h));
  }
  return lines;
}

export function traceText(t: FlowTrace, all: boolean): string {
  const header = `${pad('hop', 4)}${pad('node', 22)}${pad('interface', 22)}what happened`;
  const out = [`${t.description}`, header, ...hopLines(t.hops, all)];
  out.push('', t.returnHops.length ? 'Return path:' : 'Return path: none', ...(t.returnHops.length ? [header, ...hopLines(t.returnHops, all)] : []));
  out.push('', `Disposition: ${t.disposition}: ${t.reason}`);
  // Hops are numbered from 1 above; the engine counts them from 0.
  if (t.diedAt) out.push(`Died at: ${t.diedAt.node}, hop ${t.diedAt.hop + 1} of the ${t.diedAt.leg === 'return' ? 'return path' : 'path'}`);
  return out.join('\n');
}


const CONTROL_PLANE_KINDS: ReadonlySet<EventKind> = new Set(['bgp-state', 'bgp-hold-expired', 'bgp-notification', 'bgp-session-down', 'bgp-connection', 'route-installed', 'route-removed']);

/** The control plane before and around the flow: each BGP session state change and each route it moved. */
export function controlPlaneText(r: RunResult): string {
  const rows = r.events
    .filter((e) => CONTROL_PLANE_KINDS.has(e.kind))
    .map((e) => `${pad(`${(e.time / 1e6).toFixed(6)} s`, 14)}${pad(e.node, 10)}${pad('peer' in e ? e.peer : '', 16)}${pad(e.kind === 'bgp-state' ? e.state : '', 13)}${e.summary}`);
  return rows.length ? [`${pad('time', 14)}${pad('node', 10)}${pad('peer', 16)}${pad('state', 13)}what happened`, ...rows].join('\n') : 'no BGP sessions in this topology';
}

/**
 * The SLB host agent's health probes: how many each DIP got and answered, then every change of a DIP's
 * health as the host agent, the SLB manager and the MUX each learned it. Undefined when nothing was probed.
 */
export function probesText(r: RunResult): string | undefined {
  const sent = new Map<string, number>();
  const answered = new Map<string, number>();
  for (const t of r.transmissions) {
    if (t.flowId === 'probe' && t.toNode !== undefined && t.summary.includes(' TCP SYN ')) sent.set(t.toNode, (sent.get(t.toNode) ?? 0) + 1);
    else if (t.flowId === 'probe' && t.toNode === undefined && t.summary.includes(' TCP SYN ')) sent.set(t.fromInterface, (sent.get(t.fromInterface) ?? 0) + 1);
    if (t.flowId === 'probe-reply' && t.summary.includes('SYN/ACK')) answered.set(t.fromNode, (answered.get(t.fromNode) ?? 0) + 1);
  }
  if (sent.size === 0) return undefined;
  const counts = [...sent].map(([dip, n]) => `${dip}: ${n} probe${n === 1 ? '' : 's'} sent, ${answered.get(dip) ?? 0} answered`);
  const changes = r.events
    .filter((e) => e.kind === 'dip-health')
    .map((e) => `${pad(`${(e.time / 1e6).toFixed(6)} s`, 14)}${pad(e.node, 12)}${e.summary}`);
  return [...counts, ...(changes.length ? ['', `${pad('time', 14)}${pad('node', 12)}what happened`, ...changes] : ['every DIP stayed healthy'])].join('\n');
}

export function runText(r: RunResult, all: boolean): string {
  const parts: string[] = [`== Control plane (BGP) ==\n${controlPlaneText(r)}`];
  const probes = probesText(r);
  if (probes) parts.push(`== SLB health probes (host agent -> DIP) ==\n${probes}`);
  const many = r.attempts.length > 1;
  for (const a of r.attempts) {
    const title = many ? `Attempt ${a.attempt ?? 1} at ${secondsText(a.startedAt ?? 0)}: ` : '';
    if (a.dns) parts.push(`== ${title}DNS lookup ==\n${traceText(a.dns, all)}`);
    else if (many && a.startedAt !== undefined && r.attempts[0]?.dns) parts.push(`== ${title}DNS lookup ==\nnone: the answer is still in ${r.request.from}'s DNS cache`);
    parts.push(`== ${title}Flow ==\n${traceText(a, all)}`);
    if (a.tls) parts.push(`== ${title}TLS ==\n${traceText(a.tls, all)}`);
    const segments = connectionSegments(r, a);
    if (segments.length) parts.push(`== ${title}The connection, segment by segment, as each end sends it ==\n${segmentsText(segments)}`);
  }
  parts.push(`(seed ${r.seed}; ${r.transmissions.length} transmissions, ${r.events.length} events; run ended at ${(r.endTime / 1e6).toFixed(6)} s simulated)`);
  return parts.join('\n\n');
}

/** Every segment of an attempt's connection as its two ends send it (the client, and the server it reached), in time order. */
export function connectionSegments(r: RunResult, a: FlowTrace): Transmission[] {
  const from = r.request.from;
  const server = a.disposition === 'delivered' ? a.hops.at(-1)?.node : undefined;
  const ids = new Set([a.id, `${a.id}-reply`]);
  return r.transmissions.filter((t) => t.flowId !== undefined && ids.has(t.flowId) && (t.protocol === 'tcp' || t.protocol === 'tls') && (t.fromNode === from || t.fromNode === server));
}

function segmentsText(segments: readonly Transmission[]): string {
  const rows = segments.map((t) => `${pad(`${(t.time / 1e6).toFixed(6)} s`, 14)}${pad(t.fromNode, 10)}${t.summary}${t.note ? `\n${' '.repeat(24)}${t.note}` : ''}`);
  return [`${pad('time', 14)}${pad('sender', 10)}segment`, ...rows].join('\n');
}
