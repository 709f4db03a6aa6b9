import { describe, expect, it } from 'vitest';
import { tagBoxOf, widestTag } from './tagYield';
import { tagBox, tagText, tagWidth } from '../diagram/vlanTag';

describe('widestTag', () => {
  const text = { full: 'VLAN 1002', short: '1002' };
  it('is the full text at its widest where it fits between every two wires', () => {
    expect(widestTag(Infinity, 1.75)).toBe(tagWidth('VLAN 4094', 1.75));
    expect(widestTag(tagWidth('VLAN 4094', 1) + 15, 1)).toBe(tagWidth('VLAN 4094', 1));
  });
  it('is the short text where no full text fits, and never narrower than a tag drawn', () => {
    expect(widestTag(40, 1.75)).toBe(tagWidth('4094', 1.75));
    // Drawn "1002" where the wires are 70 units apart at the largest text: the tag's box is as wide as that.
    expect(tagText(text, 70, 1.75)).toBe('1002');
    expect(widestTag(70, 1.75)).toBe(tagWidth('1002', 1.75));
    // A room a shorter full text ("VLAN 5") would fit in: as wide as that room leaves.
    expect(tagText({ full: 'VLAN 5', short: '5' }, 120, 1.75)).toBe('VLAN 5');
    expect(widestTag(120, 1.75)).toBe(105);
  });
  it('tagBoxOf is tagBox at a given width', () => {
    expect(tagBoxOf(10, 100, false, tagWidth('1002', 1.5), 1.5)).toEqual(tagBox(10, 100, false, '1002', 1.5));
  });
});
