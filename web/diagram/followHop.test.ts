import { describe, expect, it } from 'vitest';
import { panInto } from './FollowHop';

const area = { left: 0, top: 100, right: 400, bottom: 500 };

describe('panInto', () => {
  it('does not move a frame already in view', () => {
    expect(panInto({ left: 50, top: 150, right: 200, bottom: 300 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it('moves a frame off the right or the bottom just inside the margin', () => {
    expect(panInto({ left: 500, top: 450, right: 600, bottom: 520 }, area)).toEqual({ dx: -216, dy: -36 });
  });

  it('moves a frame off the left or the top just inside the margin', () => {
    expect(panInto({ left: -300, top: 20, right: -200, bottom: 80 }, area)).toEqual({ dx: 316, dy: 96 });
  });

  it('centres a frame larger than the area on that axis', () => {
    expect(panInto({ left: -100, top: 200, right: 700, bottom: 250 }, area)).toEqual({ dx: -100, dy: 0 });
  });

  it('does not mutate its inputs', () => {
    const target = Object.freeze({ left: 500, top: 150, right: 600, bottom: 200 });
    expect(() => panInto(target, Object.freeze({ ...area }))).not.toThrow();
  });
});
