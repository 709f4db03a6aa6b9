// tshark on the simulator's own captures (not hand-built samples): the canonical run, MuxVM failing
// (both attempts), and the second MUX. Default capture points ('vm'): every IPv4, TCP and UDP checksum
// "good", nothing malformed, no error-level expert info, a direction flag on every packet, and the only
// TCP-analysis warnings are real retransmissions the simulator made (each frame's comment says so).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../protocol';
import { pocTopology } from '../run/fixtures';
import { createRunSession } from '../run/session';
import { writeCapture, type CapturePoints } from './capture';

const TSHARK = process.env.TSHARK ?? '/usr/bin/tshark';
const S = 1_000_000;
const GOOD = '1';
const NOT_PRESENT = '3';
// Expert severity "error" (epan/proto.h PI_ERROR).
const PI_ERROR = 0x00800000;
const FIELDS = [
  'frame.number', 'frame.comment', 'frame.packet_flags_direction', 'frame.interface_name', 'ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status',
  'tcp.analysis.retransmission', 'tcp.analysis.duplicate_ack', 'tcp.analysis.spurious_retransmission', 'tcp.len', 'tcp.srcport', 'tcp.dstport',
  'tls.record.version', 'tls.handshake.type', 'tls.handshake.extensions_server_name', 'tls.handshake.ciphersuite', 'x509ce.dNSName',
  '_ws.malformed', '_ws.expert.severity',
] as const;
type Row = Partial<Record<(typeof FIELDS)[number], string[]>>;

function capture(request: Partial<RunRequest>, points: CapturePoints = 'vm'): Row[] {
  const session = createRunSession();
  const run = session.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!run.ok) throw new Error(run.error.message);
  const bytes = session.exportPcapng(writeCapture, points);
  if (!bytes.ok) throw new Error(bytes.error.message);
  const dir = mkdtempSync(join(tmpdir(), 'hoplab-sim-'));
  const file = join(dir, 'run.pcapng');
  writeFileSync(file, bytes.value);
  const args = ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'json', ...FIELDS.flatMap((f) => ['-e', f])];
  const out = execFileSync(TSHARK, args, { env: { ...process.env, HOME: dir }, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as { _source: { layers: Row } }[]).map((p) => p._source.layers);
}

function expectClean(rows: readonly Row[]): void {
  expect(rows.length).toBeGreaterThan(20);
  for (const r of rows) {
    const at = `frame ${r['frame.number']?.[0]}: ${r['frame.comment']?.[0]}`;
    expect(r['frame.packet_flags_direction']?.[0], at).toMatch(/^0x0000000[12]$/);
    for (const s of r['ip.checksum.status'] ?? []) expect(s, at).toBe(GOOD);
    for (const s of r['tcp.checksum.status'] ?? []) expect(s, at).toBe(GOOD);
    // VXLAN's outer UDP checksum is 0 by design (RFC 7348): "not present", never "bad".
    for (const s of r['udp.checksum.status'] ?? []) expect([GOOD, NOT_PRESENT], at).toContain(s);
    expect(r['_ws.malformed'], at).toBeUndefined();
    for (const sev of r['_ws.expert.severity'] ?? []) expect(Number(sev), at).toBeLessThan(PI_ERROR);
  }
}

/** Frames tshark's TCP analysis flags as a retransmission or a duplicate ACK. */
const flagged = (rows: readonly Row[]) => rows.filter((r) => r['tcp.analysis.retransmission'] || r['tcp.analysis.duplicate_ack'] || r['tcp.analysis.spurious_retransmission']);

// Each test simulates and runs tshark up to four times: on a loaded machine that takes longer than vitest's 5 s default.
describe("tshark reads the simulator's captures clean", { timeout: 60_000 }, () => {
  it('the canonical run: no TCP-analysis warning at all with the default capture points', () => {
    const rows = capture({});
    expectClean(rows);
    expect(flagged(rows)).toEqual([]);
  });

  it('the canonical run decodes as TLS: the ClientHello names portal.azurestack.local, the flight is ServerHello, Certificate, ServerHelloDone', () => {
    const rows = capture({});
    expectClean(rows);
    const atClient = rows.filter((r) => r['frame.interface_name']?.[0] === 'ClientVM eth0' && r['tls.handshake.type']);
    // ClientVM sends the ClientHello (type 1) with SNI; the server's answer, reassembled by tshark from two segments, is seen at PortalVM.
    expect(atClient.map((r) => [r['tls.handshake.type'], r['tls.handshake.extensions_server_name'], r['tls.record.version']])).toEqual([[['1'], ['portal.azurestack.local'], ['0x0303']]]);
    const atServer = rows.filter((r) => r['frame.interface_name']?.[0] === 'PortalVM eth0' && r['tcp.srcport']?.[0] === '443' && r['tcp.len']?.[0] !== '0');
    expect(atServer.map((r) => [r['tcp.len']?.[0], r['tls.handshake.type'] ?? []])).toEqual([
      ['1460', ['2']],
      ['525', ['11', '14']],
    ]);
    expect(atServer[0]!['tls.handshake.ciphersuite']).toEqual(['0x009c']);
    expect(atServer[1]!['x509ce.dNSName']).toEqual(['portal.azurestack.local']);
    // The connection ends with a FIN from each side, each acknowledged: no reset but the health probe's. The
    // SLB host agent resets its half-open probe of PortalVM (0.5 s), the one warning tshark has here.
    expect(rows.filter((r) => r['frame.comment']?.[0]?.includes('TCP RST')).map((r) => r['frame.comment']?.[0])).toEqual([expect.stringMatching(/192\.168\.100\.1:\d+ -> 192\.168\.100\.9:443 TCP RST .*resets the half-open probe connection \(RST\)\. \[probe\]$/)]);
    expect(rows.filter((r) => /ClientVM eth0 -> .* TCP FIN\/ACK/.test(r['frame.comment']?.[0] ?? ''))).toHaveLength(1);
    expect(rows.filter((r) => /PortalVM eth0 -> .*:443 -> .* TCP FIN\/ACK/.test(r['frame.comment']?.[0] ?? ''))).toHaveLength(1);
  });

  it('the PA network at 1500: clean, the full-size ClientHello decoded as TLS, and the only warnings the real retransmissions of it', () => {
    const rows = capture({ mtu: [{ network: 'pa', mtu: 1500 }] });
    expectClean(rows);
    const hellos = rows.filter((r) => r['tls.handshake.extensions_server_name']?.[0] === 'portal.azurestack.local');
    expect(hellos.map((r) => [r['frame.interface_name']?.[0], r['tcp.len']?.[0], r['tls.handshake.type']])).toEqual([['ClientVM eth0', '1460', ['1']]]);
    const warned = flagged(rows).map((r) => r['frame.comment']?.[0] ?? '');
    expect(warned).toHaveLength(5);
    for (const c of warned) expect(c).toMatch(/ClientVM eth0 -> .*TLS ClientHello.*sends the same data again \(retransmission [1-5] of 5/);
    // Nothing reaches PortalVM after the handshake: the MUX dropped every copy.
    expect(rows.filter((r) => r['frame.interface_name']?.[0] === 'PortalVM eth0' && r['tcp.len']?.[0] === '1460')).toEqual([]);
  });

  it('capturing every link shows why that is not the default: the same segments again, flagged as retransmissions', () => {
    const rows = capture({}, 'all');
    expectClean(rows);
    expect(flagged(rows).length).toBeGreaterThan(0);
  });

  it('MuxVM fails: the only TCP warnings are the real SYN retransmissions of both attempts', () => {
    const rows = capture({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    expectClean(rows);
    const warned = flagged(rows).map((r) => r['frame.comment']?.[0] ?? '');
    expect(warned.length).toBe(4);
    for (const c of warned) expect(c).toMatch(/ClientVM eth0 -> .*TCP SYN.*sends the SYN again \(retransmission [12] of 2/);
  });

  it('PortalVM fails: the SLB health probes are on the wire at PortalVM, answered and then not; clean, and the only warnings are the client\'s real SYN retransmissions', () => {
    const rows = capture({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] });
    expectClean(rows);
    const comment = (r: Row) => r['frame.comment']?.[0] ?? '';
    const probes = rows.filter((r) => comment(r).includes('[probe]'));
    // Every 5 s from 0.5 s to the end of the run (207 s): the first answered (SYN, then the agent's RST).
    expect(probes.length).toBe(43);
    for (const r of probes) expect(comment(r)).toMatch(/^#\d+ CCI_External_vSwitch PortalVM\.eth0 -> PortalVM eth0: 192\.168\.100\.1:\d+ -> 192\.168\.100\.9:443 TCP (SYN|RST) /);
    const answers = rows.filter((r) => comment(r).includes('[probe-reply]'));
    expect(answers.map((r) => comment(r))).toEqual([expect.stringMatching(/^#\d+ PortalVM eth0 -> CCI_External_vSwitch PortalVM\.eth0: 192\.168\.100\.9:443 -> 192\.168\.100\.1:\d+ TCP SYN\/ACK /)]);
    const warned = flagged(rows).map(comment);
    expect(warned.length).toBe(2);
    for (const c of warned) expect(c).toMatch(/ClientVM eth0 -> .*TCP SYN.*sends the SYN again \(retransmission [12] of 2/);
  });

  it('outbound NAT: PortalVM pings ClientVM and opens TCP to it; clean, the request leaves as the VIP, the answers come back in VXLAN', () => {
    for (const to of ['ClientVM', 'ClientVM:8080']) {
      const vm = capture({ from: 'PortalVM', to });
      expectClean(vm);
      expect(flagged(vm)).toEqual([]);
      // Every link's sending side, to see the VXLAN leg too.
      const rows = capture({ from: 'PortalVM', to }, 'all');
      expectClean(rows);
      const comment = (r: Row) => r['frame.comment']?.[0] ?? '';
      const port = to.includes(':') ? ':8080' : '';
      expect(rows.some((r) => new RegExp(`-> BGPVM mgmt: 192\\.168\\.133\\.74(:10000)? -> 192\\.168\\.200\\.10${port} `).test(comment(r)))).toBe(true);
      expect(rows.some((r) => new RegExp(`^#\\d+ MuxVM pa -> .*VXLAN 192\\.168\\.233\\.6 -> 192\\.168\\.233\\.21 VNI 4096 \\[192\\.168\\.200\\.10${port} -> 192\\.168\\.133\\.74`).test(comment(r)))).toBe(true);
      expect(rows.some((r) => new RegExp(`-> PortalVM eth0: 192\\.168\\.200\\.10${port} -> 192\\.168\\.100\\.9`).test(comment(r)))).toBe(true);
    }
  });

  it('the second MUX, with MuxVM failed: clean, and its warnings are real retransmissions', () => {
    const rows = capture({ knobs: { secondMux: true }, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    expectClean(rows);
    for (const r of flagged(rows)) expect(r['frame.comment']?.[0]).toMatch(/retransmission/);
  });
});
