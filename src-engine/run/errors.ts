// The run's own error codes and messages (the topology's are in ../errors.ts); each says what to do.
import type { EngineError } from '../protocol';

export const RUN_ERRORS = {
  'unknown-node': 'Use the id of a node in the loaded topology (e.g. ClientVM).',
  'bad-destination': 'Give a node name (PortalVM), an IPv4 address (192.168.133.74 or 192.168.133.74:443), a DNS name (portal.azurestack.local) or an http(s) URL (https://portal.azurestack.local).',
  'bad-what-if': 'A what-if target is a node id ("MuxVM") or a link "NodeId:interfaceId" ("MuxVM:mgmt"), at a time of 0 or more microseconds.',
  'no-run': 'Run a flow first; tables and captures come from the last run.',
  'capture-failed': 'The capture could not be written.',
} as const;

export type RunErrorCode = keyof typeof RUN_ERRORS;

export function runError(code: RunErrorCode, detail: string): EngineError {
  return { code, message: `${detail}. ${RUN_ERRORS[code]}` };
}
