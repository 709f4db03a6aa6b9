// The run as pcapng, read back by tshark with checksum validation on: one interface per capture
// point, a comment on every packet, and valid checksums after every rewrite (VFP, NAT, TTL).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';
import type { SimRun } from '../run/simulate';
import { buildCapture, writeCapture } from './capture';

const TSHARK = process.env.TSHARK ?? '/usr/bin/tshark';

describe('pcapng export', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let run: SimRun;
  let capture: ReturnType<typeof buildCapture>;
  beforeEach(() => {
    run = runPoc({ to: 'https://portal.azurestack.local' });
    capture = buildCapture(run.result.transmissions, run.switchId);
  });

  it('names one interface per capture point and comments every packet', () => {
    expect(capture.packets.length).toBe(run.result.transmissions.length);
    const names = capture.interfaces.map((i) => i.name);
    expect(names).toContain('ClientVM eth0');
    expect(names).toContain('CCI_External_vSwitch port MuxVM.pa');
    expect(names).toContain('MuxVM pa');
    expect(new Set(names).size).toBe(names.length);
    expect(capture.packets.every((p) => p.comment !== undefined && p.comment.length > 10)).toBe(true);
    const times = capture.packets.map((p) => p.timeUs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('is read by tshark with every IP, TCP and UDP checksum good', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hoplab-')), 'run.pcapng');
    writeFileSync(file, writeCapture(capture));
    const r = spawnSync(TSHARK, ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=/t', '-e', 'frame.interface_name', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status', '-e', 'udp.checksum.status', '-e', 'frame.comment'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBe(capture.packets.length);
    for (const [, ip, tcp, udp] of rows) {
      for (const status of [ip, tcp, udp]) for (const s of (status ?? '').split(',')) if (s !== '') expect(['1', '2', '3']).toContain(s); // good, unverified, not present (VXLAN's outer UDP 0)
    }
    expect(rows.some(([name, , , , comment]) => name === 'CCI_External_vSwitch port PortalVM.eth0' && comment?.includes('VFP decapsulates'))).toBe(true);
  });
});
