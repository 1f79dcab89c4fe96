import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app';
import type { DraftKeyDto, MeDto } from '../../../shared/schemas/auth';

describe.each(dbKinds)('sign-in on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs a village worker in and shows their unit', async () => {
    const a = await t.login('village');
    const me = json<MeDto>(await a.get('/api/me'));
    expect(me.stage).toBe('active');
    expect(me.orgUnit.level).toBe('village');
    expect(me.orgUnit.code).toMatch(/^330523105\d{3}$/);
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const res = await t.agent().post('/api/auth/login', { username: 'village2', password: TEST_PASSWORD + 'x' });
    expect(res.statusCode).toBe(401);
    expect(json(res).message).toContain('用户名或密码错误');
  });

  it('makes an administrator enrol a second factor', async () => {
    const a = t.agent();
    const me = json<MeDto>(await a.post('/api/auth/login', { username: 'admin', password: TEST_PASSWORD }));
    expect(me.stage).toBe('totp-enrol');
    const blocked = await a.get('/api/org-units');
    expect(blocked.statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/api/org-units')).statusCode).toBe(200);
  });

  it('gives each user their own draft key, the same in every session, and nobody else', async () => {
    const first = json<DraftKeyDto>(await (await t.login('village')).get('/api/me/draft-key'));
    const again = json<DraftKeyDto>(await (await t.login('village')).get('/api/me/draft-key'));
    const other = json<DraftKeyDto>(await (await t.login('village2')).get('/api/me/draft-key'));
    expect(first.algorithm).toBe('AES-GCM');
    expect(Buffer.from(first.key, 'base64url')).toHaveLength(32);
    expect(again.key).toBe(first.key);
    expect(other.key).not.toBe(first.key);
    const res = await t.agent().get('/api/me/draft-key');
    expect(res.statusCode).toBe(401);
    expect(JSON.stringify(json(res))).not.toContain(first.key);
  });
});
