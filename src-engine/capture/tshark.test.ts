// Proof against a real dissector: the POC flow, encoded by our codecs and written by our capture writers, read
// by tshark with IP, TCP and UDP checksum validation on. It fails, never skips, when tshark is missing: CI
// installs it (apt-get install tshark), and a silent skip would let broken bytes through.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import { vxlanSourcePort } from '../packets/vxlanSourcePort';
import { writePcap } from './pcap';
import { writePcapng } from './pcapng';
import { pocCapture } from './pocCapture';

const TSHARK = process.env.TSHARK ?? '/usr/bin/tshark';
const VALIDATE_CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
// tshark's checksum status values (epan/proto.h PROTO_CHECKSUM_E_*), as it prints them in -T json.
const GOOD = '1';
const NOT_PRESENT = '3';
// Expert severities (epan/proto.h PI_*): anything from warning up means tshark found a problem.
const PI_WARN = 0x00600000;

const FIELDS = [
  'frame.number', 'frame.len', 'frame.time_epoch', 'frame.interface_name', 'frame.interface_description', 'frame.comment',
  'eth.src', 'eth.dst', 'arp.opcode', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4',
  'ip.src', 'ip.dst', 'ip.ttl', 'ip.checksum.status', 'udp.srcport', 'udp.dstport', 'udp.checksum.status',
  'tcp.srcport', 'tcp.dstport', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.options.mss_val', 'tcp.checksum.status',
  'vxlan.vni', 'dns.qry.name', 'dns.flags.response', 'dns.a',
  'bgp.type', 'bgp.open.myas', 'bgp.open.holdtime', 'bgp.open.identifier', 'bgp.nlri_prefix', 'bgp.prefix_length',
  'bgp.update.path_attribute.origin', 'bgp.update.path_attribute.as_path_segment.as2', 'bgp.update.path_attribute.next_hop',
  '_ws.malformed', '_ws.expert.severity', '_ws.expert.message',
] as const;

type Field = (typeof FIELDS)[number];
type Frame = Partial<Record<Field, string[]>>;

const capture = pocCapture();
let dir = '';
let frames: Frame[] = [];

function tshark(args: string[]): string {
  // A HOME of our own: tshark reads and may create profile files there.
  return execFileSync(TSHARK, args, { env: { ...process.env, HOME: dir }, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

function dissect(file: string): Frame[] {
  const json = JSON.parse(tshark(['-r', file, ...VALIDATE_CHECKSUMS, '-T', 'json', ...FIELDS.flatMap((f) => ['-e', f])])) as { _source: { layers: Frame } }[];
  return json.map((p) => p._source.layers);
}

/**
 * Writes the capture and dissects it, once. Every test calls this first, so a missing tshark fails each of
 * them with this message rather than marking them skipped.
 */
function dissectOnce(): void {
  if (!existsSync(TSHARK)) {
    throw new Error(`tshark not found at ${TSHARK}: install it (apt-get install tshark) or set TSHARK to its path. This test proves the codecs against a real dissector and must not be skipped.`);
  }
  if (dir) return;
  dir = mkdtempSync(join(tmpdir(), 'hoplab-tshark-'));
  writeFileSync(join(dir, 'poc.pcapng'), writePcapng(capture));
  writeFileSync(join(dir, 'poc.pcap'), writePcap(capture.packets));
  frames = dissect(join(dir, 'poc.pcapng'));
}

/** The one frame `pick` selects; fails when none or several do. */
function only(pick: (f: Frame) => boolean): Frame {
  const found = frames.filter(pick);
  expect(found.length, 'frames matching').toBe(1);
  return found[0]!;
}

const has = (f: Frame, field: Field, value: string) => f[field]?.includes(value) ?? false;

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tshark reads the POC capture', { timeout: 30_000 }, () => {
  it('finds every frame, at its capture point, with its comment', () => {
    dissectOnce();
    expect(frames).toHaveLength(capture.packets.length);
    frames.forEach((f, i) => {
      const p = capture.packets[i]!;
      const where = capture.interfaces[p.interfaceIndex]!;
      expect(f['frame.interface_name']).toEqual([where.name]);
      expect(f['frame.interface_description']).toEqual([where.description]);
      expect(f['frame.comment']).toEqual([p.comment]);
      expect(f['frame.len']).toEqual([String(p.data.length)]);
      expect(f['frame.time_epoch']).toEqual([(p.timeUs / 1e6).toFixed(9)]);
    });
  });

  it('finds no malformed packet and no expert info of warning level or above', () => {
    dissectOnce();
    for (const f of frames) {
      expect(f['_ws.malformed'], `frame ${f['frame.number']}`).toBeUndefined();
      const severe = (f['_ws.expert.severity'] ?? []).map(Number).filter((s) => s >= PI_WARN);
      expect(severe, `frame ${f['frame.number']}: ${f['_ws.expert.message']?.join('; ')}`).toEqual([]);
    }
    const summary = tshark(['-r', join(dir, 'poc.pcapng'), ...VALIDATE_CHECKSUMS, '-q', '-z', 'expert']);
    expect(summary).not.toMatch(/^(Errors|Warnings) \(/m);
  });

  it('validates every IPv4, UDP and TCP checksum as good; the outer VXLAN UDP has none', () => {
    dissectOnce();
    const statuses = (field: Field, pick: (f: Frame) => boolean = () => true) => frames.filter(pick).flatMap((f) => f[field] ?? []);
    const isVxlan = (f: Frame) => f['vxlan.vni'] !== undefined;
    // 11 IPv4 frames, one of them with two headers; 9 TCP segments; 2 DNS datagrams and the VXLAN one.
    expect(statuses('ip.checksum.status')).toEqual(Array(12).fill(GOOD));
    expect(statuses('tcp.checksum.status')).toEqual(Array(9).fill(GOOD));
    expect(statuses('udp.checksum.status', (f) => !isVxlan(f))).toEqual([GOOD, GOOD]);
    expect(statuses('udp.checksum.status', isVxlan)).toEqual([NOT_PRESENT]);
  });

  it('dissects the ARP request and reply', () => {
    dissectOnce();
    const request = only((f) => has(f, 'arp.opcode', '1'));
    expect(request['eth.dst']).toEqual(['ff:ff:ff:ff:ff:ff']);
    expect(request['arp.src.proto_ipv4']).toEqual(['192.168.200.10']);
    expect(request['arp.dst.proto_ipv4']).toEqual(['192.168.200.1']);
    const reply = only((f) => has(f, 'arp.opcode', '2'));
    expect(reply['eth.src']).toEqual(['00:15:5d:c8:00:01']);
    expect(reply['arp.src.proto_ipv4']).toEqual(['192.168.200.1']);
  });

  it('dissects the DNS query and its A answer', () => {
    dissectOnce();
    const query = only((f) => has(f, 'dns.flags.response', '0'));
    expect(query['dns.qry.name']).toEqual(['portal.azurestack.local']);
    expect(query['ip.dst']).toEqual(['192.168.100.2']);
    expect(query['ip.ttl']).toEqual(['128']);
    const answer = only((f) => has(f, 'dns.flags.response', '1'));
    expect(answer['dns.a']).toEqual(['192.168.133.74']);
    expect(answer['ip.ttl']).toEqual(['127']);
  });

  it('dissects the BGP OPENs, KEEPALIVEs and the UPDATE announcing the VIPs', () => {
    dissectOnce();
    const opens = frames.filter((f) => has(f, 'bgp.type', '1'));
    expect(opens.map((f) => [f['bgp.open.myas'], f['bgp.open.holdtime'], f['bgp.open.identifier']])).toEqual([
      [['64628'], ['180'], ['192.168.100.6']],
      [['64647'], ['180'], ['192.168.100.1']],
    ]);
    expect(frames.filter((f) => has(f, 'bgp.type', '4'))).toHaveLength(2);
    const update = only((f) => has(f, 'bgp.type', '2'));
    expect(update['bgp.nlri_prefix']).toEqual(['192.168.133.74', '192.168.133.1']);
    expect(update['bgp.prefix_length']).toEqual(['32', '32']);
    expect(update['bgp.update.path_attribute.origin']).toEqual(['0']);
    expect(update['bgp.update.path_attribute.as_path_segment.as2']).toEqual(['64628']);
    expect(update['bgp.update.path_attribute.next_hop']).toEqual(['192.168.100.6']);
  });

  it('dissects the SYN, TTL 128 at ClientVM and 126 at MuxVM, with MSS 1460', () => {
    dissectOnce();
    const syns = frames.filter((f) => has(f, 'tcp.flags.syn', '1') && has(f, 'tcp.flags.ack', '0') && !f['vxlan.vni']);
    expect(syns.map((f) => [f['frame.interface_name'], f['ip.ttl'], f['tcp.dstport'], f['tcp.options.mss_val']])).toEqual([
      [['ClientVM eth0'], ['128'], ['443'], ['1460']],
      [['MuxVM mgmt'], ['126'], ['443'], ['1460']],
    ]);
  });

  it('dissects the VXLAN packet: VNI 4096 around the same SYN, source port from the inner flow', () => {
    dissectOnce();
    const f = only((x) => x['vxlan.vni'] !== undefined);
    expect(f['vxlan.vni']).toEqual(['4096']);
    expect(f['ip.src']).toEqual(['192.168.233.6', '192.168.200.10']);
    expect(f['ip.dst']).toEqual(['192.168.233.21', '192.168.133.74']);
    expect(f['ip.ttl']).toEqual(['128', '126']);
    expect(f['udp.dstport']).toEqual(['4789']);
    expect(f['tcp.flags.syn']).toEqual(['1']);
    expect(f['tcp.dstport']).toEqual(['443']);
    const sent = capture.packets[Number(f['frame.number']![0]) - 1]!.data;
    const decoded = decodePacket(sent);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const innerStart = decoded.value.layerSpans[4]!.start;
    const port = vxlanSourcePort(sent.subarray(innerStart));
    expect(port).toBeGreaterThanOrEqual(49152);
    expect(f['udp.srcport']).toEqual([String(port)]);
  });

  it('dissects the SYN-ACK from the VIP', () => {
    dissectOnce();
    const f = only((x) => has(x, 'tcp.flags.syn', '1') && has(x, 'tcp.flags.ack', '1'));
    expect([f['ip.src'], f['ip.dst'], f['tcp.srcport'], f['tcp.dstport'], f['ip.ttl']]).toEqual([['192.168.133.74'], ['192.168.200.10'], ['443'], ['49731'], ['127']]);
  });

  it('reads the classic pcap as the same frames, at the same times', () => {
    dissectOnce();
    const classic = dissect(join(dir, 'poc.pcap'));
    const strip = (f: Frame) => ({ ...f, 'frame.interface_name': undefined, 'frame.interface_description': undefined, 'frame.comment': undefined, '_ws.expert.severity': undefined, '_ws.expert.message': undefined });
    expect(classic.map(strip)).toEqual(frames.map(strip));
    expect(classic.every((f) => f['frame.comment'] === undefined)).toBe(true);
  });
});
