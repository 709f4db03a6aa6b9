// The example topology files the site ships in public/examples/, built from the POC with the editor's own
// edits, so an example is exactly what a teacher could make in the app. scripts/write-examples.ts writes
// them; a test checks the files still match and validate against the published JSON Schema.
import { applyEdit, type TopologyEdit } from '../view/edits';
import type { TopologyDocument } from '../topology/schema';
import { POC_TOPOLOGY } from './poc';

export interface Example {
  /** File name in public/examples/. */
  readonly file: string;
  readonly title: string;
  readonly doc: TopologyDocument;
}

function edited(doc: TopologyDocument, name: string, description: string, edits: readonly TopologyEdit[]): TopologyDocument {
  let out = doc;
  for (const e of edits) {
    const r = applyEdit(out, e);
    if (!r.ok) throw new Error(`example "${name}": ${r.message}`);
    out = r.doc;
  }
  return { ...out, name, description };
}

const tenantVm = (n: number): TopologyEdit => ({
  type: 'add-vm',
  id: `TenantWeb${n}`,
  role: `Tenant web server ${n}: one DIP of the tenant VIP's pool`,
  network: 'mgmt',
  address: `192.168.100.${20 + n}/24`,
  mac: `00:15:5d:64:00:${(0x20 + n).toString(16)}`,
  listens: [80],
});

export function examples(): readonly Example[] {
  return [
    { file: 'poc.json', title: 'The Azure Stack TP1 POC', doc: POC_TOPOLOGY },
    {
      file: 'poc-two-muxes.json',
      title: 'The POC with a second MUX',
      doc: edited(POC_TOPOLOGY, 'Azure Stack TP1 POC, two MUXes', 'The POC with a second SLB MUX (MuxVM2), peered with BGPVM and announcing the same VIPs: BGPVM holds two equal routes per VIP.', [
        { type: 'add-mux', id: 'MuxVM2', mgmtAddress: '192.168.100.8', paAddress: '192.168.233.8' },
      ]),
    },
    {
      file: 'poc-tenant-vip.json',
      title: 'The POC with a tenant VIP and three DIPs',
      doc: edited(
        POC_TOPOLOGY,
        'Azure Stack TP1 POC, tenant VIP with three DIPs',
        'The POC with a tenant web VIP 192.168.133.80:80 load-balanced over three DIPs (TenantWeb1-3): open 192.168.133.80:80 from ClientVM and the MUX hashes the 5-tuple to pick one.',
        [
          tenantVm(1),
          tenantVm(2),
          tenantVm(3),
          {
            type: 'add-rule',
            rule: {
              name: 'tenant-web',
              vip: '192.168.133.80',
              protocol: 'tcp',
              port: 80,
              dips: [1, 2, 3].map((n) => ({ address: `192.168.100.${20 + n}`, port: 80, host: 'HyperVHost' })),
            },
          },
        ],
      ),
    },
  ];
}

/** The file as written: the document naming its schema first, two-space indented. */
export function exampleFileText(doc: TopologyDocument, schemaUrl: string): string {
  return `${JSON.stringify({ $schema: schemaUrl, ...doc }, null, 2)}\n`;
}
