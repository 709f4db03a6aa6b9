// The sentence that tells why a DIP was out of rotation, read from the health events alone: which DIP, which
// failure, which verdict and which push of the SLB manager belong to it, at the time asked.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../protocol';
import { nodeId } from '../view/ids';
import { explainDipHealth } from './dipHealth';

const S = 1_000_000;
const RULE = 'portal-https';
const A = '192.168.100.9:443';
const B = '192.168.100.10:443';

let id = 0;
type By = 'host-agent' | 'slb-manager' | 'mux';
const health = (time: number, by: By, dip: string, healthy: boolean, dipNode = dip === A ? 'PortalVM' : 'PortalVM2'): SimEvent => ({
  id: id++,
  time,
  kind: 'dip-health',
  node: nodeId(by === 'host-agent' ? 'HyperVHost' : by === 'slb-manager' ? 'NCVM' : 'MuxVM'),
  summary: `${dip} ${healthy ? 'up' : 'down'}`,
  by,
  rule: RULE,
  dip,
  dipNode,
  healthy,
  probes: 11,
});
const failed = (time: number, node: string): SimEvent => ({ id: id++, time, kind: 'node-failed', node: nodeId(node), summary: `${node} fails` });
/** The POC's story: PortalVM fails at 1 s, the host agent gives up on it at 60.5 s, the manager pushes at 60.55 s, the MUX takes it at 60.6 s. */
const down = (dip: string, t0: number): SimEvent[] => [health(t0, 'host-agent', dip, false), health(t0 + 0.05 * S, 'slb-manager', dip, false), health(t0 + 0.1 * S, 'mux', dip, false)];
const up = (dip: string, t0: number): SimEvent[] => [health(t0, 'host-agent', dip, true), health(t0 + 0.05 * S, 'slb-manager', dip, true), health(t0 + 0.1 * S, 'mux', dip, true)];

const PORTAL_DOWN = "PortalVM failed at 1 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192.168.100.9:443 down at 60.5 s; the SLB manager (NCVM) took it out of MuxVM's rotation for rule portal-https at 60.6 s";

describe('explainDipHealth', () => {
  it('tells the failure, the verdict and the MUX taking the DIP out, with their times', () => {
    const events = [failed(1 * S, 'PortalVM'), ...down(A, 60.5 * S)];
    expect(explainDipHealth(events, 61 * S)).toBe(PORTAL_DOWN);
  });

  it('says nothing while every DIP is in rotation: before the MUX takes it out, or with no health change at all', () => {
    const events = [failed(1 * S, 'PortalVM'), ...down(A, 60.5 * S)];
    expect(explainDipHealth([failed(1 * S, 'PortalVM')], 61 * S)).toBeUndefined();
    // The host agent and the manager have decided, but the MUX has not taken the new list yet.
    expect(explainDipHealth(events, 60.55 * S)).toBeUndefined();
    expect(explainDipHealth(events, 60.6 * S - 1)).toBeUndefined();
    // At the very microsecond the MUX takes it, it is out.
    expect(explainDipHealth(events, 60.6 * S)).toBe(PORTAL_DOWN);
  });

  it('says nothing once the DIP is back in rotation, and tells the second failure by its own times', () => {
    const events = [failed(1 * S, 'PortalVM'), ...down(A, 60.5 * S), ...up(A, 150.5 * S), failed(200 * S, 'PortalVM'), ...down(A, 260.5 * S)];
    expect(explainDipHealth(events, 100 * S)).toBe(PORTAL_DOWN);
    expect(explainDipHealth(events, 160 * S)).toBeUndefined();
    expect(explainDipHealth(events, 261 * S)).toBe(
      "PortalVM failed at 200 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192.168.100.9:443 down at 260.5 s; the SLB manager (NCVM) took it out of MuxVM's rotation for rule portal-https at 260.6 s",
    );
  });

  it('one sentence per DIP out, each with its own node, verdict and time', () => {
    // B's verdict comes between A's verdict and the MUX taking A out: it must not be told as A's.
    const events = [
      failed(1 * S, 'PortalVM'),
      failed(2 * S, 'PortalVM2'),
      health(60.5 * S, 'host-agent', A, false),
      health(60.52 * S, 'host-agent', B, false),
      health(60.55 * S, 'slb-manager', A, false),
      health(60.57 * S, 'slb-manager', B, false),
      health(60.6 * S, 'mux', A, false),
      health(60.62 * S, 'mux', B, false),
    ];
    expect(explainDipHealth(events, 61 * S)).toBe(
      `${PORTAL_DOWN}. PortalVM2 failed at 2 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192.168.100.10:443 down at 60.52 s; ` +
        "the SLB manager (NCVM) took it out of MuxVM's rotation for rule portal-https at 60.62 s",
    );
  });

  it('a DIP taken out with no failure, no verdict and no push seen tells only what the MUX did', () => {
    // The manager's push that comes after the MUX's change is not the one that caused it.
    const events = [health(60.6 * S, 'mux', A, false), health(61 * S, 'slb-manager', A, false)];
    expect(explainDipHealth(events, 62 * S)).toBe("the SLB manager took it out of MuxVM's rotation for rule portal-https at 60.6 s");
  });

  it('a failure, a verdict, a push and the MUX change in one microsecond still belong together', () => {
    const t = 60 * S;
    const events = [failed(t, 'PortalVM'), health(t, 'host-agent', A, false), health(t, 'slb-manager', A, false), health(t, 'mux', A, false)];
    expect(explainDipHealth(events, t)).toBe(
      "PortalVM failed at 60 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192.168.100.9:443 down at 60 s; the SLB manager (NCVM) took it out of MuxVM's rotation for rule portal-https at 60 s",
    );
  });

  it('another node failing is not the DIP failing', () => {
    const events = [failed(1 * S, 'PortalVM'), failed(5 * S, 'SQLVM'), ...down(A, 60.5 * S)];
    expect(explainDipHealth(events, 61 * S)).toBe(PORTAL_DOWN);
  });
});
