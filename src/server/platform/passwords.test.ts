// argon2id password hashes and the one-time initial passwords.
import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, passwordProblems } from '../../shared/schemas/security-policy';
import { generateInitialPassword, hashPassword, verifyDummy, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('are argon2id, salted, and verify only the right password', async () => {
    const a = await hashPassword('Demo@Pass2026');
    const b = await hashPassword('Demo@Pass2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Demo@Pass2026');
    expect(await verifyPassword(a, 'Demo@Pass2026')).toBe(true);
    expect(await verifyPassword(b, 'Demo@Pass2026')).toBe(true);
    expect(await verifyPassword(a, 'demo@Pass2026')).toBe(false);
    expect(await verifyPassword(a, 'Demo@Pass2026 ')).toBe(false);
    expect(await verifyPassword(a, '')).toBe(false);
  });

  it('handles Chinese passwords', async () => {
    const h = await hashPassword('退役军人服务2026!');
    expect(await verifyPassword(h, '退役军人服务2026!')).toBe(true);
    expect(await verifyPassword(h, '退役军人服务2027!')).toBe(false);
  });

  it('a damaged stored hash is a refusal, not an error', async () => {
    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'x')).toBe(false);
  });

  it('verifyDummy takes the time of a real check and never throws', async () => {
    await expect(verifyDummy('anything')).resolves.toBeUndefined();
    await expect(verifyDummy('')).resolves.toBeUndefined();
  });
});

describe('initial passwords', () => {
  const strictest = { ...defaultSecurityPolicy, passwordMinLength: 12, passwordMinClasses: 4 };

  it('meet the strictest class rule at 12 characters, and are random', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generateInitialPassword();
      expect(p).toHaveLength(12);
      expect(passwordProblems(p, strictest, 'zhangsan'), p).toEqual([]);
      expect(p).not.toMatch(/[0O1lI]/); // nothing to misread when it is handed over on paper
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('grow to the policy’s minimum length when asked', () => {
    for (const n of [8, 12, 16, 40, 64]) {
      const p = generateInitialPassword(n);
      expect(p).toHaveLength(Math.max(12, n));
      expect(passwordProblems(p, { ...strictest, passwordMinLength: n })).toEqual([]);
    }
  });
});
