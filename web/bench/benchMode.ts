// The benchmark's page modes, from the URL: ?bench=app or ?bench=bare, with &vms=N for a generated
// topology (the POC when absent). Used only by scripts/bench-frames.mjs.
export interface BenchMode {
  readonly kind: 'app' | 'bare';
  /** 0: the POC; else the generated topology's VM count. */
  readonly vms: number;
}

export function benchMode(search: string): BenchMode | undefined {
  const p = new URLSearchParams(search);
  const kind = p.get('bench');
  if (kind !== 'app' && kind !== 'bare') return undefined;
  const vms = Number(p.get('vms') ?? 0);
  return { kind, vms: Number.isInteger(vms) && vms >= 2 ? Math.min(vms, 20_000) : 0 };
}
