/**
 * The Content-Security-Policy forbids eval. zod compiles fast object parsers with `new Function`
 * after probing whether it may, and the probe alone is reported as a CSP violation; its
 * interpreted parsers give the same results, so the app uses those.
 */
import { z } from 'zod';

z.config({ jitless: true });
