// Imported first by the page's entry, as src-engine/zodJitless.ts is by the worker's: zod must not compile
// parsers with `new Function`, which the site's Content-Security-Policy forbids (no 'unsafe-eval').
import { z } from 'zod';

z.config({ jitless: true });
