// describePlain reads the commonest frames' protocol and summary straight from their bytes; it must say
// exactly what decoding them into layers and asking the descriptors says, or leave the frame to them.
import { describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';
import { runFlows } from '../run/flows';
import { generateTopology } from '../scenarios/generate';
import { parseTopology } from '../topology/validate';
import { ipToU32 } from '../net/addr';
import { createRng } from '../sim/rng';
import { decodeLayers, describeFrame, describeLayers, describePlain } from './describe';
import { frameBytes } from '../view/runLog';

const slow = (b: Uint8Array) => describeLayers(decodeLayers(b));

function generatedFrames(): Uint8Array[] {
  const parsed = parseTopology(generateTopology({ vms: 120, vips: 4, seed: 3, hostsPerSubnet: 50 }));
  if (!parsed.ok) throw new Error('the generated topology did not validate');
  const topology = parsed.value;
  const clients = topology.nodes.filter((n) => n.id.startsWith('Client')).map((n) => n.id);
  const vips = topology.slb!.rules.map((r) => ipToU32(r.vip));
  const flows = Array.from({ length: 20 }, (_, i) => ({ from: clients[i % clients.length]!, to: vips[i % vips.length]!, port: 443, at: 1_000_000 + i * 50 }));
  const log = runFlows(topology, flows, 3, { full: true }).world.ctx.rec.log();
  return Array.from({ length: log.frameSpans.length / 3 }, (_, f) => frameBytes(log, f));
}

/** The frames of the POC's run. */
const pocFrames = () => runPoc({ seed: 7 }).result.transmissions.map((t) => t.bytes);

// The runs are made inside each test, not when the file loads: mutation testing then knows which tests cover
// what, instead of running every mutant those runs reach against every test.
describe('describePlain', () => {
  it('says what the decoded layers say for every frame of the POC run and of a generated run', () => {
    for (const frames of [pocFrames(), generatedFrames()]) {
      const plain = frames.filter((b) => describePlain(b) !== undefined);
      // Most frames take the short way (ARP, bare TCP segments); the rest (BGP, TLS, VXLAN, DNS) are decoded.
      expect(plain.length).toBeGreaterThan(frames.length / 3);
      expect(plain.length).toBeLessThan(frames.length);
      for (const b of frames) {
        expect(describeFrame(b)).toEqual(slow(b));
        const p = describePlain(b);
        if (p) expect(p).toEqual(slow(b));
      }
    }
  });

  it('names an ARP request, an ARP reply and a SYN-ACK exactly', () => {
    const words = pocFrames().map((b) => describePlain(b)?.summary);
    expect(words).toContain('ARP who has 192.168.200.1? tell 192.168.200.10');
    expect(words.some((w) => w !== undefined && /^ARP 192\.168\.\d+\.\d+ is at 00:15:5d:[0-9a-f:]{8}$/.test(w))).toBe(true);
    expect(words.some((w) => w !== undefined && / TCP SYN\/ACK TTL \d+$/.test(w))).toBe(true);
  });

  it('leaves to the decoder, or agrees with it on, every frame with one byte changed or cut short', () => {
    const rng = createRng(20160129);
    const plainOnes = [...pocFrames(), ...generatedFrames()].filter((b) => describePlain(b) !== undefined);
    let leftToDecoder = 0;
    for (let n = 0; n < 4000; n++) {
      const b = plainOnes[rng.int(0, plainOnes.length - 1)]!.slice();
      // The bytes the checks read (EtherType, IP version/length/flags/protocol, TCP offset, ports) most often.
      const at = rng.int(0, 3) === 0 ? rng.int(0, b.length - 1) : [12, 13, 14, 16, 17, 20, 21, 23, 34, 35, 36, 37, 46, 47, 18, 19][rng.int(0, 15)]!;
      b[at] = rng.int(0, 3) === 0 ? 0 : rng.int(0, 255);
      const cut = rng.int(0, 4) === 0 ? b.subarray(0, rng.int(0, b.length)) : rng.int(0, 4) === 0 ? Uint8Array.from([...b, 0, 0, 0, 0]) : b;
      const p = describePlain(cut);
      if (p === undefined) leftToDecoder++;
      else expect(p).toEqual(slow(cut));
      expect(describeFrame(cut)).toEqual(slow(cut));
    }
    expect(leftToDecoder).toBeGreaterThan(200);
  });
});
