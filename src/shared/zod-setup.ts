// Chinese messages for every zod error, on the server and in the browser alike.
import { z } from 'zod';

z.config(z.locales.zhCN());
// In the browser zod must not probe for eval (new Function): the CSP forbids it (script-src 'self'),
// and the probe alone is reported as a violation. The server keeps zod's compiled parsers.
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
