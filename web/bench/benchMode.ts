// The benchmark's page modes, from the URL: ?bench=app or ?bench=bare, with &vms=N for a generated
// topology (the POC when absent), used by scripts/bench-frames.mjs; ?bench=seq (the app with the sequence
// diagram of a run of thousands of frames) and ?bench=seqbare&frames=N&lanes=L (a bare d3 drawing of as
// many arrows), used by scripts/bench-sequence.mjs; ?bench=reload, the app opening again what an earlier
// ?bench=app page kept (its topology, flow and step), used by scripts/bench-frames.mjs.
export interface BenchMode {
  readonly kind: 'app' | 'bare' | 'seq' | 'seqbare' | 'reload';
  /** 0: the POC; else the generated topology's VM count. */
  readonly vms: number;
  /** seqbare: how many arrows, in how many lanes. */
  readonly frames?: number;
  readonly lanes?: number;
}

const wholeIn = (text: string | null, min: number, max: number, fallback: number) => {
  const n = Number(text ?? fallback);
  return Number.isInteger(n) && n >= min ? Math.min(n, max) : fallback;
};

export function benchMode(search: string): BenchMode | undefined {
  const p = new URLSearchParams(search);
  const kind = p.get('bench');
  if (kind === 'seq' || kind === 'reload') return { kind, vms: 0 };
  if (kind === 'seqbare') return { kind, vms: 0, frames: wholeIn(p.get('frames'), 1, 100_000, 5000), lanes: wholeIn(p.get('lanes'), 2, 100, 12) };
  if (kind !== 'app' && kind !== 'bare') return undefined;
  const vms = Number(p.get('vms') ?? 0);
  return { kind, vms: Number.isInteger(vms) && vms >= 2 ? Math.min(vms, 20_000) : 0 };
}
