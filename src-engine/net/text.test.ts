import { describe, expect, it } from 'vitest';
import { dnsNameProblem, isDnsName } from './dnsName';
import { neutralizeBidi, unsafeCharacter } from './text';

describe('unsafeCharacter', () => {
  it('names bidi controls and invisible characters, and passes ordinary text', () => {
    expect(unsafeCharacter('Management 192.168.100.0/24 ("vEthernet 1001")')).toBeUndefined();
    expect(unsafeCharacter('Zürich – 東京\tline')).toBeUndefined();
    expect(unsafeCharacter('abc\u202Edef')).toContain('U+202E');
    expect(unsafeCharacter('a\u2066b')).toContain('bidirectional');
    expect(unsafeCharacter('a\u0000b')).toContain('U+0000');
    expect(unsafeCharacter('a\u200Bb')).toContain('U+200B');
  });

  it('neutralises every bidi control for display', () => {
    expect(neutralizeBidi('x\u202Eabc\u202Cy\u200F')).toBe('x\uFFFDabc\uFFFDy\uFFFD');
  });
});

describe('DNS names (RFC 1035 lengths)', () => {
  it('accepts names up to 63-character labels and 253 characters', () => {
    expect(isDnsName('portal.azurestack.local')).toBe(true);
    expect(isDnsName('portal.azurestack.local.')).toBe(true);
    expect(isDnsName(`${'a'.repeat(63)}.local`)).toBe(true);
    const long = Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.') + '.b'; // 4*62 + 3 + 2 = 253
    expect(long.length).toBe(253);
    expect(isDnsName(long)).toBe(true);
  });

  it('rejects long labels, long names, bad characters and numeric last labels, saying why', () => {
    expect(dnsNameProblem(`${'a'.repeat(64)}.local`)).toContain('at most 63');
    expect(dnsNameProblem(`${Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.')}.bc`)).toContain('at most 253');
    expect(dnsNameProblem('a..b')).toContain('empty label');
    expect(dnsNameProblem('-a.b')).toContain('hyphen');
    expect(dnsNameProblem('a_b.c')).toContain('letters, digits and hyphens');
    expect(dnsNameProblem('0.0.74')).toContain('all digits');
    expect(dnsNameProblem('')).toBe('it is empty');
  });
});
