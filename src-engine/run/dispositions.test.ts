// Every way a flow can end, each with its explained disposition, and the destinations people type.
import { describe, expect, it } from 'vitest';
import { parseDestination } from '../view/destination';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';

const S = 1_000_000;

describe('dispositions', () => {
  it('a VIP with no /32 loops NATVM <-> BGPVM to TTL expiry, and the run ends instead of hanging', () => {
    const r = runPoc({ to: '192.168.133.50' }).result;
    expect(r.trace.description).toBe('ping ClientVM -> 192.168.133.50');
    expect(r.trace.disposition).toBe('ttl-exceeded');
    expect(r.trace.reason).toContain('routing loop between NATVM and BGPVM');
    expect(r.endTime).toBeLessThan(2 * S);
    expect(r.trace.returnHops.at(-1)!.node).toBe('ClientVM');
  });

  it('a port with no listener answers RST', () => {
    const r = runPoc({ to: '192.168.100.9:80' }).result;
    expect(r.trace.disposition).toBe('no-listener');
    expect(r.trace.reason).toBe('nothing listens on TCP port 80 at PortalVM (192.168.100.9): connection refused');
    const rst = r.trace.returnHops[0]!.layers.find((l) => l.type === 'tcp');
    expect(rst && rst.type === 'tcp' && rst.flags.rst).toBe(true);
    expect(r.trace.returnHops.at(-1)!.node).toBe('ClientVM');
  });

  it('pings a node by name', () => {
    const r = runPoc({ to: 'PortalVM' }).result;
    expect(r.trace.disposition).toBe('delivered');
    expect(r.trace.hops.map((h) => h.node)).toEqual(['ClientVM', 'CCI_External_vSwitch', 'NATVM', 'CCI_External_vSwitch', 'BGPVM', 'CCI_External_vSwitch', 'PortalVM']);
    expect(r.trace.returnHops.at(-1)!.layers.find((l) => l.type === 'icmp')).toMatchObject({ kind: 'echo-reply' });
  });

  it('NATVM translates only across its outside interface (NAPT) and back', () => {
    const r = runPoc({ to: '10.0.0.10' }).result;
    expect(r.trace.disposition).toBe('delivered');
    const nat = r.trace.hops.find((h) => h.node === 'NATVM')!;
    expect(nat.steps.find((s) => s.kind === 'rewrite')).toMatchObject({ by: 'nat', field: 'ipv4.src', after: '10.0.0.20:61000' });
    expect(nat.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '10.0.0.20', dst: '10.0.0.10', ttl: 127 });
    const back = r.trace.returnHops.find((h) => h.node === 'NATVM')!;
    expect(back.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '10.0.0.10', dst: '192.168.200.10' });
  });

  it('a next hop that never answers ARP is neighbor-unreachable, with ICMP host unreachable back', () => {
    const r = runPoc({ to: '10.0.0.99' }).result;
    expect(r.trace.disposition).toBe('neighbor-unreachable');
    expect(r.trace.reason).toBe('NATVM had no answer to ARP for its next hop 10.0.0.99: no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99. On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."');
    expect(r.trace.returnHops.at(-1)!.layers.find((l) => l.type === 'icmp')).toMatchObject({ kind: 'destination-unreachable', code: 1 });
    // NATVM had translated the ping's source to its own outside address; the error still reaches ClientVM, from
    // NATVM's inside address, quoting the ping as ClientVM sent it (TTL one less).
    expect(r.trace.returnHops.map((h) => h.node)).toEqual(['NATVM', 'CCI_External_vSwitch', 'ClientVM']);
    expect(r.trace.returnHops.at(-1)!.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '192.168.200.1', dst: '192.168.200.10' });
    const quoted = r.trace.returnHops.at(-1)!.layers.find((l) => l.type === 'raw');
    expect(quoted?.type === 'raw' && [...quoted.data.subarray(8, 9), ...quoted.data.subarray(12, 20)]).toEqual([127, 192, 168, 200, 10, 10, 0, 0, 99]);
    expect(r.trace.hops.at(-1)!.why).toBe(
      'NATVM asked 3 times who has 10.0.0.99 (ARP request, broadcast) and nobody answered: no device in this topology has that address. Without the next hop\'s MAC address the frame cannot be sent, so NATVM drops the packet and sends ICMP destination unreachable (host unreachable) to its sender.',
    );
  });

  it('the PA network from the client side: NATVM has no route to it, takes its default route to the outside gateway, which the lab does not model', () => {
    const r = runPoc({ to: '192.168.233.99' }).result;
    expect(r.trace.disposition).toBe('neighbor-unreachable');
    expect(r.trace.reason).toBe(
      'NATVM had no answer to ARP for its next hop 10.0.0.1: 192.168.233.99 is in Provider addresses 192.168.233.0/24 (VXLAN underlay), where only HyperVHost and MuxVM have an address, ' +
        'and NATVM has no route to it, so it used its default route 0.0.0.0/0 via 10.0.0.1. 10.0.0.1 is the gateway of Outside LAN 10.0.0.0/24, the router out of this lab, which the topology ' +
        'does not model: no device has its address, so nothing goes further that way. On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."',
    );
  });

  it('TCP to an address nobody has: the ICMP host unreachable is a soft error, and the SYNs go on until the client gives up', () => {
    const r = runPoc({ to: '10.0.0.99:443' }).result;
    expect(r.trace.connection).toMatchObject({ outcome: 'gave-up', synTimes: [1 * S, 4 * S, 10 * S] });
    expect(r.trace.reason).toContain(
      "ClientVM's TCP takes the ICMP host unreachable from 192.168.200.1 as a soft error (RFC 1122, 4.2.3.9): it keeps retransmitting its SYN, as if nothing had come back. ClientVM sent 3 SYNs",
    );
  });

  it('a DIP that is down, before its health probes gave up on it: the frame reaches its port and nothing answers', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 0.5 * S }], flowAt: [5 * S] }).result;
    expect(r.trace.disposition).toBe('node-down');
    expect(r.trace.hops.at(-1)!.node).toBe('PortalVM');
  });

  it('an unknown name gets NXDOMAIN: no-dns-answer', () => {
    const r = runPoc({ to: 'https://nothing.azurestack.local' }).result;
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect(r.dnsTrace?.returnHops.at(-1)?.layers.find((l) => l.type === 'dns')).toMatchObject({ rcode: 3 });
  });

  it('ICMP redirects (knob): NATVM tells ClientVM to use BGPVM, and ClientVM installs host routes', () => {
    const r = runPoc({ knobs: { icmpRedirects: true } }).result;
    expect(r.trace.disposition).toBe('delivered');
    const followed = r.events.filter((e) => e.summary.startsWith('ClientVM follows an ICMP redirect')).map((e) => e.summary);
    // The A and AAAA queries both left before the first redirect came back: one redirect each.
    expect(followed).toEqual([
      'ClientVM follows an ICMP redirect: 192.168.100.2/32 via 192.168.200.2',
      'ClientVM follows an ICMP redirect: 192.168.100.2/32 via 192.168.200.2',
      'ClientVM follows an ICMP redirect: 192.168.133.74/32 via 192.168.200.2',
    ]);
    // The first SYN still went via NATVM (which forwards it and redirects); the handshake's ACK goes straight to BGPVM.
    expect(r.trace.hops.map((h) => h.node)).toContain('NATVM');
    const port = r.trace.hops[0]!.layers.find((l) => l.type === 'tcp');
    const ack = r.transmissions.find((t) => t.fromNode === 'CCI_External_vSwitch' && port?.type === 'tcp' && t.summary.includes(`:${port.srcPort} -> 192.168.133.74:443 TCP ACK`));
    expect(ack?.toNode).toBe('BGPVM');
  });
});

describe('destinations and errors', () => {
  it('understands URLs, names, addresses and ports', () => {
    const t = pocTopology();
    expect(parseDestination(t, 'https://portal.azurestack.local')).toEqual({ ok: true, value: { kind: 'name', name: 'portal.azurestack.local', port: 443 } });
    expect(parseDestination(t, 'http://portal.azurestack.local:8080/x')).toEqual({ ok: true, value: { kind: 'name', name: 'portal.azurestack.local', port: 8080 } });
    expect(parseDestination(t, '192.168.133.74:443')).toEqual({ ok: true, value: { kind: 'address', address: 3232269642, port: 443 } });
    expect(parseDestination(t, 'portalvm')).toEqual({ ok: true, value: { kind: 'address', address: 3232261129, port: undefined, node: 'PortalVM' } });
    expect(parseDestination(t, 'ftp://x.y').ok).toBe(false);
    expect(parseDestination(t, '300.1.1.1').ok).toBe(false);
    expect(parseDestination(t, 'not a host').ok).toBe(false);
  });

  it('rejects an unknown source node and a bad what-if with clear messages', () => {
    const t = pocTopology();
    const a = simulate(t, { from: 'Nowhere', to: 'PortalVM' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatchObject({ code: 'unknown-node' });
    const b = simulate(t, { from: 'ClientVM', to: 'PortalVM', whatIf: [{ action: 'fail', target: 'MuxVM:eth9', at: 0 }] });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.message).toContain('MuxVM has no interface "eth9" (it has mgmt, pa)');
  });
});
