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
  canonical: '634e8f7c47ea19a60147db866656cb265d5e81fa98c887afd2b8ecaf3b17f668',
  canonicalAllPoints: 'b85e4762b87e77bfc37c1e358636ed17bcd6f14d3056315fadd98a720a1147fb',
  failMuxVM: '6e7b46e8cdd7106a073ab7886f2aa580a8d18010431676df0c75683f7142c874',
  loop: '5361783bafccf91074f01cb1d39294f493b5b48291683c264e27d32709c217bc',
  icmpRedirects: 'bda179a4ed420cb7a1b86b9dbf2dd9096e4a5bedea1bae076f1be081fb15a05b',
  neighborUnreachable: 'e6262d811cfd615400ee71a936d116f842f1e2ac13cd88a7df614c1a04ca2fb4',
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
