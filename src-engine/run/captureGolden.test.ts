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
  canonical: '4975c4e94fe486256600e11f7b1f25c52955282bdb867af789a24de628f3e9a4',
  canonicalAllPoints: 'fb6a434011facba0cb7fb9f4ca22ece06f539c7599b4f53d956c3f2a63882783',
  failMuxVM: 'ec0326bf9d6438eb0a9f8474cf5bae000e08ba6f69d367234a3fa5ef45092725',
  loop: '10bd9857e70e4b8c1fbecc34dfc1a5bf4970d5e9ce0e0d3345a9e904c8d11610',
  icmpRedirects: '7b0e60c5e0b641b800a89dc2c7720e2eb89ddbe2523aa166339a93107a72a009',
  neighborUnreachable: 'b91f409cf70a6ff17b474a81674bf25640540e71ba741a85d163df6c6f3721b1',
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
