// The page's own settings and messages: protocol filters, notices (one per text, newest last), the send
// form's draft, and the keyboard focus handed to the timeline only after a run the user asked for succeeded.
import { beforeEach, describe, expect, it } from 'vitest';
import { engine, engineWith, freshStore, type AppStore } from './testing/inProcessStore';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore(false);
});

describe('the protocol filters', () => {
  it('toggle a protocol in and out of the hidden list, keeping the order they were hidden in', () => {
    const { toggleFilter } = store.getState();
    toggleFilter('arp');
    toggleFilter('bgp');
    expect(store.getState().hidden).toEqual(['arp', 'bgp']);
    toggleFilter('arp');
    expect(store.getState().hidden).toEqual(['bgp']);
    store.getState().setHidden(['dns', 'tcp']);
    expect(store.getState().hidden).toEqual(['dns', 'tcp']);
  });
});

describe('notices', () => {
  it('shows a text once: the same text again moves it last with a new id; dismissing removes only that one', () => {
    const { notify } = store.getState();
    notify('error', 'The engine stopped');
    notify('info', 'Link copied');
    const [first] = store.getState().notices;
    notify('error', 'The engine stopped');
    const notices = store.getState().notices;
    expect(notices.map((n) => [n.kind, n.text])).toEqual([['info', 'Link copied'], ['error', 'The engine stopped']]);
    expect(notices[1]!.id).toBeGreaterThan(first!.id);
    store.getState().dismissNotice(notices[1]!.id);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['Link copied']);
    store.getState().dismissNotice(-1);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['Link copied']);
  });
});

describe('the send form draft', () => {
  it('starts from ClientVM with no destination, and keeps the field not given', () => {
    expect([store.getState().draftFrom, store.getState().draftTo]).toEqual(['ClientVM', '']);
    store.getState().setDraft({ from: 'NATVM' });
    store.getState().setDraft({ to: 'PortalVM' });
    expect([store.getState().draftFrom, store.getState().draftTo]).toEqual(['NATVM', 'PortalVM']);
    store.getState().setDraft({ from: 'ADVM' });
    expect([store.getState().draftFrom, store.getState().draftTo]).toEqual(['ADVM', 'PortalVM']);
  });
});

describe('focus after a run', () => {
  it('hands the timeline the focus when the run succeeded, and not when it failed', async () => {
    await store.getState().loadTopology();
    await store.getState().focusAfterRun(store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' }));
    expect(store.getState().runFocus).toBe(1);
    await store.getState().focusAfterRun(store.getState().runFlow({ from: 'ClientVM', to: 'NoSuchVM' }));
    expect(store.getState().runStatus).toBe('error');
    expect(store.getState().runFocus).toBe(1);
    engine.current = engineWith({ run: async () => ({ ok: false, error: { code: 'engine-timeout', message: 'The engine did not answer run in time.' } }) });
    await store.getState().focusAfterRun(store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' }));
    expect(store.getState().runFocus).toBe(1);
  });
});

describe('view settings', () => {
  it('keep what they are set to', () => {
    const s = store.getState();
    s.setLargeText(true);
    s.setMotion('off');
    s.setPrefersReducedMotion(true);
    s.setSideTab('edit');
    s.setBottomTab('sequence');
    s.setHelpOpen(true);
    expect(store.getState()).toMatchObject({ largeText: true, motion: 'off', prefersReducedMotion: true, sideTab: 'edit', bottomTab: 'sequence', helpOpen: true });
  });
});
