import { describe, expect, it } from 'vitest';
import { DISPOSITION_LABEL, DISPOSITIONS, dispositionShort, isDisposition } from './dispositions';

describe('dispositions', () => {
  it('each has a label, and a short form without its "failed:" or "stopped:"', () => {
    expect(DISPOSITIONS.map(dispositionShort)).toEqual(DISPOSITIONS.map((d) => DISPOSITION_LABEL[d].replace(/^(failed|stopped): /, '')));
    expect(['delivered', 'no-route', 'bad-checksum', 'budget-exceeded'].map((d) => dispositionShort(d as never))).toEqual(['delivered', 'no route', 'header checksum wrong', 'the run reached its limit']);
  });

  it('a checksum failure is its own disposition, not "no route"', () => {
    expect(isDisposition('bad-checksum')).toBe(true);
    expect(DISPOSITION_LABEL['bad-checksum']).toBe('failed: header checksum wrong');
  });
});
