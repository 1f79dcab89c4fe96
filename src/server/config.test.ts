// The environment: defaults, each setting read, and a bad value stopping with a clear message.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('has secure defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      cipher: 'aes-256-gcm',
      loginRateLimit: 20,
      cookieSecure: false,
      trustProxy: false,
      databaseUrl: undefined,
      encryptionKeyHex: undefined,
      demo: undefined,
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.auditAnchorFile).toBe(path.resolve('./data/audit-anchor.json'));
  });

  it('puts the audit anchor under DATA_DIR, or where AUDIT_ANCHOR_FILE says', () => {
    expect(loadConfig({ DATA_DIR: '/srv/rj' }).auditAnchorFile).toBe('/srv/rj/audit-anchor.json');
    expect(loadConfig({ DATA_DIR: '/srv/rj', AUDIT_ANCHOR_FILE: '/mnt/worm/anchor.json' }).auditAnchorFile).toBe('/mnt/worm/anchor.json');
    expect(() => loadConfig({ AUDIT_ANCHOR_FILE: '' })).toThrow(/AUDIT_ANCHOR_FILE/);
  });

  it('reads every security setting', () => {
    const key = 'ab'.repeat(32);
    const c = loadConfig({
      CIPHER: 'sm4',
      LOGIN_RATE_LIMIT: '3',
      COOKIE_SECURE: '1',
      ENCRYPTION_KEY: key,
      DATABASE_URL: 'postgresql://u@h/db',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1',
    });
    expect(c).toMatchObject({
      cipher: 'sm4',
      loginRateLimit: 3,
      cookieSecure: true,
      encryptionKeyHex: key,
      databaseUrl: 'postgresql://u@h/db',
      trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it.each([
    ['CIPHER', 'des'],
    ['LOGIN_RATE_LIMIT', '0'],
    ['LOGIN_RATE_LIMIT', 'many'],
    ['LOGIN_RATE_LIMIT', '2.5'],
    ['COOKIE_SECURE', 'yes'],
    ['ENCRYPTION_KEY', 'abc'],
    ['ENCRYPTION_KEY', 'zz'.repeat(32)],
    ['DATABASE_URL', 'mysql://u@h/db'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.example.com'],
    ['TRUST_PROXY', '10.0.0.1/8/1'],
    ['PUBLIC_POW_DIFFICULTY', '40'],
    ['PUBLIC_POW_DIFFICULTY', 'hard'],
    ['PUBLIC_RATE_LIMIT', '0'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`配置错误[\\s\\S]*${name}`));
  });

  it('explains the format in Chinese', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: 'abc' })).toThrow(/ENCRYPTION_KEY 应为 64 位十六进制/);
    expect(() => loadConfig({ TRUST_PROXY: 'x' })).toThrow(/TRUST_PROXY 应为代理服务器地址或网段/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL 必须是 postgres:\/\/ 地址/);
  });
});
