import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler';

describe('Scheduler', () => {
  it('runs callbacks in time order, ties in the order scheduled, with the clock at each one', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.at(30, () => log.push(`c@${s.now}`));
    s.at(10, () => log.push(`a@${s.now}`));
    s.at(30, () => log.push(`d@${s.now}`));
    s.at(20, () => log.push(`b@${s.now}`));
    expect(s.pending).toBe(4);
    s.run(Infinity);
    expect(log).toEqual(['a@10', 'b@20', 'c@30', 'd@30']);
    expect(s.now).toBe(30);
    expect(s.processed).toBe(4);
    expect(s.pending).toBe(0);
  });

  it('passes call() its three arguments', () => {
    const s = new Scheduler();
    const got: unknown[][] = [];
    s.call(5, (a: string, b: number, c: boolean) => got.push([a, b, c, s.now]), 'frame', 7, true);
    s.run(Infinity);
    expect(got).toEqual([['frame', 7, true, 5]]);
  });

  it('never runs anything in the past: a time before now means now', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.at(100, () => {
      s.at(40, () => log.push(`late@${s.now}`));
      s.at(100, () => log.push(`same@${s.now}`));
    });
    s.at(100, () => log.push(`second@${s.now}`));
    s.run(Infinity);
    expect(log).toEqual(['second@100', 'late@100', 'same@100']);
  });

  it('skips a cancelled timer and does not count it', () => {
    const s = new Scheduler();
    const log: string[] = [];
    const kept = s.timer(10, () => log.push('kept'));
    const dropped = s.timer(20, () => log.push('dropped'));
    dropped.cancelled = true;
    s.at(30, () => log.push('after'));
    s.run(Infinity);
    expect(kept.cancelled).toBe(false);
    expect(log).toEqual(['kept', 'after']);
    expect(s.processed).toBe(2);
    expect(s.now).toBe(30);
  });

  it('stops before until, leaves later events pending, and moves the clock to until', () => {
    const s = new Scheduler();
    const log: number[] = [];
    for (const t of [10, 50, 50, 51, 90]) s.at(t, () => log.push(t));
    s.run(50);
    expect(log).toEqual([10, 50, 50]);
    expect(s.now).toBe(50);
    expect(s.pending).toBe(2);
    s.run(70);
    expect(log).toEqual([10, 50, 50, 51]);
    expect(s.now).toBe(70);
    s.run(Infinity);
    expect(log).toEqual([10, 50, 50, 51, 90]);
    expect(s.now).toBe(90);
  });

  it('leaves the clock at until when nothing is due, and at the last event when until is Infinity', () => {
    const s = new Scheduler();
    s.run(25);
    expect(s.now).toBe(25);
    s.run(Infinity);
    expect(s.now).toBe(25);
  });

  it('stops right after the event for which stop() says so', () => {
    const s = new Scheduler();
    const log: number[] = [];
    for (const t of [1, 2, 3, 4]) s.at(t, () => log.push(t));
    s.run(Infinity, () => log.length === 2);
    expect(log).toEqual([1, 2]);
    expect(s.now).toBe(2);
    expect(s.pending).toBe(2);
    s.run(Infinity);
    expect(log).toEqual([1, 2, 3, 4]);
  });

  it('reuses the slots of events that have run, and hands each callback its own arguments', () => {
    const s = new Scheduler();
    const got: string[] = [];
    const note = (a: string, b: string, c: string) => got.push(`${a}${b}${c}@${s.now}`);
    s.call(1, note, 'a', 'b', 'c');
    s.run(Infinity);
    s.call(2, note, 'd', 'e', 'f');
    s.call(3, note, 'g', 'h', 'i');
    s.timer(4, () => got.push(`t@${s.now}`));
    s.run(Infinity);
    expect(got).toEqual(['abc@1', 'def@2', 'ghi@3', 't@4']);
    expect(s.processed).toBe(4);
  });

  it('lets go of what an event held once it has run', () => {
    const s = new Scheduler();
    s.call(1, () => {}, { big: true }, 2, 3);
    s.run(Infinity);
    const slots = (s as unknown as { slots: unknown[] }).slots;
    expect(slots.every((x) => x === undefined)).toBe(true);
  });
  it('holds many events at once, each in its own slot', () => {
    const s = new Scheduler();
    const log: number[] = [];
    for (let i = 0; i < 50; i++) s.call(100 - i, (n: number) => log.push(n), i, 0, 0);
    expect(s.pending).toBe(50);
    s.run(Infinity);
    expect(log).toEqual(Array.from({ length: 50 }, (_, i) => 49 - i));
  });

  it('never moves the clock back: run(until) with until in the past leaves it where it is', () => {
    const s = new Scheduler();
    s.run(50);
    s.run(20);
    expect(s.now).toBe(50);
  });

  it("lets go of a timer's handle once it has run", () => {
    const s = new Scheduler();
    s.timer(1, () => {});
    s.run(Infinity);
    const slots = (s as unknown as { slots: unknown[] }).slots;
    expect(slots).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
