import { describe, expect, it } from 'vitest';
import type { ResolvedQuestion } from '../lessons/model';
import { lessonScore, scoreAnswer } from './quiz';

const question: ResolvedQuestion = {
  id: 'bgp-next',
  kind: 'next-device',
  prompt: 'Which device does BGPVM send the SYN to?',
  about: { time: 1001100, txId: 42 },
  choices: [
    { id: 'MuxVM', label: 'MuxVM' },
    { id: 'NATVM', label: 'NATVM' },
    { id: 'PortalVM', label: 'PortalVM' },
  ],
  answer: 'MuxVM',
  why: 'route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned by BGP.',
};

describe('scoreAnswer', () => {
  it('gives a point for the right choice, with the engine\'s why', () => {
    expect(scoreAnswer(question, 'MuxVM')).toEqual({ type: 'points', correct: true, earned: 1, message: 'Correct: MuxVM. route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned by BGP.' });
  });

  it('names the right answer and the wrong one when the choice is wrong', () => {
    expect(scoreAnswer(question, 'NATVM')).toEqual({
      type: 'points',
      correct: false,
      earned: 0,
      message: 'Not quite: the answer is MuxVM, not NATVM. route 192.168.133.74/32 via 192.168.100.6 (MuxVM), learned by BGP.',
    });
  });

  it('quotes a choice that is a phrase of its own, so the feedback reads as one sentence', () => {
    const phrases: ResolvedQuestion = { ...question, choices: [{ id: 'd', label: 'It removes the outer headers (decapsulates)' }, { id: 'm', label: 'It sends the packet back to the MUX' }], answer: 'd', why: 'VFP strips the outer headers.' };
    expect(scoreAnswer(phrases, 'm')).toMatchObject({ message: 'Not quite: the answer is “It removes the outer headers (decapsulates)”, not “It sends the packet back to the MUX”. VFP strips the outer headers.' });
    expect(scoreAnswer(phrases, 'd')).toMatchObject({ message: 'Correct: “It removes the outer headers (decapsulates)”. VFP strips the outer headers.' });
  });

  it('scores nothing without a choice, or with one the question does not offer', () => {
    expect(scoreAnswer(question, undefined).type).toBe('invalid');
    expect(scoreAnswer(question, '').type).toBe('invalid');
    const r = scoreAnswer(question, 'BGPVM');
    expect(r).toEqual({ type: 'invalid', message: '"BGPVM" is not one of this question\'s answers. Choose one of the listed answers.' });
  });

  it('does not change the question', () => {
    const copy = structuredClone(question);
    scoreAnswer(question, 'NATVM');
    expect(question).toEqual(copy);
  });
});

describe('lessonScore', () => {
  it('counts right answers among the lesson\'s questions only', () => {
    expect(lessonScore(['a', 'b', 'c'], { a: { correct: true }, b: { correct: false }, z: { correct: true } })).toEqual({ correct: 1, answered: 2, total: 3 });
    expect(lessonScore([], {})).toEqual({ correct: 0, answered: 0, total: 0 });
  });
});
