// The engine's lists in sentences: "A, B and C", no comma before "and", as every explanation has written them.
import { describe, expect, it } from 'vitest';
import { andList } from './prose';

describe('andList', () => {
  it('joins with commas and a last "and", no serial comma; one item alone, none empty', () => {
    expect(andList([])).toBe('');
    expect(andList(['ADVM'])).toBe('ADVM');
    expect(andList(['ADVM', 'SQLVM'])).toBe('ADVM and SQLVM');
    expect(andList(['ADVM', 'SQLVM', 'PortalVM'])).toBe('ADVM, SQLVM and PortalVM');
    expect(andList(['the rest of Certificate', 'ServerHello, again', 'the start of ServerHelloDone', 'x'])).toBe('the rest of Certificate, ServerHello, again, the start of ServerHelloDone and x');
  });

  it('reads any iterable once, and keeps the items as they are', () => {
    expect(andList(new Set(['a', 'b', 'c']))).toBe('a, b and c');
    expect(andList(['  spaced  ', ''])).toBe('  spaced   and ');
  });
});
