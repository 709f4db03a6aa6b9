import { describe, expect, it } from 'vitest';
import { NODE_CLEAR, type TokenPath } from './tokenPath';
import { GLIDE_GAP, glideDistance, glideSchedule, glideSpan, type Token } from './tokens';

const token = (txId: number, path: Partial<TokenPath> & { points: TokenPath['points'] }, length: number): Token => ({
  txId,
  path: { lost: false, anchor: 'above', ...path },
  label: 'ARP',
  protocol: 'arp',
  inFlow: false,
  lane: 0,
  length,
  start: 0,
});

describe('the glide', () => {
  const a = token(1, { points: [{ x: 0, y: 0 }, { x: 300, y: 0 }], toNode: true }, 300);
  const b = token(2, { points: [{ x: 0, y: 0 }, { x: 100, y: 0 }], toNode: true }, 100);
  const c = token(3, { points: [{ x: 50, y: 50 }, { x: 50, y: 100 }], fromNode: true }, 50);

  it('sends frames leaving one point in single file, the nearest first; others at once', () => {
    const s = glideSchedule([a, b, c]);
    expect(s.map((t) => [t.txId, t.start])).toEqual([
      [1, GLIDE_GAP],
      [2, 0],
      [3, 0],
    ]);
    expect(glideSpan(s)).toBe(300 + GLIDE_GAP);
  });

  it('draws a bead only between leaving and arriving, off the devices, and every token at its end when done', () => {
    const [sa, sb, sc] = glideSchedule([a, b, c]);
    const span = glideSpan([sa!, sb!, sc!]);
    const at = (t: Token, d: number) => glideDistance(t, d / span, span);
    expect(at(sa!, GLIDE_GAP - 1)).toBeUndefined();
    expect(at(sa!, GLIDE_GAP + 10)).toBeCloseTo(10, 6);
    // The two in single file stay GLIDE_GAP apart on their shared line.
    expect(at(sb!, 60)! - at(sa!, 60)!).toBeCloseTo(GLIDE_GAP, 6);
    // Within NODE_CLEAR of the device it leaves or reaches, and once there before the others, it is not drawn.
    expect(at(sc!, NODE_CLEAR - 1)).toBeUndefined();
    expect(at(sc!, NODE_CLEAR + 1)).toBeCloseTo(NODE_CLEAR + 1, 6);
    expect(at(sb!, 100 - NODE_CLEAR + 1)).toBeUndefined();
    expect(at(sc!, 60)).toBeUndefined();
    for (const t of [sa!, sb!, sc!]) expect(glideDistance(t, 1, span)).toBe(t.length);
  });
});
