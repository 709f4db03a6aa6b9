import { describe, expect, it } from 'vitest';
import { frameBox, panInto } from './FollowHop';

const area = { left: 0, top: 100, right: 400, bottom: 500 };

describe('panInto', () => {
  it('does not move a frame already in view', () => {
    expect(panInto({ left: 50, top: 150, right: 200, bottom: 300 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it('does not move a frame wholly in view, even inside the margin', () => {
    expect(panInto({ left: 5, top: 104, right: 396, bottom: 300 }, area)).toEqual({ dx: 0, dy: 0 });
  });

  it('brings a frame partly in view just to the edge', () => {
    expect(panInto({ left: 300, top: 150, right: 404, bottom: 300 }, area)).toEqual({ dx: -4, dy: 0 });
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

const rect = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom, width: right - left });

describe('frameBox', () => {
  const screen = { width: 400, height: 400 };

  it('bounds the tokens and the devices together when they fit', () => {
    expect(frameBox([rect(100, 100, 150, 120)], [rect(40, 60, 90, 90), rect(200, 200, 260, 240)], screen)).toEqual({ left: 40, top: 60, right: 260, bottom: 240 });
  });

  it('leaves out boxes not drawn and boxes wider than most of the area (the switch)', () => {
    expect(frameBox([rect(100, 100, 150, 120), rect(0, 0, 0, 0)], [rect(10, 300, 390, 320)], screen)).toEqual({ left: 100, top: 100, right: 150, bottom: 120 });
  });

  it('keeps to the tokens when tokens and devices together are larger than the area', () => {
    expect(frameBox([rect(100, 100, 150, 120)], [rect(-300, 0, -250, 40), rect(500, 0, 560, 40)], screen)).toEqual({ left: 100, top: 100, right: 150, bottom: 120 });
  });

  it('takes in the devices\' badges where they fit, and gives them up before the devices where they do not', () => {
    const token = rect(100, 330, 150, 350);
    const device = rect(40, 60, 90, 90);
    expect(frameBox([token], [device], screen, [rect(60, 40, 90, 55)])).toEqual({ left: 40, top: 40, right: 150, bottom: 350 });
    // The badge above the device would make the frame 410 px tall in 400: the device and the token are kept whole.
    expect(frameBox([token], [device], screen, [rect(60, -60, 90, -45)])).toEqual({ left: 40, top: 60, right: 150, bottom: 350 });
  });

  it('keeps a frame as tall as the area whole, margins or not (panInto centres it)', () => {
    expect(frameBox([rect(100, 385, 150, 400)], [rect(40, 0, 90, 40)], screen)).toEqual({ left: 40, top: 0, right: 150, bottom: 400 });
  });

  it('bounds the devices alone when no token is drawn, and nothing when nothing is', () => {
    expect(frameBox([], [rect(-300, 0, -250, 40), rect(500, 0, 560, 40)], screen)).toEqual({ left: -300, top: 0, right: 560, bottom: 40 });
    expect(frameBox([], [], screen)).toBeUndefined();
  });
});
