// The playhead: stepping skips the steps the filters hide and stops at the run's ends and a lesson's bounds;
// play starts over at the end and not at all before an unanswered question; every move is counted and says
// how it was made (the animation clock glides only a step forward).
import { beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type AppStore } from './testing/inProcessStore';
import { timelineOf } from './testing/timeline';

// Steps 0..5: ARP, BGP, ARP, TCP, TCP, ARP.
const timeline = timelineOf([{ protocols: ['arp'] }, { protocols: ['bgp'] }, { protocols: ['arp'] }, { protocols: ['tcp'] }, { protocols: ['tcp'] }, { protocols: ['arp'] }]);
let store: AppStore;

beforeEach(async () => {
  store = await freshStore(false);
  store.setState({ timeline, cursor: 1 });
});

const at = () => {
  const s = store.getState();
  return { cursor: s.cursor, playing: s.playing, lastMove: s.lastMove, moveId: s.moveId };
};

describe('stepping', () => {
  it('steps forward one step, as a glide, and forgets the frame, event and field picked at the last step', () => {
    store.setState({ selectedTx: 1, selectedEventId: 7, selectedField: 'ipv4.ttl' });
    store.getState().stepForward();
    expect(at()).toEqual({ cursor: 2, playing: false, lastMove: 'forward', moveId: 1 });
    expect(store.getState()).toMatchObject({ selectedTx: undefined, selectedEventId: undefined, selectedField: undefined });
  });

  it('skips the steps a filter hides, both ways', () => {
    store.getState().setHidden(['arp']);
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(3);
    store.getState().stepForward();
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(3);
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(1);
  });

  it('at the last visible step, forward stops playing and moves nothing', () => {
    store.getState().setHidden(['arp']);
    store.setState({ cursor: 4, playing: true });
    store.getState().stepForward();
    expect(at()).toEqual({ cursor: 4, playing: false, lastMove: 'jump', moveId: 0 });
  });

  it('steps back as a jump, pausing; at the first step it does nothing', () => {
    store.setState({ cursor: 3, playing: true });
    store.getState().stepBack();
    expect(at()).toEqual({ cursor: 2, playing: false, lastMove: 'jump', moveId: 1 });
    store.setState({ cursor: 0 });
    store.getState().stepBack();
    expect(at()).toEqual({ cursor: 0, playing: false, lastMove: 'jump', moveId: 1 });
  });

  it('stays inside a lesson chapter\'s bounds', () => {
    store.setState({ bounds: { first: 1, last: 3, blocked: false }, cursor: 3, playing: true });
    store.getState().stepForward();
    expect(at()).toMatchObject({ cursor: 3, playing: false });
    store.setState({ cursor: 1 });
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(1);
  });

  it('pauses as it reaches a chapter\'s last step, or the step before a question, not one step later', () => {
    store.setState({ bounds: { first: 1, last: 3, blocked: false }, cursor: 1, playing: true });
    store.getState().stepForward();
    expect(at()).toMatchObject({ cursor: 2, playing: true });
    store.getState().stepForward();
    expect(at()).toEqual({ cursor: 3, playing: false, lastMove: 'forward', moveId: 2 });
    // The filters count: with ARP hidden, step 4 is the last one shown before the bounds' end at 5.
    store.getState().setHidden(['arp']);
    store.setState({ bounds: { first: 1, last: 5, blocked: true }, cursor: 1, playing: true });
    store.getState().stepForward();
    expect(at()).toMatchObject({ cursor: 3, playing: true });
    store.getState().stepForward();
    expect(at()).toMatchObject({ cursor: 4, playing: false });
  });

  it('does nothing without a run', () => {
    store.setState({ timeline: undefined, cursor: 0 });
    store.getState().stepForward();
    store.getState().stepBack();
    expect(at()).toEqual({ cursor: 0, playing: false, lastMove: 'jump', moveId: 0 });
  });
});

describe('seeking', () => {
  it('rounds to a step and clamps to the run, counting every move, even to the same step', () => {
    const { seek } = store.getState();
    seek(2.6);
    expect(at()).toEqual({ cursor: 3, playing: false, lastMove: 'jump', moveId: 1 });
    seek(99);
    expect(store.getState().cursor).toBe(5);
    seek(-4);
    expect(store.getState().cursor).toBe(0);
    seek(0);
    expect(at()).toMatchObject({ cursor: 0, moveId: 4 });
  });

  it('clamps to the bounds of a chapter', () => {
    store.setState({ bounds: { first: 2, last: 4, blocked: false } });
    store.getState().seek(0);
    expect(store.getState().cursor).toBe(2);
    store.getState().seek(5);
    expect(store.getState().cursor).toBe(4);
  });

  it('forgets the picked frame, event and field', () => {
    store.setState({ selectedTx: 3, selectedEventId: 9, selectedField: 'tcp.flags' });
    store.getState().seek(3);
    expect(store.getState()).toMatchObject({ selectedTx: undefined, selectedEventId: undefined, selectedField: undefined });
  });
});

describe('playing', () => {
  it('plays from where the playhead is', () => {
    store.getState().play();
    expect(at()).toEqual({ cursor: 1, playing: true, lastMove: 'jump', moveId: 0 });
  });

  it('at the end (or with nothing visible after the playhead) starts over from the first step', () => {
    store.setState({ cursor: 5 });
    store.getState().play();
    expect(at()).toEqual({ cursor: 0, playing: true, lastMove: 'jump', moveId: 1 });
    store.setState({ cursor: 3, playing: false });
    store.getState().setHidden(['tcp', 'arp']);
    store.getState().play();
    expect(at()).toMatchObject({ cursor: 0, playing: true });
  });

  it('at the end of a chapter starts the chapter over; before an unanswered question does not play', () => {
    store.setState({ bounds: { first: 2, last: 3, blocked: false }, cursor: 3 });
    store.getState().play();
    expect(at()).toMatchObject({ cursor: 2, playing: true });
    store.setState({ bounds: { first: 2, last: 3, blocked: true }, cursor: 3, playing: false });
    store.getState().play();
    expect(at()).toMatchObject({ cursor: 3, playing: false });
  });

  it('does not play without a run, or a run of no steps', () => {
    store.setState({ timeline: undefined });
    store.getState().play();
    expect(store.getState().playing).toBe(false);
    store.setState({ timeline: timelineOf([]) });
    store.getState().play();
    expect(store.getState().playing).toBe(false);
  });

  it('toggles between play and pause', () => {
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
  });

  it('keeps a speed the speed menu offers, and falls back to 1 for any other', () => {
    store.getState().setSpeed(0.25);
    expect(store.getState().speed).toBe(0.25);
    store.getState().setSpeed(4);
    expect(store.getState().speed).toBe(4);
    store.getState().setSpeed(3);
    expect(store.getState().speed).toBe(1);
  });
});
