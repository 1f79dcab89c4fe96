// Chinese messages for every zod error, on the server and in the browser alike.
import { z } from 'zod';

z.config(z.locales.zhCN());

export { z };
