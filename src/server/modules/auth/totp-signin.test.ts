// The administrators' second factor (等保 2.0: two factors, one cryptographic) through the real
// API on every database: enrolment, sign-in with the code, no replay, wrong codes count towards
// the lock, the policy switch, and the secret stored encrypted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_KEY, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb } from '../../db/system';
import { createFieldCrypto } from '../../platform/crypto';
import { base32Decode, totpCode, totpStep } from '../../platform/totp';
import type { MeDto } from '../../../shared/schemas/auth';
import { expectRefused, MANY_LOGINS, passwordLogin, setPolicy } from './auth-test-support';

type Setup = { secret: string; otpauthUrl: string; qrDataUrl: string };

/** A 6-digit code that is none of the codes accepted around now. */
function wrongCode(secret: string, at: Date): string {
  const step = totpStep(at);
  const valid = new Set([step - 1, step, step + 1].map((s) => totpCode(secret, s)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

describe.each(dbKinds)('TOTP sign-in on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  const userRow = (username: string) =>
    systemDb(t.db.handle.db).selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const code = (secret: string, offsetSteps = 0) => totpCode(secret, totpStep(t.clock.now()) + offsetSteps);

  let adminSecret = '';

  it('enrols: a QR code and secret, a wrong code is refused, the right one completes sign-in', async () => {
    const { a, me } = await passwordLogin(t, 'admin');
    expect(me).toMatchObject({ stage: 'totp-enrol', totpEnabled: false });
    expectRefused(await a.get('/api/staff'), 403, /须先绑定动态验证码/, 'STAGE_REQUIRED');
    expectRefused(await a.post('/api/auth/totp', { code: '123456' }), 403, undefined, 'STAGE_REQUIRED');

    const res = await a.post('/api/me/totp/setup');
    expect(res.statusCode, res.body).toBe(200);
    const setup = json<Setup>(res);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(setup.secret)).toHaveLength(20);
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(setup.qrDataUrl.length).toBeGreaterThan(500);
    expect(setup.otpauthUrl).toBe(
      `otpauth://totp/${encodeURIComponent('戎家:admin')}?secret=${setup.secret}&issuer=${encodeURIComponent('戎家')}&algorithm=SHA1&digits=6&period=30`,
    );

    expectRefused(await a.post('/api/me/totp/confirm', { code: wrongCode(setup.secret, t.clock.now()) }), 400, /动态验证码不正确/, 'BAD_TOTP');
    expect(json<MeDto>(await a.get('/api/me'))).toMatchObject({ stage: 'totp-enrol', totpEnabled: false });
    expect((await userRow('admin')).totp_enabled).toBe(0);

    const ok = await a.post('/api/me/totp/confirm', { code: code(setup.secret) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<MeDto>(ok)).toMatchObject({ stage: 'active', totpEnabled: true });
    expect((await a.get('/api/staff')).statusCode).toBe(200);
    adminSecret = setup.secret;
  });

  it('stores the secret encrypted (AES-256-GCM by default)', async () => {
    const row = await userRow('admin');
    expect(row.totp_secret_enc).toMatch(/^a1:/);
    expect(row.totp_secret_enc).not.toContain(adminSecret);
    expect(Buffer.from(row.totp_secret_enc!.slice(3), 'base64').toString('latin1')).not.toContain(adminSecret);
    expect(createFieldCrypto(TEST_KEY, 'aes-256-gcm').decrypt(row.totp_secret_enc!)).toBe(adminSecret);
  });

  it('later sign-ins need the code; the code of an already used step is refused', async () => {
    // the enrolment used this step: the same code again is a replay
    const replay = await passwordLogin(t, 'admin');
    expect(replay.me!.stage).toBe('totp');
    expectRefused(await replay.a.get('/api/staff'), 403, /请先输入动态验证码/, 'STAGE_REQUIRED');
    expectRefused(await replay.a.post('/api/auth/totp', { code: code(adminSecret) }), 401, /动态验证码错误或已使用/, 'BAD_TOTP');

    t.clock.advance(30);
    const fresh = code(adminSecret);
    const ok = await replay.a.post('/api/auth/totp', { code: fresh });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<MeDto>(ok).stage).toBe('active');
    expect((await replay.a.get('/api/staff')).statusCode).toBe(200);

    // another sign-in within the same 30 s: the code just used is refused, as is the one before
    const again = await passwordLogin(t, 'admin');
    expectRefused(await again.a.post('/api/auth/totp', { code: fresh }), 401, undefined, 'BAD_TOTP');
    expectRefused(await again.a.post('/api/auth/totp', { code: code(adminSecret, -1) }), 401, undefined, 'BAD_TOTP');
    // the next step's code (clock drift of one step) is accepted
    expect((await again.a.post('/api/auth/totp', { code: code(adminSecret, 1) })).statusCode).toBe(200);
    t.clock.advance(60);
  });

  it('a signed-in session cannot replace or switch off the bound second factor', async () => {
    t.clock.advance(30);
    const { a } = await passwordLogin(t, 'admin');
    expect((await a.post('/api/auth/totp', { code: code(adminSecret) })).statusCode).toBe(200);
    const before = await userRow('admin');
    expectRefused(await a.post('/api/me/totp/setup'), 400, /已绑定动态验证码/);
    t.clock.advance(30);
    expectRefused(await a.post('/api/me/totp/confirm', { code: code(adminSecret) }), 400, /已绑定动态验证码/);
    const after = await userRow('admin');
    expect([after.totp_enabled, after.totp_secret_enc, after.totp_last_step]).toEqual([1, before.totp_secret_enc, before.totp_last_step]);
    t.clock.advance(30);
  });

  it('the same code sent twice at once passes only once', async () => {
    t.clock.advance(30);
    const [x, y] = [(await passwordLogin(t, 'admin')).a, (await passwordLogin(t, 'admin')).a];
    const c = code(adminSecret);
    const results = await Promise.all([x.post('/api/auth/totp', { code: c }), y.post('/api/auth/totp', { code: c })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    t.clock.advance(30);
  });

  it('wrong codes count towards the lock: signing in again does not reset the count', async () => {
    t.clock.advance(30);
    let a: Agent = (await passwordLogin(t, 'admin')).a;
    expect((await a.post('/api/auth/totp', { code: code(adminSecret) })).statusCode).toBe(200); // a success clears the count
    expect((await userRow('admin')).failed_count).toBe(0);
    t.clock.advance(30);
    a = (await passwordLogin(t, 'admin')).a;
    for (let i = 1; i <= 4; i++) {
      expectRefused(await a.post('/api/auth/totp', { code: wrongCode(adminSecret, t.clock.now()) }), 401, new RegExp(`还可尝试 ${5 - i} 次`));
      if (i === 2) a = (await passwordLogin(t, 'admin')).a; // a fresh password sign-in keeps the count
    }
    expectRefused(await a.post('/api/auth/totp', { code: wrongCode(adminSecret, t.clock.now()) }), 423, /动态验证码错误次数过多，账号已锁定 300 秒/, 'LOCKED');
    expectRefused(await a.get('/api/me'), 401); // the half-signed-in session is gone
    expectRefused((await passwordLogin(t, 'admin')).res, 423, /账号已锁定/);
    t.clock.advance(301);
    const b = (await passwordLogin(t, 'admin')).a;
    expect((await b.post('/api/auth/totp', { code: code(adminSecret) })).statusCode).toBe(200);
    expect((await userRow('admin')).failed_count).toBe(0);
  });

  it('a code is refused once the account got locked by password failures meanwhile', async () => {
    t.clock.advance(30);
    const half = (await passwordLogin(t, 'admin')).a;
    for (let i = 0; i < 5; i++) await passwordLogin(t, 'admin', TEST_PASSWORD + 'x');
    expectRefused(await half.post('/api/auth/totp', { code: code(adminSecret) }), 423, /账号已锁定/, 'LOCKED');
    t.clock.advance(301);
  });

  it('adminTotpRequired=false lets an unenrolled administrator in with the password; an enrolled one still needs the code', async () => {
    expect((await passwordLogin(t, 'auditor')).me!.stage).toBe('totp-enrol');
    const security = await t.login('security');
    await setPolicy(security, { adminTotpRequired: false });
    expect((await passwordLogin(t, 'auditor')).me).toMatchObject({ stage: 'active', totpEnabled: false });
    expect((await passwordLogin(t, 'admin')).me!.stage).toBe('totp');
    await setPolicy(security, { adminTotpRequired: true });
    expect((await passwordLogin(t, 'auditor')).me!.stage).toBe('totp-enrol');
  });

  it('workers need no second factor', async () => {
    expect((await passwordLogin(t, 'village')).me).toMatchObject({ stage: 'active', totpEnabled: false });
  });
});

describe.each(dbKinds)('TOTP secrets with CIPHER=sm4 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, CIPHER: 'sm4' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the secret with the SM4 suite (s1: prefix) and signs in with it', async () => {
    const a = await t.login('security');
    const row = await systemDb(t.db.handle.db).selectFrom('users').selectAll().where('username', '=', 'security').executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^s1:/);
    expect(row.totp_secret_enc).not.toContain(a.totpSecret!);
    expect(createFieldCrypto(TEST_KEY, 'sm4').decrypt(row.totp_secret_enc!)).toBe(a.totpSecret);
    expect(() => createFieldCrypto(TEST_KEY, 'aes-256-gcm').decrypt(row.totp_secret_enc!)).toThrow();
    // a second sign-in decrypts it again
    const again = await t.login('security');
    expect(again.me!.stage).toBe('active');
  });
});
