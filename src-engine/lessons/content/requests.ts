// The runs lessons use. Every lesson runs on the POC topology, with its seed written out so the run, and
// every value a chapter binds to, is the same on every machine.
import type { RunRequest } from '../../protocol';

/** ClientVM opens https://portal.azurestack.local: DNS, then TCP to the VIP through the MUX. */
export const PORTAL_REQUEST: RunRequest = { from: 'ClientVM', to: 'https://portal.azurestack.local', seed: 1 };
