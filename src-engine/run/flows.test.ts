// Many untraced flows in one run (what the benchmark runs): each connection's handshake counted, the run ending
// 2 s after the last flow starts, progress reported every 65,536 events without stopping the run, and a flow from no
// node refused.
import { describe, expect, it } from 'vitest';
import { ipToU32 } from '../net/addr';
import { pocTopology } from './fixtures';
import { runFlows } from './flows';

const S = 1_000_000;
const VIP = ipToU32('192.168.133.74');

describe('many flows in one run', () => {
  it('establishes each connection, untraced, and stops 2 s after the last one started', () => {
    const flows = [
      { from: 'ClientVM', to: VIP, port: 443, at: 1 * S },
      { from: 'ClientVM', to: VIP, port: 443, at: 3 * S },
      // The MUX has no rule for port 80 of the VIP: no answer, so ClientVM sends the SYN again 3 s later.
      { from: 'ClientVM', to: VIP, port: 80, at: 2 * S },
    ];
    const r = runFlows(pocTopology(), flows, 1, { full: true });
    expect(r.established).toBe(2);
    expect(r.world.ctx.sched.now).toBe(5 * S);
    expect(r.events).toBe(r.world.ctx.sched.processed);
    // Without ICMP redirects, whatever the topology's knob: every SYN goes by NATVM, as ClientVM's route says.
    expect(r.world.ctx.rec.events.filter((e) => e.summary.includes('ICMP redirect'))).toEqual([]);
    const syns = r.world.ctx.rec.transmissions.filter((t) => t.fromNode === 'ClientVM' && / -> 192\.168\.133\.74:\d+ TCP SYN /.test(t.summary));
    // Untraced: no flow id on any frame.
    expect(syns.map((t) => [Math.floor(t.time / S), t.summary.split(' ')[2], t.flowId])).toEqual([
      [1, '192.168.133.74:443', undefined],
      [2, '192.168.133.74:80', undefined],
      [3, '192.168.133.74:443', undefined],
      [5, '192.168.133.74:80', undefined],
    ]);
  });

  it('calls back every 65,536 events, and not without a callback', () => {
    const flows = Array.from({ length: 40 }, (_, i) => ({ from: 'ClientVM', to: VIP, port: 443, at: 1 * S + i * 1000 }));
    let calls = 0;
    const r = runFlows(pocTopology(), flows, 1, { full: false }, () => void calls++);
    expect(r.established).toBe(40);
    expect(calls).toBe(Math.floor(r.events / 0x10000));
  });

  it('goes on to the end after each callback: 3,200 flows, about 67,000 events, one call', () => {
    // About 21 events a connection: 3,200 of them pass 65,536 once.
    const flows = Array.from({ length: 3200 }, (_, i) => ({ from: 'ClientVM', to: VIP, port: 443, at: 1 * S + i * 100 }));
    let calls = 0;
    const r = runFlows(pocTopology(), flows, 1, { full: false }, () => void calls++);
    expect(calls).toBe(1);
    expect(r.events).toBeGreaterThan(0x10000);
    expect(r.established).toBe(3200);
    expect(r.world.ctx.sched.now).toBe(flows.at(-1)!.at + 2 * S);
  });

  it('refuses a flow from a node the topology does not have', () => {
    expect(() => runFlows(pocTopology(), [{ from: 'Nowhere', to: VIP, port: 443, at: 0 }], 1, { full: false })).toThrow('runFlows: no node Nowhere');
  });
});
