// Playwright fixtures: small page objects for Hoplab's parts, and a console watcher that fails any test
// whose page logged an error or threw.
import { test as base, expect } from '@playwright/test';
import { Events } from './pages/Events';
import { HoplabPage } from './pages/HoplabPage';
import { Inspector } from './pages/Inspector';
import { LessonPlayer } from './pages/LessonPlayer';
import { Playback } from './pages/Playback';

export { HoplabPage };

export const test = base.extend<{ hoplab: HoplabPage; playback: Playback; inspector: Inspector; events: Events; lessons: LessonPlayer }>({
  hoplab: async ({ page }, use) => {
    const hoplab = new HoplabPage(page);
    await use(hoplab);
    expect(hoplab.consoleErrors, 'the page logged errors').toEqual([]);
  },
  playback: async ({ page }, use) => use(new Playback(page)),
  inspector: async ({ page }, use) => use(new Inspector(page)),
  events: async ({ page }, use) => use(new Events(page)),
  lessons: async ({ page }, use) => use(new LessonPlayer(page)),
});

export { expect };
