// Shared by the run tests: the POC, validated once, and a run that must succeed.
import type { RunRequest } from '../protocol';
import { POC_TOPOLOGY } from '../scenarios/poc';
import type { Topology } from '../topology/schema';
import { parseTopology } from '../topology/validate';
import { simulate, type SimRun } from './simulate';

export function pocTopology(): Topology {
  const t = parseTopology(POC_TOPOLOGY);
  if (!t.ok) throw new Error(t.error.map((e) => e.message).join('\n'));
  return t.value;
}

export function runPoc(request: Partial<RunRequest> = {}): SimRun {
  const r = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
