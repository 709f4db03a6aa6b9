import { describe, expect, it } from 'vitest';
import { NODE_CLEAR, type TokenPath } from './tokenPath';
import { easeCubicInOut } from 'd3-ease';
import { GLIDE_GAP, glideDistance, glideKeyframes, glideSchedule, glideSpan, type GlideKey, type Token } from './tokens';
import { pointAlong } from './tokenPath';

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

  describe('as keyframes for the browser to play', () => {
    // A path with a corner: along the bar, then down the drop to the device.
    const bent = token(4, { points: [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 200, y: 100 }], toNode: true }, 300);
    const [sa, sb, sd] = glideSchedule([a, b, bent]);
    const span = glideSpan([sa!, sb!, sd!]);
    /** Where a token is drawn, played linearly between keyframes, at a fraction of the glide's time. */
    const played = (keys: readonly GlideKey[], time: number) => {
      const i = keys.findIndex((k) => k.offset > time);
      if (i <= 0) return keys[i === 0 ? 0 : keys.length - 1]!;
      const [k0, k1] = [keys[i - 1]!, keys[i]!];
      const f = (time - k0.offset) / (k1.offset - k0.offset);
      return { x: k0.x + (k1.x - k0.x) * f, y: k0.y + (k1.y - k0.y) * f, shown: k0.shown && k1.shown };
    };

    it('draws each token where the glide puts it, and only where the glide draws it', () => {
      for (const t of [sa!, sb!, sd!]) {
        const keys = glideKeyframes(t, span, easeCubicInOut);
        expect(keys[0]!.offset).toBe(0);
        expect(keys.at(-1)!.offset).toBe(1);
        expect(keys.every((k, i) => i === 0 || k.offset >= keys[i - 1]!.offset)).toBe(true);
        for (let time = 0.0005; time < 1; time += 0.001) {
          const d = glideDistance(t, easeCubicInOut(time), span);
          const now = played(keys, time);
          expect(now.shown, `token ${t.txId} at ${time}`).toBe(d !== undefined);
          if (d === undefined) continue;
          // Between keyframes it moves in a straight line at a steady speed: within a unit of the eased point.
          const want = pointAlong(t.path.points, d);
          expect(Math.hypot(now.x - want.x, now.y - want.y), `token ${t.txId} at ${time}`).toBeLessThan(1);
        }
      }
    });

    it('turns exactly at the corner, and shows and hides with a cut, not a fade', () => {
      const keys = glideKeyframes(sd!, span, easeCubicInOut);
      expect(keys.some((k) => Math.abs(k.x - 200) < 1e-6 && Math.abs(k.y) < 1e-6)).toBe(true);
      // Every change between drawn and not drawn happens between two keyframes at the same moment.
      const changes = keys.flatMap((k, i) => (i > 0 && k.shown !== keys[i - 1]!.shown ? [[keys[i - 1]!.offset, k.offset]] : []));
      expect(changes.length).toBeGreaterThan(0);
      for (const [from, to] of changes) expect(to).toBe(from);
      // It ends as it was just before arriving (hidden, off the device); the page shows it arrived at rest.
      expect(keys.at(-1)!.shown).toBe(false);
    });
  });
});
