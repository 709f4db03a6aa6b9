// The one source of randomness in the engine: a seeded generator handed down explicitly, so that
// the same seed gives the same ports, sequence numbers and hashes, hence the same bytes.

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
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
  };
}
