import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../../src-engine/scenarios/poc';
import { freeAddress, freeMac, freeName } from './suggest';

describe('editor suggestions', () => {
  it('finds the next free name, address and MAC in the POC', () => {
    expect(freeName(POC_TOPOLOGY, 'MuxVM')).toBe('MuxVM2');
    expect(freeName(POC_TOPOLOGY, 'WebVM')).toBe('WebVM');
    expect(freeAddress(POC_TOPOLOGY, 'mgmt')).toBe('192.168.100.20/24');
    expect(freeAddress(POC_TOPOLOGY, 'mgmt', 1)).toBe('192.168.100.8/24');
    expect(freeAddress(POC_TOPOLOGY, 'pa', 6)).toBe('192.168.233.7/24');
    expect(freeAddress(POC_TOPOLOGY, 'nope')).toBe('');
    expect(freeMac(POC_TOPOLOGY)).toBe('00:15:5d:64:00:10');
  });
});
