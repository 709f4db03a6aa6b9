// axe-core's audit, as every end-to-end test runs it: all rules, every impact, in the page itself.
//
// @axe-core/playwright's default runs axe in parts (each frame, then a blank page opened to merge the results)
// and returns every node of every passing rule: about 2.5 MB of results for the run's page, sent from the page,
// into a second page and back, for the tests to read only `violations`. Run in the page (legacy mode: this app
// has no frames, whose cross-origin isolation is what the default is for) and asked for the violations alone
// (`resultTypes`: every violating node is still listed; a passing rule keeps one example node), the same audit of
// the same page takes 4 to 5 times less time (6.6 to 9.6 s against 29 to 36 s at load 30).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** An axe audit of `page` that reports its violations in full; narrow it with `.include(selector)`. */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
}
