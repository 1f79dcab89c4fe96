// Idle sessions are signed out (等保 2.0; default 600 s), on every database. Sessions are touched
// at most once a minute, so a session never outlives the timeout after its last recorded use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type TestApp } from '../../../../test/helpers/app';
import type { MeDto } from '../../../shared/schemas/auth';
import { systemDb } from '../../db/system';
import { expectRefused, MANY_LOGINS, setPolicy } from './auth-test-support';

describe.each(dbKinds)('idle timeout on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends a session idle for more than 600 s with SESSION_EXPIRED, and it stays ended', async () => {
    const a = await t.login('village');
    expect(a.me!.idleTimeoutSeconds).toBe(600);
    const token = a.cookies.rj_session;
    t.clock.advance(601);
    const res = await a.get('/api/me');
    expectRefused(res, 401, /长时间未操作，已自动退出/, 'SESSION_EXPIRED');
    expect(res.cookies.filter((c) => c.value === '').map((c) => c.name).sort()).toEqual(['rj_csrf', 'rj_session']);
    // the session is deleted: the same cookie is no good even with the clock turned back
    t.clock.advance(-601);
    const stale = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `rj_session=${token}` } });
    expectRefused(stale, 401, /登录已失效/, 'UNAUTHENTICATED');
    t.clock.advance(601);
  });

  it('600 s of idleness exactly is still within the window', async () => {
    const a = await t.login('village2');
    t.clock.advance(600);
    expect((await a.get('/api/me')).statusCode).toBe(200);
  });

  it('activity within the window keeps the session alive well past 600 s', async () => {
    const a = await t.login('grid');
    for (let i = 0; i < 5; i++) {
      t.clock.advance(500);
      const res = await a.get('/api/me');
      expect(res.statusCode, `after ${(i + 1) * 500} s`).toBe(200);
    }
    t.clock.advance(601);
    expectRefused(await a.get('/api/me'), 401, undefined, 'SESSION_EXPIRED');
  });

  it('a write counts as activity too', async () => {
    const security = await t.login('security');
    t.clock.advance(400);
    await setPolicy(security, {}); // a PUT, nothing else
    t.clock.advance(400); // 800 s after sign-in, 400 s after the write
    expect((await security.get('/api/security-policy')).statusCode).toBe(200);
  });

  it('uses within a minute of the last touch do not extend the session (touched once a minute)', async () => {
    const a = await t.login('townshiphead');
    t.clock.advance(30);
    expect((await a.get('/api/me')).statusCode).toBe(200); // not recorded: < 60 s since sign-in
    t.clock.advance(571); // 601 s after the last recorded use
    expectRefused(await a.get('/api/me'), 401, undefined, 'SESSION_EXPIRED');
  });

  it('requests the page makes on its own (x-background: 1) are answered but do not keep it alive', async () => {
    const a = await t.login('village');
    for (let i = 0; i < 5; i++) {
      t.clock.advance(100);
      const poll = await a.request('GET', '/api/me', undefined, { 'x-background': '1' });
      expect(poll.statusCode, poll.body).toBe(200);
    }
    t.clock.advance(101); // 601 s since the last real use
    expectRefused(await a.request('GET', '/api/me', undefined, { 'x-background': '1' }), 401, /长时间未操作/, 'SESSION_EXPIRED');
  });

  it('a short timeout (60 s) does not end a session used every 15 s; the minute-long touch stays at the default', async () => {
    const security = await t.login('security');
    await setPolicy(security, { idleTimeoutSeconds: 60 });
    const a = await t.login('village2');
    for (let i = 1; i <= 20; i++) {
      t.clock.advance(15);
      const res = await a.get('/api/me');
      expect(res.statusCode, `after ${i * 15} s: ${res.body}`).toBe(200);
    }
    t.clock.advance(61);
    expectRefused(await a.get('/api/me'), 401, /长时间未操作/, 'SESSION_EXPIRED');
    // back at the default, last-seen is written at most once a minute
    const s2 = await t.login('security');
    await setPolicy(s2, { idleTimeoutSeconds: 600 });
    const b = await t.login('village2');
    const lastSeen = async () =>
      (await systemDb(t.db.handle.db).selectFrom('sessions').select('last_seen_at').where('user_id', '=', b.me!.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow()).last_seen_at;
    const signedIn = await lastSeen();
    for (let i = 0; i < 3; i++) {
      t.clock.advance(15);
      expect((await b.get('/api/me')).statusCode).toBe(200);
    }
    expect(await lastSeen()).toBe(signedIn); // 45 s: not written
    t.clock.advance(15);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    expect(await lastSeen()).toBe(t.clock.now().toISOString()); // 60 s: written
    await setPolicy(s2, { idleTimeoutSeconds: 600 });
  });

  it('every answer says how many seconds are left (x-idle-remaining), counted from the last recorded use', async () => {
    const security = await t.login('security');
    await setPolicy(security, { idleTimeoutSeconds: 600 });
    const a = await t.login('village');
    const remaining = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-idle-remaining']);
    t.clock.advance(30);
    expect(remaining(await a.get('/api/me'))).toBe(570); // < 60 s since sign-in: not recorded
    t.clock.advance(500);
    expect(remaining(await a.request('GET', '/api/me', undefined, { 'x-background': '1' }))).toBe(70); // a poll does not extend it
    expect(remaining(await a.get('/api/me'))).toBe(600); // 继续工作: recorded, a full window again
    t.clock.advance(601);
    const ended = await a.get('/api/me');
    expectRefused(ended, 401, /长时间未操作/, 'SESSION_EXPIRED');
    expect(ended.headers['x-idle-remaining']).toBeUndefined();
  });

  it('idleTimeoutSeconds from the security policy changes it', async () => {
    const security = await t.login('security');
    await setPolicy(security, { idleTimeoutSeconds: 120 });
    const a = await t.login('county');
    expect(json<MeDto>(await a.get('/api/me')).idleTimeoutSeconds).toBe(120);
    t.clock.advance(121);
    expectRefused(await a.get('/api/me'), 401, /长时间未操作/, 'SESSION_EXPIRED');

    // a longer timeout: 900 s of idleness is fine, a session idle for 601 s is no longer ended
    const s2 = await t.login('security');
    await setPolicy(s2, { idleTimeoutSeconds: 900 });
    const b = await t.login('countyhead');
    t.clock.advance(899);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(901);
    expectRefused(await b.get('/api/me'), 401, undefined, 'SESSION_EXPIRED');
  });
});
