// The runs lessons use. Every lesson runs on the POC topology with the default seed.
import type { RunRequest } from '../../protocol';

/** ClientVM opens https://portal.azurestack.local: DNS, then TCP to the VIP through the MUX. */
export const PORTAL_REQUEST: RunRequest = { from: 'ClientVM', to: 'https://portal.azurestack.local' };
