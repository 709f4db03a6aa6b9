import { describe, expect, it } from 'vitest';
import type { ResolvedChapter, ResolvedQuestion, RunResult, Transmission } from '../../src-engine/protocol';
import { buildTimeline } from '../model/buildTimeline';
import { nodeId } from '../../src-engine/view/ids';
import { BRISK_MAX_MS, BRISK_MIN_MS, BRISK_STRETCH_MS, briskSteps, stepOfMoment } from './pace';

const tx = (id: number, time: number): Transmission => ({ id, time, arrive: time + 5, fromNode: nodeId(id % 2 ? 'A' : 'B'), fromInterface: 'eth0', toNode: nodeId('SW'), toInterface: 'p', protocol: 'tcp', summary: '', bytes: new Uint8Array() });
// 400 steps, one frame each, at t = 0, 10, ..., 3990; event 7 happens at t = 2005 (step 200).
const result = { transmissions: Array.from({ length: 400 }, (_, i) => tx(i, i * 10)), events: [{ id: 7, time: 2005, kind: 'route-removed' }] } as unknown as RunResult;
const timeline = buildTimeline(result, 'SW');
const question = (id: string, txId: number): ResolvedQuestion => ({ id, kind: 'choice', prompt: id, about: { time: txId * 10, txId }, choices: [{ id: 'a', label: 'a' }, { id: 'b', label: 'b' }], answer: 'a', why: '' });
const chapter = (extra: Partial<ResolvedChapter>): ResolvedChapter => ({ index: 0, id: 'c', title: 'c', caption: '', start: 0, end: 3990, nodes: [], txIds: [0], questions: [], ...extra });

describe('a chapter\'s pace', () => {
  it('plays every step at the chosen speed when the chapter names no focus', () => {
    expect(briskSteps(chapter({}), timeline)).toBeUndefined();
  });

  it('finds a moment\'s step by its frame, its event, or its time', () => {
    expect(stepOfMoment({ time: 0, txId: 42 }, timeline)).toBe(42);
    expect(stepOfMoment({ time: 2005, eventId: 7 }, timeline)).toBe(200);
    expect(stepOfMoment({ time: 1234 }, timeline)).toBe(124);
  });

  it('slows at the focus, the chapter\'s ends and each question; the stretches between run quickly, each in about the same time', () => {
    const c = chapter({ focus: [{ time: 20, txId: 2 }, { time: 2005, eventId: 7 }], questions: [question('q', 300)] });
    const brisk = briskSteps(c, timeline)!;
    for (const slow of [0, 2, 200, 299, 300, 399]) expect(brisk.has(slow), `step ${slow}`).toBe(false);
    expect(brisk.get(1)).toBe(BRISK_MAX_MS);
    // Steps 3..199: 197 steps share the stretch's time, at the floor of a frame or two each.
    expect(brisk.get(3)).toBe(Math.max(BRISK_MIN_MS, Math.round(BRISK_STRETCH_MS / 197)));
    expect(brisk.get(250)).toBe(Math.round(BRISK_STRETCH_MS / 98));
    expect(brisk.get(350)).toBe(Math.round(BRISK_STRETCH_MS / 98));
    expect(brisk.size).toBe(400 - 6);
  });

  it('keeps inside the chapter\'s steps', () => {
    const brisk = briskSteps(chapter({ start: 1000, end: 1990, focus: [{ time: 1500, txId: 150 }] }), timeline)!;
    expect(Math.min(...brisk.keys())).toBe(101);
    expect(Math.max(...brisk.keys())).toBe(198);
  });
});
