import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { linkVlanText, networkVlan } from './vlan';

const net = (id: string) => POC_TOPOLOGY.networks.find((n) => n.id === id)!;

describe('networkVlan', () => {
  it("shows the POC scopes' VLAN ids with their own mark (illustrative: the reference knows none), not the network's", () => {
    const mgmt = networkVlan(net('mgmt'));
    expect(mgmt.text).toBe('VLAN 1001');
    expect(mgmt.prov?.mark).toBe('illustrative');
    expect(net('mgmt').prov.mark).not.toBe('illustrative');
    expect(networkVlan(net('transit'))).toMatchObject({ text: 'VLAN 1002', prov: { mark: 'illustrative' } });
  });

  it('says the VIP pool has no VLAN (it is on no port), and a port group with no id is untagged', () => {
    const vip = POC_TOPOLOGY.networks.find((n) => n.kind === 'vip')!;
    expect(networkVlan(vip)).toEqual({ text: 'no VLAN', title: expect.stringMatching(/no switch port/) });
    expect(networkVlan({ kind: 'outside', prov: { mark: 'illustrative' } }).text).toBe('untagged');
    expect(linkVlanText(net('mgmt'))).toBe('access port, VLAN 1001 (illustrative)');
    expect(linkVlanText(undefined)).toBe('untagged');
  });
});
