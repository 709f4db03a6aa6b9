import { describe, expect, it } from 'vitest';
import { splitAlias } from './netTitle';

describe('splitAlias', () => {
  it('splits the alias in brackets off the end of a title', () => {
    expect(splitAlias('Management 192.168.100.0/24 ("vEthernet 1001")')).toEqual(['Management 192.168.100.0/24', '("vEthernet 1001")']);
  });

  it('leaves a title without one whole', () => {
    expect(splitAlias('Transit 192.168.200.0/24')).toEqual(['Transit 192.168.200.0/24', undefined]);
    expect(splitAlias('Provider addresses 192.168.233.0/24 (VXLAN underlay) and more')).toEqual(['Provider addresses 192.168.233.0/24 (VXLAN underlay) and more', undefined]);
  });

  it('keeps a title that is only brackets whole, and takes only the last pair', () => {
    expect(splitAlias('(lab)')).toEqual(['(lab)', undefined]);
    expect(splitAlias('Storage (east) (10.0.0.0/8)')).toEqual(['Storage (east)', '(10.0.0.0/8)']);
  });
});
