// SYN retransmission (Windows: 3 s, then doubling, 3 tries): a connection whose SYN goes unanswered is given up
// 3 + 6 + 12 = 21 s after it opened, not at the first timeout.
import { describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';

const S = 1_000_000;

describe('SYN retransmission', () => {
  it("MuxVM's BGP connection to a BGPVM that is down gives up after 21 s, having tried again at 3 s and 9 s", () => {
    // BGPVM is down from the start (back at 40 s); SQLVM's failure only keeps the run going.
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'BGPVM', at: 0 }, { action: 'restore', target: 'BGPVM', at: 40 * S }, { action: 'fail', target: 'SQLVM', at: 100 * S }] }).result;
    const mux = r.events.filter((e) => e.node === 'MuxVM');
    const opened = mux.find((e) => e.kind === 'bgp-state' && e.state === 'Connect')!;
    const gaveUp = mux.find((e) => e.kind === 'bgp-state' && e.state === 'Active')!;
    expect(opened.time).toBe(0);
    expect(gaveUp.time).toBe(21 * S);
    expect(gaveUp.summary).toContain('TCP to 192.168.100.1 (AS 64647) could not be opened (timeout)');
    // Each try needs BGPVM's MAC first: ARP starts over at 0 s and at the second retransmission, 9 s.
    const firstArpTry = mux.filter((e) => e.time < 21 * S && e.summary === 'MuxVM ARP request: who has 192.168.100.1? (try 1)').map((e) => e.time);
    expect(firstArpTry).toEqual([0, 9 * S]);
  });
});
