// The one source of randomness in the engine: a seeded generator handed down explicitly, so that
// the same seed gives the same ports, sequence numbers and hashes, hence the same bytes.

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A uniform number in [0, 1). */
  unit(): number;
}

/**
 * The stream of one device: derived from the run's seed and the device's id alone, so what a device draws
 * (ClientVM's ports, its ISNs, its DNS ids) does not change when another device is added or draws more.
 */
export function createDeviceRng(seed: number, deviceId: string): Rng {
  // FNV-1a over the id's UTF-16 code units, then one splitmix32 round over seed and hash.
  let h = 0x811c9dc5;
  for (let i = 0; i < deviceId.length; i++) h = Math.imul(h ^ deviceId.charCodeAt(i), 0x01000193);
  let z = ((seed >>> 0) ^ Math.imul(h >>> 0, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return createRng((z ^ (z >>> 16)) >>> 0);
}

/** mulberry32: small, fast, and good enough for ports and initial sequence numbers. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    nextU32,
    int: (min, max) => min + (nextU32() % (max - min + 1)),
    unit: () => nextU32() / 4294967296,
  };
}
