// The simulator's captures, byte for byte: a refactoring of the devices must not change one byte the
// runs below write (their pcapng holds every frame, its timestamp, direction and the comment naming the
// hop). A change in behaviour is meant to change them: then check the new capture with tshark and
// regenerate the digests (see CAPTURE_SHA256).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../protocol';
import { writeCapture, type CapturePoints } from '../trace/capture';
import { pocTopology } from './fixtures';
import { createRunSession } from './session';

const S = 1_000_000;

/** The runs pinned, as `npm run trace` takes them. */
const RUNS: Record<string, { readonly request: Partial<RunRequest>; readonly points: CapturePoints }> = {
  /** `npm run trace -- --from ClientVM --to https://portal.azurestack.local --pcap out.pcapng` */
  canonical: { request: {}, points: 'vm' },
  /** the same with `--pcap-points all`: every link's sending side, so every forwarding decision shows */
  canonicalAllPoints: { request: {}, points: 'all' },
  /** `... --fail MuxVM --pcap out.pcapng`: both attempts, the SYN retransmissions, BGP's hold timer */
  failMuxVM: { request: { whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }, points: 'vm' },
  /** `--to 192.168.133.50 --pcap-points all`: a routing loop, TTL expiry and ICMP time exceeded */
  loop: { request: { to: '192.168.133.50' }, points: 'all' },
  /** `--icmp-redirects --pcap-points all`: NATVM redirects, ClientVM installs host routes */
  icmpRedirects: { request: { knobs: { icmpRedirects: true } }, points: 'all' },
  /** `--to 10.0.0.99 --pcap-points all`: ARP never answered, ICMP host unreachable back */
  neighborUnreachable: { request: { to: '10.0.0.99' }, points: 'all' },
};

/**
 * sha256 of each run's pcapng. To regenerate after an intended change in behaviour: run
 * `UPDATE_CAPTURE_SHA256=1 npx vitest run src-engine/run/captureGolden.test.ts`, which prints the new
 * digests, check the capture with tshark (`npm run trace -- ... --pcap f.pcapng; tshark -r f.pcapng`)
 * and paste them here.
 */
const CAPTURE_SHA256: Record<keyof typeof RUNS, string> = {
  canonical: 'cdab8374ef8ad051ed93b6e02692203e4bdfbd6d48e564f315d8addca4d05953',
  canonicalAllPoints: '6cfd764217493fe0da8a5ce7001c5239d286de7e8457f4ef3f0d54c38c61b41f',
  failMuxVM: 'bf661965bb4495ce68ac593cadf65c1a37dd623a6d9f72c6e093eda34660e417',
  loop: 'ebe10c232e6ffe7f7b3725aed55385bb93cba62fd9d2013d356fcb469b876482',
  icmpRedirects: 'f99870170eaa8d0932573194fb67831356a38e173dc246cff428c76f2b52ae11',
  neighborUnreachable: '22cd3cf0063bab632fed240690c91338afd3a64b74772d1badbf629bbc8a5e71',
};

function captureDigest(name: keyof typeof RUNS): string {
  const { request, points } = RUNS[name]!;
  const session = createRunSession();
  const run = session.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!run.ok) throw new Error(run.error.message);
  const bytes = session.exportPcapng(writeCapture, points);
  if (!bytes.ok) throw new Error(bytes.error.message);
  return createHash('sha256').update(bytes.value).digest('hex');
}

describe('the captures of the pinned runs are byte for byte the same', () => {
  for (const name of Object.keys(RUNS) as (keyof typeof RUNS)[]) {
    it(name, () => {
      const digest = captureDigest(name);
      if (process.env.UPDATE_CAPTURE_SHA256) console.log(`${name}: '${digest}',`);
      expect(digest).toBe(CAPTURE_SHA256[name]);
    });
  }
});
