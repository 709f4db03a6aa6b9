import { describe, expect, it } from 'vitest';
import { arpReply, arpRequest, bgpSession, dnsQuery, dnsResponse, synAckAtClient, synAtClient, vxlanSyn } from '../../src-engine/packets/samples';
import { tokenLabel } from './tokenLabel';

describe('tokenLabel', () => {
  it('names each frame of the canonical flow', () => {
    expect(tokenLabel(arpRequest())).toBe('ARP who-has');
    expect(tokenLabel(arpReply())).toBe('ARP reply');
    expect(tokenLabel(dnsQuery())).toBe('DNS query');
    expect(tokenLabel(dnsResponse())).toBe('DNS answer');
    expect(tokenLabel(synAtClient())).toBe('TCP SYN');
    expect(tokenLabel(synAckAtClient())).toBe('TCP SYN-ACK');
    expect(tokenLabel(vxlanSyn())).toBe('TCP SYN');
    expect(tokenLabel(bgpSession().find((l) => l.some((x) => x.type === 'bgp' && x.message.kind === 'open'))!)).toBe('BGP OPEN');
  });
});
