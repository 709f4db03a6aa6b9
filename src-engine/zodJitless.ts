// Imported first by each entry (the worker, the page): zod's fast path compiles parsers with `new Function`,
// which the site's Content-Security-Policy forbids (no 'unsafe-eval'). This turns it off before any schema
// is built, so zod neither tries eval nor trips a policy violation.
import { z } from 'zod';

z.config({ jitless: true });
