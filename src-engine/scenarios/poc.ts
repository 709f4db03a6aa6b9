// The default scenario: the Azure Stack TP1 POC network as the reference describes it (section 3).
// Marks and source keys follow the reference; S-numbers are its source list.
import type { Provenance, TopologyDocument } from '../topology/schema';

const documented = (source: string): Provenance => ({ mark: 'documented', source });
const blog: Provenance = { mark: 'blog', source: 'the 2016 blog post' };
const inferred = (source: string): Provenance => ({ mark: 'inferred', source });
const illustrative: Provenance = { mark: 'illustrative', source: 'no source found; a plausible value chosen by Hoplab' };
/** Hyper-V MACs start 00:15:5D; the rest of each MAC is illustrative. */
const macProv = inferred('Hyper-V OUI 00:15:5D; the last three bytes are illustrative');

const mgmtGw = '192.168.100.1';

/** Ethernet's MTU: nothing says TP1 changed it on the infrastructure networks. */
const ethernetMtu = inferred("Ethernet's 1500 bytes (RFC 894); no source says TP1 changed it");
/**
 * The PA network carries VXLAN, so Microsoft's SDN wants room for the encapsulation: microsoft/SdnDiagnostics,
 * Test-SdnEncapOverhead (src/modules/SdnDiag.Health.psm1) expects EncapOverhead 160 or JumboPacket 1674
 * ("default 1514 MTU + 160 encap overhead") on the host adapters; a 1674-byte frame holds a 1660-byte IPv4 packet.
 */
const paMtu = documented('S17: SdnDiagnostics Test-SdnEncapOverhead, EncapOverhead 160 / JumboPacket 1674 = 1514 + 160; 1674 - 14 (Ethernet) = 1660');

/** A VM with one NIC on the management scope, default route via BGPVM. */
function mgmtVm(id: string, role: string, host: number, prov: Provenance, addressProv: Provenance = prov) {
  return {
    id,
    kind: 'vm' as const,
    role,
    interfaces: [
      {
        id: 'eth0',
        mac: `00:15:5d:64:00:${host.toString(16).padStart(2, '0')}`,
        address: `192.168.100.${host}/24`,
        network: 'mgmt',
        prov: addressProv,
        fieldProv: { mac: macProv },
      },
    ],
    routes: [{ prefix: '0.0.0.0/0', via: mgmtGw, prov: documented('S3: gateway 192.168.100.1') }],
    dnsServer: '192.168.100.2',
    prov,
  };
}

export const POC_TOPOLOGY: TopologyDocument = {
  schema: 'hoplab/topology@1',
  name: 'Azure Stack TP1 POC',
  description:
    'One Hyper-V host whose CCI_External_vSwitch joins the management, transit and PA networks; the SLB MUX announces VIPs to BGPVM over BGP.',
  networks: [
    {
      id: 'mgmt',
      label: 'Management 192.168.100.0/24 ("vEthernet 1001")',
      prefix: '192.168.100.0/24',
      kind: 'management',
      vlan: 1001,
      gateway: '192.168.100.1',
      description: 'Infrastructure VMs. DNS 192.168.100.2 (ADVM).',
      mtu: 1500,
      prov: documented('S3, S8'),
      fieldProv: { label: blog, vlan: { mark: 'illustrative', source: 'hinted by "vEthernet 1001"' }, mtu: ethernetMtu },
    },
    {
      id: 'transit',
      label: 'Transit 192.168.200.0/24',
      prefix: '192.168.200.0/24',
      kind: 'transit',
      vlan: 1002,
      description: "NATVM's inside, BGPVM's second arm, ClientVM; TP1 VPN clients got .201-.230.",
      mtu: 1500,
      prov: documented('S4'),
      fieldProv: { vlan: illustrative, mtu: ethernetMtu },
    },
    {
      id: 'vip',
      label: 'VIP pool 192.168.133.0/24',
      prefix: '192.168.133.0/24',
      kind: 'vip',
      description: 'Load-balanced service addresses: they exist only as /32 BGP routes, on no interface.',
      prov: inferred('S2, S4 and the blog'),
    },
    {
      id: 'pa',
      label: 'Provider addresses 192.168.233.0/24 (VXLAN underlay)',
      prefix: '192.168.233.0/24',
      kind: 'pa',
      vlan: 1003,
      description: "The host's PA and the MUX's PA; VXLAN packets between them never leave the host. MTU 1660: room for the encapsulation around a full 1500-byte packet, as Microsoft's SDN checks for.",
      mtu: 1660,
      prov: blog,
      fieldProv: { prefix: { mark: 'illustrative', source: 'host PA 192.168.233.21 is from the blog; the prefix length is ours' }, vlan: illustrative, mtu: paMtu },
    },
    {
      id: 'outside',
      label: 'Outside LAN 10.0.0.0/24',
      prefix: '10.0.0.0/24',
      kind: 'outside',
      gateway: '10.0.0.1',
      description: "NATVM's external side and the host's uplink.",
      mtu: 1500,
      prov: illustrative,
      fieldProv: { mtu: ethernetMtu },
    },
  ],
  switch: {
    id: 'CCI_External_vSwitch',
    host: 'HyperVHost',
    aliases: ['CCI_External'],
    vfp: true,
    prov: documented('S8; the blog writes "CCI_External"'),
    fieldProv: { vfp: documented('S5, S10, S12') },
  },
  nodes: [
    {
      id: 'HyperVHost',
      kind: 'host',
      role: 'Hyper-V host: runs every VM; its switch holds VFP, the SLB host agent and the NC host agent',
      interfaces: [
        { id: 'uplink', mac: '00:15:5d:0a:00:0a', address: '10.0.0.10/24', network: 'outside', prov: illustrative },
        { id: 'pa', mac: '00:15:5d:e9:00:15', address: '192.168.233.21/24', network: 'pa', prov: blog, fieldProv: { mac: macProv } },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: '10.0.0.1', prov: illustrative }],
      prov: documented('S2, S5'),
    },
    mgmtVm('ADVM', 'Active Directory, DNS (zone AzureStack.local), DHCP', 2, documented('S3, S8')),
    {
      id: 'BGPVM',
      kind: 'vm',
      role: 'RRAS router and BGP speaker, two-armed: the top-of-rack stand-in',
      interfaces: [
        { id: 'mgmt', mac: '00:15:5d:64:00:01', address: '192.168.100.1/24', network: 'mgmt', prov: inferred('the management gateway (S3) is BGPVM, the router between the scopes'), fieldProv: { mac: macProv } },
        { id: 'transit', mac: '00:15:5d:c8:00:02', address: '192.168.200.2/24', network: 'transit', prov: illustrative },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: '192.168.200.1', prov: illustrative }],
      forwarding: true,
      prov: blog,
    },
    {
      id: 'NATVM',
      kind: 'vm',
      role: 'RRAS NAT (NAPT) to the outside; the TP1 VPN server',
      interfaces: [
        { id: 'inside', mac: '00:15:5d:c8:00:01', address: '192.168.200.1/24', network: 'transit', prov: documented('S4'), fieldProv: { mac: macProv } },
        { id: 'outside', mac: '00:15:5d:0a:00:14', address: '10.0.0.20/24', network: 'outside', prov: illustrative },
      ],
      routes: [
        { prefix: '0.0.0.0/0', via: '10.0.0.1', prov: illustrative },
        { prefix: '192.168.100.0/24', via: '192.168.200.2', prov: illustrative },
        { prefix: '192.168.133.0/24', via: '192.168.200.2', prov: illustrative },
      ],
      forwarding: true,
      prov: documented('S4'),
    },
    {
      id: 'ClientVM',
      kind: 'vm',
      role: 'Admin jump box: opens the portal',
      interfaces: [
        { id: 'eth0', mac: '00:15:5d:c8:00:0a', address: '192.168.200.10/24', network: 'transit', prov: illustrative },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: '192.168.200.1', prov: blog }],
      dnsServer: '192.168.100.2',
      prov: blog,
    },
    {
      id: 'MuxVM',
      kind: 'vm',
      role: 'SLB multiplexer: announces VIPs over BGP, encapsulates VIP traffic in VXLAN to the DIP host',
      interfaces: [
        { id: 'mgmt', mac: '00:15:5d:64:00:06', address: '192.168.100.6/24', network: 'mgmt', prov: illustrative },
        { id: 'pa', mac: '00:15:5d:e9:00:06', address: '192.168.233.6/24', network: 'pa', prov: illustrative },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: mgmtGw, interface: 'mgmt', prov: illustrative }],
      dnsServer: '192.168.100.2',
      prov: documented('S10, S12'),
    },
    mgmtVm('NCVM', 'Network Controller (SLB manager)', 5, documented('S5, S10'), illustrative),
    { ...mgmtVm('PortalVM', 'Azure Resource Manager and the portal: the DIP behind the portal VIP', 9, blog, illustrative), listens: [443] },
    mgmtVm('ACSVM', 'Storage services', 3, documented('S5'), illustrative),
    mgmtVm('SQLVM', 'SQL Server for the fabric services', 4, documented('S5'), illustrative),
    mgmtVm('xRPVM', 'Compute, network and storage resource providers', 7, documented('S5'), illustrative),
  ],
  dns: {
    server: 'ADVM',
    zone: 'azurestack.local',
    records: [
      { name: 'portal.azurestack.local', address: '192.168.133.74', prov: blog, fieldProv: { server: inferred('S3, S5') } },
    ],
  },
  slb: {
    muxes: ['MuxVM'],
    vni: 4096,
    paInterface: { MuxVM: 'pa', HyperVHost: 'pa' },
    rules: [
      {
        name: 'portal-https',
        vip: '192.168.133.74',
        protocol: 'tcp',
        port: 443,
        dips: [{ address: '192.168.100.9', port: 443, host: 'HyperVHost' }],
        probe: {
          protocol: 'tcp',
          port: 443,
          intervalInSeconds: 5,
          numberOfProbes: 11,
          prov: documented('S10: the host agent on the DIP host probes the DIP (TCP or HTTP)'),
          fieldProv: {
            port: illustrative,
            intervalInSeconds: documented('S15 example'),
            numberOfProbes: documented('S15 (2016) example; the cmdlet reference uses 8'),
          },
        },
        prov: documented('rule shape S10, S15'),
        fieldProv: { port: illustrative, vip: blog },
      },
    ],
    extraVips: ['192.168.133.1'],
    outboundNat: [
      {
        name: 'portal-outbound',
        vip: '192.168.133.74',
        dips: [{ address: '192.168.100.9', host: 'HyperVHost' }],
        ports: [10000, 10999],
        prov: { mark: 'illustrative', source: 'rule shape S15; TP1 having one is not documented' },
      },
    ],
    manager: 'NCVM',
    prov: documented('S10, S12'),
    fieldProv: { manager: documented('S10'), vni: { mark: 'illustrative', source: '4096 is the lowest valid VSID (S12)' }, extraVips: illustrative },
  },
  bgp: {
    holdTime: 180,
    keepalive: 60,
    speakers: [
      {
        node: 'MuxVM',
        asn: 64628,
        routerId: '192.168.100.6',
        peers: [{ address: '192.168.100.1', asn: 64647 }],
        initiates: true,
        prov: { mark: 'illustrative', source: 'ASNs from the SDN Express sample (S16)' },
      },
      {
        node: 'BGPVM',
        asn: 64647,
        routerId: '192.168.100.1',
        peers: [{ address: '192.168.100.6', asn: 64628 }],
        prov: { mark: 'illustrative', source: 'ASNs from the SDN Express sample (S16)' },
      },
    ],
    prov: documented('hold time S18; 2-byte ASN S13'),
    fieldProv: { keepalive: inferred('a third of the hold time, the most RFC 4271 section 4.4 suggests, source S19; no source gives the Windows default') },
  },
  nat: [{ node: 'NATVM', inside: 'inside', outside: 'outside', prov: inferred('RRAS NAT translates only across its boundary interface') }],
  knobs: { icmpRedirects: false },
};
