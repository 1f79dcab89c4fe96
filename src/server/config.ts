// Environment parsed with zod; a bad value stops the process with a clear message.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../shared/zod-setup';

/** false: believe no X-Forwarded-For; a number: that many proxy hops; a list: these proxy addresses. */
export type TrustProxy = false | number | string[];

function isAddressOrSubnet(entry: string): boolean {
  const [addr, bits, ...rest] = entry.split('/');
  const family = net.isIP(addr);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * The built web app: dist/web, found from this file so the server runs from any working folder —
 * dist/server/config.js (the compiled server) looks in ../web, src/server/config.ts in ../../dist/web.
 */
const defaultWebDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/web' : '../web', import.meta.url));

function parseTrustProxy(v: string | undefined): TrustProxy {
  const s = (v ?? '').trim();
  if (s === '' || s === '0') return false;
  if (/^\d+$/.test(s)) return Number(s);
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

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
  /** aes-256-gcm (default) or sm4 (商用密码: SM4-CBC with HMAC-SM3, encrypt-then-MAC) */
  CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  DEMO: z.enum(['0', '1']).optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** login attempts per IP per minute */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(20),
  /** set when the app runs behind a TLS-terminating proxy: cookies get the Secure flag */
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  /**
   * the reverse proxies whose X-Forwarded-For is believed for the client address (sign-in rate
   * limit, audit log): comma-separated addresses or subnets (e.g. 127.0.0.1,10.0.0.0/8), or a
   * hop count; unset: none, the connection's own address counts
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine(
      (v) => {
        const t = parseTrustProxy(v);
        return typeof t !== 'object' || (t.length > 0 && t.every(isAddressOrSubnet));
      },
      'TRUST_PROXY 应为代理服务器地址或网段（逗号分隔，如 127.0.0.1,10.0.0.0/8），或代理层数',
    ),
  /** origins besides the site's own (the Host a request came to) whose writes are accepted, comma-separated (e.g. https://rj.example.gov.cn when a proxy rewrites Host) */
  ALLOWED_ORIGINS: z.string().default(''),
  /** 三员分立: the code of the deployment's top unit, where the security admin sits (default: the root of the org tree) */
  TOP_UNIT_CODE: z.string().regex(/^\d{2,15}$/, 'TOP_UNIT_CODE 应为单位的区划代码').optional(),
  /** the built web app (default: dist/web of this installation) */
  WEB_DIR: z.string().default(defaultWebDir),
  /** where the audit chain's head is anchored outside the database (default: DATA_DIR/audit-anchor.json) */
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  /** the public registration's bot check: leading zero bits of SHA-256 the browser must find (18 ≈ 260,000 hashes, a second or two on a phone) */
  PUBLIC_POW_DIFFICULTY: z.coerce.number().int().min(0).max(28).default(18),
  /** public registrations, sign-ins, submissions and petition queries per IP per minute */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
  /** where notifications go besides the app: wecom (each unit's 企业微信 group-robot webhook) or log (the server's log, for development); default wecom in production, log otherwise */
  NOTIFY_CHANNEL: z.enum(['wecom', 'log']).optional(),
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
  trustProxy: TrustProxy;
  allowedOrigins: string[];
  topUnitCode: string | undefined;
  webDir: string;
  auditAnchorFile: string;
  publicPowDifficulty: number;
  publicRateLimit: number;
  notifyChannel: 'wecom' | 'log';
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
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    allowedOrigins: e.ALLOWED_ORIGINS.split(',').map((x) => x.trim().replace(/\/$/, '')).filter(Boolean),
    topUnitCode: e.TOP_UNIT_CODE,
    webDir: path.resolve(e.WEB_DIR),
    auditAnchorFile: path.resolve(e.AUDIT_ANCHOR_FILE ?? path.join(e.DATA_DIR, 'audit-anchor.json')),
    publicPowDifficulty: e.PUBLIC_POW_DIFFICULTY,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    notifyChannel: e.NOTIFY_CHANNEL ?? (env.NODE_ENV === 'production' ? 'wecom' : 'log'),
  };
}
