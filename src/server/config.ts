// Environment parsed with zod; a bad value stops the process with a clear message.
import path from 'node:path';
import { z } from '../shared/zod-setup';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL 必须是 postgres:// 地址'),
  /** 64 hex chars (32 bytes); without it a key file is created in DATA_DIR */
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'ENCRYPTION_KEY 应为 64 位十六进制（32 字节）')
    .optional(),
  /** aes-256-gcm (default) or sm4 (商用密码 SM4-GCM-like with SM3 HMAC) */
  CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  DEMO: z.enum(['0', '1']).optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** login attempts per IP per minute */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(20),
  /** set when the app runs behind a TLS-terminating proxy: cookies get the Secure flag */
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  WEB_DIR: z.string().default('./dist/web'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKeyHex: string | undefined;
  cipher: 'aes-256-gcm' | 'sm4';
  demo: boolean | undefined;
  demoPassword: string | undefined;
  logLevel: string;
  loginRateLimit: number;
  cookieSecure: boolean;
  webDir: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    encryptionKeyHex: e.ENCRYPTION_KEY,
    cipher: e.CIPHER,
    demo: e.DEMO === undefined ? undefined : e.DEMO === '1',
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE === '1',
    webDir: path.resolve(e.WEB_DIR),
  };
}
