// Failed sign-ins lock the account (等保 2.0: limit failed logins and lock; default 5 failures,
// 300 s), through the real API on every database; the security admin's policy changes both numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/app';
import { systemDb } from '../../db/system';
import { expectRefused, MANY_LOGINS, passwordLogin, setPolicy } from './auth-test-support';

const WRONG = TEST_PASSWORD + 'x';

describe.each(dbKinds)('lockout on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  const userRow = (username: string) =>
    systemDb(t.db.handle.db)
      .selectFrom('users')
      .select(['failed_count', 'locked_until'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();

  it('locks for 300 s after 5 wrong passwords, refuses the right one meanwhile, then lets it in', async () => {
    for (let i = 1; i <= 4; i++) {
      const { res } = await passwordLogin(t, 'village', WRONG);
      expectRefused(res, 401, /^用户名或密码错误$/, 'BAD_CREDENTIALS');
    }
    const fifth = await passwordLogin(t, 'village', WRONG);
    expectRefused(fifth.res, 423, /账号已锁定 300 秒/, 'LOCKED');

    const during = await passwordLogin(t, 'village');
    expectRefused(during.res, 423, /账号已锁定，请 300 秒后再试/, 'LOCKED');
    expect(during.res.cookies.find((c) => c.name === 'rj_session')).toBeUndefined();

    t.clock.advance(299);
    expectRefused((await passwordLogin(t, 'village')).res, 423, /请 1 秒后再试/);

    t.clock.advance(2); // 301 s after the lock
    const after = await passwordLogin(t, 'village');
    expect(after.res.statusCode, after.res.body).toBe(200);
    expect(after.me!.stage).toBe('active');
    expect(await userRow('village')).toEqual({ failed_count: 0, locked_until: null });
  });

  it('a name with no account answers exactly as an account does: 401 four times, then the same 423 lock', async () => {
    const answers = async (username: string) => {
      const out: { status: number; body: string }[] = [];
      for (let i = 0; i < 6; i++) {
        const { res } = await passwordLogin(t, username, WRONG);
        out.push({ status: res.statusCode, body: res.body });
      }
      return out;
    };
    const real = await answers('township');
    const unknown = await answers('nobody-here');
    expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown).toEqual(real);
    // the lock runs out for both at the same time; the table keeps only a keyed hash of the name
    t.clock.advance(301);
    expectRefused((await passwordLogin(t, 'nobody-here', WRONG)).res, 401, /^用户名或密码错误$/);
    const kept = await systemDb(t.db.handle.db).selectFrom('unknown_name_failures').select(['name_hash', 'failed_count']).execute();
    expect(kept).toHaveLength(1);
    expect(kept[0].name_hash).not.toContain('nobody');
    expect(kept[0].failed_count).toBe(1);
    expect((await passwordLogin(t, 'township')).res.statusCode).toBe(200);
  });

  it('a success resets the count, and a lock that ran out starts a fresh count', async () => {
    for (let i = 0; i < 4; i++) expect((await passwordLogin(t, 'village2', WRONG)).res.statusCode).toBe(401);
    expect((await passwordLogin(t, 'village2')).res.statusCode).toBe(200);
    // four more wrong ones do not lock: the success reset the count
    for (let i = 0; i < 4; i++) expectRefused((await passwordLogin(t, 'village2', WRONG)).res, 401);
    expectRefused((await passwordLogin(t, 'village2', WRONG)).res, 423);
    t.clock.advance(301);
    // one failure after the lock expired is the first of a new count, not a new lock
    expectRefused((await passwordLogin(t, 'village2', WRONG)).res, 401, /用户名或密码错误/);
    expect((await userRow('village2')).failed_count).toBe(1);
    expect((await passwordLogin(t, 'village2')).res.statusCode).toBe(200);
  });

  it('wrong passwords sent at the same time all count (no lost updates)', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => passwordLogin(t, 'grid', WRONG)));
    expect(results.map((r) => r.res.statusCode).sort()).toEqual([401, 401, 401, 401, 423, 423, 423, 423]);
    expectRefused((await passwordLogin(t, 'grid')).res, 423);
    t.clock.advance(301);
    expect((await passwordLogin(t, 'grid')).res.statusCode).toBe(200);
  });

  it('lockThreshold and lockSeconds from the security policy change the behaviour', async () => {
    // default policy: three failures do not lock
    for (let i = 0; i < 3; i++) expectRefused((await passwordLogin(t, 'township', WRONG)).res, 401);
    expect((await passwordLogin(t, 'township')).res.statusCode).toBe(200);

    const security = await t.login('security');
    const policy = await setPolicy(security, { lockThreshold: 3, lockSeconds: 600 });
    expect(policy).toMatchObject({ lockThreshold: 3, lockSeconds: 600 });

    expectRefused((await passwordLogin(t, 'townshiphead', WRONG)).res, 401, /^用户名或密码错误$/);
    expectRefused((await passwordLogin(t, 'townshiphead', WRONG)).res, 401, /^用户名或密码错误$/);
    expectRefused((await passwordLogin(t, 'townshiphead', WRONG)).res, 423, /账号已锁定 600 秒/);
    t.clock.advance(301); // the default lock would be over by now
    expectRefused((await passwordLogin(t, 'townshiphead')).res, 423, /请 299 秒后再试/);
    t.clock.advance(300);
    expect((await passwordLogin(t, 'townshiphead')).res.statusCode).toBe(200);

    await setPolicy(await t.login('security'), { lockThreshold: 5, lockSeconds: 300 });
  });

  it('an unknown user name is refused like a wrong password: the same status, headers and body', async () => {
    const unknown = (await passwordLogin(t, 'nobody-here', WRONG)).res;
    const wrong = (await passwordLogin(t, 'countyhead', WRONG)).res;
    expectRefused(unknown, 401, /^用户名或密码错误$/, 'BAD_CREDENTIALS');
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.body).toBe(unknown.body);
    const shape = (r: typeof wrong) => ({ type: r.headers['content-type'], length: r.headers['content-length'], cookies: r.cookies.length });
    expect(shape(wrong)).toEqual(shape(unknown));
    expect((await userRow('countyhead')).failed_count).toBe(1);
    expect((await passwordLogin(t, 'countyhead')).res.statusCode).toBe(200);
  });

  it('an unknown name takes as long as a wrong password (an argon2 verify either way; medians, generous bounds)', async () => {
    const time = async (username: string) => {
      const start = process.hrtime.bigint();
      await passwordLogin(t, username, WRONG);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknown.push(await time(`nobody-${i}`));
      wrong.push(await time('county'));
    }
    expect((await passwordLogin(t, 'county')).res.statusCode).toBe(200); // resets the count (4 < 5)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    // without the verify an unknown name answers in about a millisecond against tens for argon2
    const ratio = median(unknown) / median(wrong);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });
});
