// Imported first by the page's entry, as src-engine/zodJitless.ts is by the worker's: zod must not compile
// parsers with `new Function`, which the site's Content-Security-Policy forbids (no 'unsafe-eval'). The
// page uses zod's mini build (tree-shakable, so only the checks it uses are in its bundle); the setting
// lives in zod's shared core, so it holds for every schema on the page.
import * as z from 'zod/mini';

z.config({ jitless: true });
