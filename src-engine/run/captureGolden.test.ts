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
  canonical: 'adf5e7cb79899cd99570d27280f14fee3d9752a6b6d5f2279a65c23f744ee761',
  canonicalAllPoints: '3c069c49daa05daab6562a81fb24f0210275b4c321c0851a249c6c7761a43454',
  failMuxVM: '36c1057bcb7aef1fe685a8646cb1f94cea2a4e282b685b6a7e6db9b1ed8b794c',
  loop: 'f0ca42314c61e529919461f5ff2eae62ca2d965e807da2f77d3021443955bae9',
  icmpRedirects: 'ad217da917e041fb03eb2e7fa16e2c5c5d7f9db24459e5948f02ccc9d28966b0',
  neighborUnreachable: '8112b621e049993fa96ddfc6990afb3d195be6a99795e9a511e1c9ee15e4d24f',
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
