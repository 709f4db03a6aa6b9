// Same seed, same events and bytes; another seed may pick other ports.
import { describe, expect, it } from 'vitest';
import { toHex } from '../cli/format';
import { runPoc } from './fixtures';

const frames = (seed: number) => runPoc({ seed }).result.transmissions.map((t) => `${t.time} ${t.fromNode}>${t.toNode ?? '-'} ${toHex(t.bytes)}`);

describe('determinism', () => {
  it('gives identical transmissions, byte for byte, for the same seed', () => {
    const a = frames(7);
    expect(a.length).toBeGreaterThan(50);
    expect(frames(7)).toEqual(a);
    const e1 = runPoc({ seed: 7 }).result.events.map((e) => `${e.time} ${e.summary}`);
    expect(runPoc({ seed: 7 }).result.events.map((e) => `${e.time} ${e.summary}`)).toEqual(e1);
  });

  it('draws other ephemeral ports from another seed', () => {
    const port = (seed: number) => {
      const tcp = runPoc({ seed }).result.trace.hops[0]!.layers.find((l) => l.type === 'tcp');
      return tcp?.type === 'tcp' ? tcp.srcPort : -1;
    };
    expect(port(1)).toBe(port(1));
    expect(port(1)).not.toBe(port(2));
  });
});
