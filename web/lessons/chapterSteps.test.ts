import { describe, expect, it } from 'vitest';
import type { ResolvedChapter, ResolvedQuestion, RunResult, Transmission } from '../../src-engine/protocol';
import { buildTimeline } from '../model/buildTimeline';
import { chapterAt, chapterSpan, nextQuestion, openQuestion, playBounds, questionRest, questionStep } from './chapterSteps';
import { nodeId } from '../../src-engine/view/ids';

const tx = (id: number, time: number, fromNode: string): Transmission => ({ id, time, arrive: time + 5, fromNode: nodeId(fromNode), fromInterface: 'eth0', toNode: nodeId('SW'), toInterface: 'p', protocol: 'tcp', summary: '', bytes: new Uint8Array() });
// Ten steps, one frame each, at t = 0, 10, ..., 90.
const result = { transmissions: Array.from({ length: 10 }, (_, i) => tx(i, i * 10, i % 2 ? 'A' : 'B')), events: [] } as unknown as RunResult;
const timeline = buildTimeline(result, 'SW');

const question = (id: string, txId: number): ResolvedQuestion => ({ id, kind: 'choice', prompt: id, about: { time: txId * 10, txId }, choices: [{ id: 'a', label: 'a' }, { id: 'b', label: 'b' }], answer: 'a', why: '' });
const chapter = (index: number, start: number, end: number, questions: ResolvedQuestion[] = [], txIds: number[] = [0]): ResolvedChapter => ({ index, id: `c${index}`, title: `c${index}`, caption: '', start, end, nodes: [], txIds, questions });

describe('chapter steps', () => {
  it('spans from the first step at or after its start to the last at or before its end', () => {
    expect(chapterSpan(chapter(0, 15, 62), timeline)).toEqual({ first: 2, last: 6 });
    expect(chapterSpan(chapter(0, 30, 30), timeline)).toEqual({ first: 3, last: 3 });
  });

  it('stops the playhead on the step before an unanswered question, then frees the chapter once it is answered', () => {
    const c = chapter(0, 20, 80, [question('q2', 7), question('q1', 5)]);
    expect(questionStep(c.questions[1]!, timeline)).toBe(5);
    expect(nextQuestion(c, timeline, {})?.question.id).toBe('q1');
    expect(playBounds(c, timeline, {})).toEqual({ first: 2, last: 4, blocked: true });
    expect(playBounds(c, timeline, { q1: { choice: 'b', correct: false } })).toEqual({ first: 2, last: 6, blocked: true });
    expect(playBounds(c, timeline, { q1: { choice: 'a', correct: true }, q2: { choice: 'a', correct: true } })).toEqual({ first: 2, last: 8, blocked: false });
  });

  it('asks a question about the chapter\'s first frame before the chapter is shown', () => {
    const c = chapter(0, 30, 60, [question('q', 3)]);
    expect(playBounds(c, timeline, {})).toEqual({ first: 2, last: 2, blocked: true });
    expect(openQuestion(c, timeline, {}, 2)?.id).toBe('q');
  });

  it('waits for a question on the last frame before it that the chapter is about, not on a frame of the background', () => {
    // The chapter is about frames 2 and 3 and the one asked about, 7; frames 4 to 6 are others (health probes, KEEPALIVEs):
    // the playhead waited on frame 6, a probe's reset, while "No SYN-ACK comes back. What does ClientVM do?" was asked.
    const c = chapter(0, 20, 80, [question('q', 7)], [2, 3, 7]);
    expect(questionRest(c, c.questions[0]!, timeline)).toBe(3);
    expect(playBounds(c, timeline, {})).toEqual({ first: 2, last: 3, blocked: true });
    expect(openQuestion(c, timeline, {}, 2)).toBeUndefined();
    expect(openQuestion(c, timeline, {}, 3)?.id).toBe('q');
    // Answered, the chapter plays on through the background to its end.
    expect(playBounds(c, timeline, { q: { choice: 'a', correct: true } })).toEqual({ first: 2, last: 8, blocked: false });
  });

  it('with no frame of its own before the question in the chapter, waits on the step just before it', () => {
    expect(questionRest(chapter(0, 20, 80, [question('q', 7)], [7, 8]), question('q', 7), timeline)).toBe(6);
    // Asked as the chapter opens: the step before the chapter's first, whatever it shows.
    expect(questionRest(chapter(0, 30, 60, [question('q', 3)], [1, 3]), question('q', 3), timeline)).toBe(2);
  });

  it('opens the question only once the playhead has reached it', () => {
    const c = chapter(0, 20, 80, [question('q', 6)]);
    expect(openQuestion(c, timeline, {}, 3)).toBeUndefined();
    expect(openQuestion(c, timeline, {}, 5)?.id).toBe('q');
    expect(openQuestion(c, timeline, { q: { choice: 'a', correct: true } }, 5)).toBeUndefined();
  });

  it('finds the chapter the playhead is in', () => {
    const chapters = [chapter(0, 0, 20), chapter(1, 30, 50), chapter(2, 60, 90)];
    expect(chapterAt(chapters, timeline, 0)).toBe(0);
    expect(chapterAt(chapters, timeline, 4)).toBe(1);
    expect(chapterAt(chapters, timeline, 9)).toBe(2);
  });
});
