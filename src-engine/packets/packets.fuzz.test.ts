// Fuzzing packet bytes through the harness that `npm run fuzz` tallies: random bytes from any starting
// layer, and valid frames with bytes changed or cut short. Decoding never throws; an error lies inside the
// input; and whatever decodes re-encodes to exactly the input (anything else is a wrong acceptance).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSync, tallyProblem } from '../testing/fuzz';
import { decodeLeading, decodePacket } from './decode';
import { encodePacket } from './encode';
import type { LayerType } from './layers';
import { layerType, mutatedFrame } from './testing/arbitraries';

const input = fc.oneof(
  fc.tuple(fc.uint8Array({ maxLength: 200 }), layerType),
  fc.tuple(mutatedFrame, fc.constant<LayerType>('ethernet')),
);

function check([bytes, first]: [Uint8Array, LayerType]): string | undefined {
  const r = decodePacket(bytes, first);
  if (!r.ok) return r.error.offset >= 0 && r.error.offset <= bytes.length ? undefined : `error offset ${r.error.offset} outside ${bytes.length} bytes`;
  const again = encodePacket(r.value.layers);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) return 'decoded, but does not re-encode to the same bytes';
  return undefined;
}

/** decodeLeading: the same layers as decodePacket when it decodes; else the layers before the failure, then raw bytes. */
function checkLeading([bytes, first]: [Uint8Array, LayerType]): string | undefined {
  const whole = decodePacket(bytes, first);
  const { layers, failed } = decodeLeading(bytes, first);
  if (whole.ok) return failed === null && JSON.stringify(layers) === JSON.stringify(whole.value.layers) ? undefined : 'decodes whole, but decodeLeading differs';
  if (failed !== whole.error.layer) return `failed as ${failed}, the error names ${whole.error.layer}`;
  const last = layers.at(-1);
  return last?.type === 'raw' && layers.slice(0, -1).every((l) => l.type !== 'raw') ? undefined : 'a failed decode does not end in its raw bytes';
}

describe('fuzzing packet bytes', () => {
  it('decodes hostile bytes as far as they go, ending in the raw bytes of the layer that failed', { timeout: 600_000 }, () => {
    const tally = fuzzSync('packet bytes, leading layers', input, fuzzRuns(1000), 2000, checkLeading);
    expect(tallyProblem(tally)).toBeUndefined();
  });

  it('decodes hostile bytes without a crash, and holds whatever it decodes exactly', { timeout: 600_000 }, () => {
    const tally = fuzzSync('packet bytes', input, fuzzRuns(3000), 2000, check);
    expect(tallyProblem(tally)).toBeUndefined();
  });
});
