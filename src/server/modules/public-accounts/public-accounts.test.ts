// The public side through the real API on every database: real-name registration (ID rule, the
// proof-of-work bot check — missing, wrong, forged, expired, reused — its difficulty setting, the
// rate limit), public sessions that never reach staff routes (and staff sessions that never reach
// public-account routes), online petitions landing in the chosen unit, and the query by code and
// phone that shows one petition and nothing else, with a single rating after the reply.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { PUBLIC_PRIVACY_NOTICE_VERSION, type PowChallengeDto, type PublicPetitionView } from '../../../shared/schemas/public-accounts';
import type { PetitionDetail, PetitionListItem } from '../../../shared/schemas/petitions';
import { MANY_LOGINS, demoUnits, expectRefused, type Page, type Units } from '../recipients/recipients-test-support';
import { actOk, detail, newPersonId, ok } from '../petitions/petitions-test-support';
import { leadingZeroBits, solveChallenge } from './pow';

const PASSWORD = 'Veteran@2026';
const bits = (challenge: string, nonce: string) => leadingZeroBits(createHash('sha256').update(challenge + nonce).digest());
/** A nonce with at least `min` and fewer than `max` leading zero bits. */
function nonceBetween(challenge: string, min: number, max: number): string {
  for (let n = 0; ; n++) {
    const b = bits(challenge, String(n));
    if (b >= min && b < max) return String(n);
  }
}

/** POST as a public account: the CSRF header comes from the public cookie. */
function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}

async function challenge(a: Agent): Promise<PowChallengeDto> {
  return ok<PowChallengeDto>(await a.get('/api/public/accounts/challenge'));
}

async function solved(a: Agent) {
  const c = await challenge(a);
  return { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) };
}

let phoneSeq = 1000;
function person(over: Record<string, unknown> = {}) {
  phoneSeq += 1;
  return { name: '孙建军', idNumber: newPersonId('1962-07-01'), phone: `1380572${phoneSeq}`, password: PASSWORD, privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION, ...over };
}

describe.each(dbKinds)('public accounts on %s', (kind) => {
  let t: TestApp;
  let hard: TestApp; // difficulty 16 and 3 requests a minute
  let sys: SystemDb;
  let units: Units;
  let township: Agent;
  let townshipHead: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    hard = await createTestApp(kind, { env: { PUBLIC_POW_DIFFICULTY: '16', PUBLIC_RATE_LIMIT: '3' } });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
  });
  afterAll(async () => {
    await t?.close();
    await hard?.close();
  });

  async function signUp(over: Record<string, unknown> = {}) {
    const a = t.agent();
    const p = person(over);
    const res = await a.post('/api/public/accounts', { ...p, pow: await solved(a) });
    expect(res.statusCode, res.body).toBe(200);
    return { agent: a, ...p };
  }

  it('registration needs a solved, genuine, fresh, unused challenge', async () => {
    const a = t.agent();
    const c = await challenge(a);
    expect(c.difficulty).toBe(4);
    // none
    expectRefused(await a.post('/api/public/accounts', person()), 400, /人机验证/);
    // wrong nonce
    expectRefused(await a.post('/api/public/accounts', { ...person(), pow: { challenge: c.challenge, nonce: nonceBetween(c.challenge, 0, 4) } }), 400, /未通过/);
    // forged: a challenge of our own making, or a changed difficulty, fails the signature
    const parts = c.challenge.split('.');
    const easier = [parts[0], parts[1], parts[2], '0', parts[4]].join('.');
    expectRefused(await a.post('/api/public/accounts', { ...person(), pow: { challenge: easier, nonce: '0' } }), 400, /无效/);
    expectRefused(await a.post('/api/public/accounts', { ...person(), pow: { challenge: 'v1.aa.9999999999999.0.bb', nonce: '0' } }), 400, /无效/);
    // good
    const sol = { challenge: c.challenge, nonce: solveChallenge(c.challenge, 4) };
    const first = person();
    const res = await a.post('/api/public/accounts', { ...first, pow: sol });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '孙**', phoneMasked: expect.stringContaining('****') });
    expect(a.cookies.rj_pub).toBeTruthy();
    expect(a.cookies.rj_session).toBeUndefined();
    // reused
    expectRefused(await t.agent().post('/api/public/accounts', { ...person(), pow: sol }), 400, /已使用/);
    // expired
    const old = await challenge(a);
    t.clock.advance(601);
    try {
      expectRefused(await t.agent().post('/api/public/accounts', { ...person(), pow: { challenge: old.challenge, nonce: solveChallenge(old.challenge, 4) } }), 400, /过期/);
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
    }
    // stored: the ID number and phone encrypted, the privacy notice version kept, the password hashed with argon2id
    const row = await sys.selectFrom('public_accounts').selectAll().where('name', '=', first.name).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(first.idNumber);
    expect(row.phone_enc).not.toContain(first.phone);
    expect(row.privacy_notice_version).toBe(PUBLIC_PRIVACY_NOTICE_VERSION);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await sys.selectFrom('audit_logs').select('action').where('action', '=', 'public.register').execute()).length).toBeGreaterThan(0);
  });

  it('the difficulty setting changes what is accepted; the rate limit answers 429', async () => {
    const a = hard.agent();
    const c = ok<PowChallengeDto>(await a.get('/api/public/accounts/challenge'));
    expect(c.difficulty).toBe(16);
    // enough for difficulty 4, not for 16
    const weak = nonceBetween(c.challenge, 4, 16);
    expectRefused(await a.post('/api/public/accounts', { ...person(), pow: { challenge: c.challenge, nonce: weak } }), 400, /未通过/);
    // the same strength passes where the difficulty is 4
    const b = t.agent();
    const c4 = await challenge(b);
    expect((await b.post('/api/public/accounts', { ...person(), pow: { challenge: c4.challenge, nonce: nonceBetween(c4.challenge, 4, 16) } })).statusCode).toBe(200);
    // 3 a minute: two more attempts, then 429
    expect((await a.post('/api/public/accounts', person())).statusCode).toBe(400);
    expect((await a.post('/api/public/accounts', person())).statusCode).toBe(400);
    const limited = await a.post('/api/public/accounts', person());
    expect(limited.statusCode).toBe(429);
    expect((limited.json() as { message: string }).message).toMatch(/频繁/);
  });

  it('registration checks the ID number, the mobile, the password, the notice; one account per person', async () => {
    const a = t.agent();
    const bad: [Record<string, unknown>, number, RegExp][] = [
      [person({ idNumber: '330523196207010011' }), 400, /校验位|身份证/],
      [person({ idNumber: '1234' }), 400, /身份证/],
      [person({ phone: '0572-5123000' }), 400, /手机/],
      [person({ password: 'short' }), 400, /密码/],
      [person({ privacyNoticeVersion: '2020-01' }), 400, /告知/],
      [person({ name: '' }), 400, /姓名/],
    ];
    for (const [body, status, msg] of bad) expectRefused(await a.post('/api/public/accounts', { ...body, pow: await solved(a) }), status, msg);
    const p = await signUp();
    expectRefused(await t.agent().post('/api/public/accounts', { ...person({ idNumber: p.idNumber }), pow: await solved(a) }), 409, /身份证号已注册/);
    expectRefused(await t.agent().post('/api/public/accounts', { ...person({ phone: p.phone }), pow: await solved(a) }), 409, /手机号码已注册/);
  });

  it('sign-in by phone and password, lockout after repeated failures, sign-out', async () => {
    const p = await signUp();
    const a = t.agent();
    expectRefused(await a.post('/api/public/session', { phone: p.phone, password: 'Wrong@2026x' }), 401, /手机号码或密码错误/);
    expectRefused(await a.post('/api/public/session', { phone: '13999999999', password: PASSWORD }), 401, /手机号码或密码错误/);
    ok(await a.post('/api/public/session', { phone: p.phone, password: PASSWORD }));
    expect(ok<{ phoneMasked: string }>(await a.get('/api/public/me')).phoneMasked).toMatch(/\*{4}/);
    expectRefused(await a.request('POST', '/api/public/session/logout', {}), 403, /来源校验/); // no CSRF header
    ok(await pubPost(a, '/api/public/session/logout'));
    expectRefused(await a.get('/api/public/me'), 401);
    const b = t.agent();
    for (let i = 0; i < 4; i++) expectRefused(await b.post('/api/public/session', { phone: p.phone, password: 'Wrong@2026x' }), 401);
    expectRefused(await b.post('/api/public/session', { phone: p.phone, password: 'Wrong@2026x' }), 423, /锁定/);
    expectRefused(await b.post('/api/public/session', { phone: p.phone, password: PASSWORD }), 423, /锁定/);
  });

  it('a public session never reaches a staff route, and a staff session never reaches a public-account route', async () => {
    const { agent: pub } = await signUp();
    const doc = (await t.agent().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const open = new Set(['GET /api/health', 'POST /api/auth/login']);
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path.startsWith('/api/public/')) continue;
      for (const method of Object.keys(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (open.has(route)) continue;
        const url = path.replace(/\{[^}]+\}/g, 'x1');
        const withPublic = await pub.request(method.toUpperCase() as 'GET', url, method === 'get' ? undefined : {}, { 'x-csrf-token': pub.cookies.rj_pub_csrf });
        expect([401, 403], `${route} with a public session: ${withPublic.body}`).toContain(withPublic.statusCode);
        // the public token in the staff cookie is no staff session either
        const forged = t.agent();
        forged.cookies = { rj_session: pub.cookies.rj_pub, rj_csrf: pub.cookies.rj_pub_csrf };
        const res = await forged.request(method.toUpperCase() as 'GET', url, method === 'get' ? undefined : {});
        expect(res.statusCode, `${route} with the public token as a staff cookie`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    for (const url of ['/api/public/me', '/api/public/petitions']) expectRefused(await township.get(url), 401);
    expectRefused(await township.post('/api/public/petitions', { orgUnitId: units.township.id }), 401);
  });

  it('an online petition lands in the chosen unit as registered; the query code and phone show that one petition and nothing else', async () => {
    const p = await signUp({ name: '郑志远' });
    const other = await signUp({ name: '冯晓东' });
    expectRefused(await pubPost(p.agent, '/api/public/petitions', { orgUnitId: units.township.id, type: 'claim' }), 400, /问题类别|住址|信访请求/);
    const created = ok<{ id: string; registrationNo: string; queryCode: string }>(
      await pubPost(p.agent, '/api/public/petitions', { orgUnitId: units.township.id, type: 'claim', category: 'placement', address: '孝丰镇城东社区 8 幢', request: '请求落实退役安置待遇', facts: '2024 年退役，至今未安排工作。' }),
    );
    expect(created.registrationNo).toMatch(/^330523105〔2026〕网上第\d{4}号$/);
    ok(await pubPost(other.agent, '/api/public/petitions', { orgUnitId: units.township.id, type: 'suggestion', category: 'other', address: '孝丰镇', request: '建议增设服务窗口', facts: '办事排队时间长。' }));
    // staff see it waiting for acceptance, from the public, online
    let d = await detail(township, created.id);
    expect(d).toMatchObject({ status: 'registered', channel: 'online', fromPublic: true, petitionerName: '郑志远', dueDay: '2026-06-30' });
    // the account's own list: only its own
    const mine = ok<{ items: { id: string; status: string; nextExpectedDay: string | null }[] }>(await p.agent.get('/api/public/petitions'));
    expect(mine.items.map((i) => i.id)).toEqual([created.id]);
    expect(mine.items[0]).toMatchObject({ status: 'registered', nextExpectedDay: '2026-06-30' });
    // the query: the same 404 for a wrong code or a wrong phone
    const anyone = t.agent();
    const q = (code: string, phone: string) => anyone.post('/api/public/petition-query', { code, phone });
    const wrongPhone = await q(created.queryCode, other.phone);
    const wrongCode = await q(created.queryCode.slice(0, 9) + (created.queryCode[9] === '0' ? '1' : '0'), p.phone);
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongPhone.body).toBe(wrongCode.body);
    expectRefused(await q('abc', p.phone), 400, /查询码/);
    // typed loosely: lower case, dashes, O for 0
    const loose = created.queryCode.toLowerCase().replace(/0/g, 'o').replace(/^(.{5})/, '$1-');
    let view = ok<PublicPetitionView>(await q(loose, p.phone));
    expect(Object.keys(view).sort()).toEqual(['canRate', 'nextExpectedDay', 'receivedOn', 'registrationNo', 'reply', 'satisfaction', 'stages', 'status', 'statusLabel', 'type', 'unitName']);
    expect(view).toMatchObject({ registrationNo: created.registrationNo, status: 'registered', nextExpectedDay: '2026-06-30', reply: null, canRate: false });
    // rating before the reply is refused
    expectRefused(await anyone.post('/api/public/petition-query/rate', { code: created.queryCode, phone: p.phone, satisfaction: 5 }), 409, /尚未答复/);
    // staff accept (the first worker to accept becomes the handler) and reply, with an internal comment
    await actOk(township, created.id, 'accept', { acceptedOn: '2026-06-15', comment: '内部意见：请核对档案' });
    d = await actOk(township, created.id, 'reply', { outcome: 'explain', replyText: '已向您解释安置政策。', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15', comment: '内部备注不外传' });
    expect(d.handlerName).toBe('张卫东');
    view = ok<PublicPetitionView>(await q(created.queryCode, p.phone));
    expect(view).toMatchObject({ status: 'replied', reply: { outcome: 'explain', outcomeLabel: '解释说明', text: '已向您解释安置政策。', repliedOn: '2026-06-15' }, canRate: true, nextExpectedDay: null });
    expect(view.stages.map((s) => s.label)).toEqual(['已登记', '已受理', '已答复']);
    const text = JSON.stringify(view);
    for (const secret of ['张卫东', '内部', '13805', '郑志远', '冯晓东', 'version', 'handler', d.id]) expect(text).not.toContain(secret);
    // rate once
    view = ok<PublicPetitionView>(await anyone.post('/api/public/petition-query/rate', { code: created.queryCode, phone: p.phone, satisfaction: 5 }));
    expect(view).toMatchObject({ satisfaction: 5, canRate: false });
    expectRefused(await anyone.post('/api/public/petition-query/rate', { code: created.queryCode, phone: p.phone, satisfaction: 1 }), 409, /只能评价一次/);
    expectRefused(await pubPost(p.agent, `/api/public/petitions/${created.id}/rate`, { satisfaction: 2 }), 409, /只能评价一次/);
    expectRefused(await anyone.post('/api/public/petition-query/rate', { code: created.queryCode, phone: p.phone, satisfaction: 9 }), 400, /满意度/);
    // another account cannot rate or see it
    expectRefused(await pubPost(other.agent, `/api/public/petitions/${created.id}/rate`, { satisfaction: 1 }), 404);
    expect((await detail(township, created.id)).satisfaction).toBe(5);
    // every query is audited, the failures too
    const audits = await sys.selectFrom('audit_logs').select(['result', 'target_id']).where('action', '=', 'public.petition-query').execute();
    expect(audits.filter((x) => x.result === 'failure').length).toBeGreaterThanOrEqual(2);
    expect(audits.filter((x) => x.target_id === created.id).length).toBeGreaterThanOrEqual(2);
  });

  it('an online accusation is restricted: the unit head sees it, a worker of the unit does not', async () => {
    const p = await signUp({ name: '蒋文明' });
    const created = ok<{ id: string }>(
      await pubPost(p.agent, '/api/public/petitions', { orgUnitId: units.township.id, type: 'accusation', category: 'other', address: '孝丰镇', request: '检举村干部截留补助', facts: '具体情况如下。' }),
    );
    expect((await detail(townshipHead, created.id)).restricted).toBe(true);
    expectRefused(await township.get(`/api/petitions/${created.id}`), 404);
    const list = ok<Page<PetitionListItem>>(await township.get('/api/petitions?pageSize=200'));
    expect(list.items.map((i) => i.id)).not.toContain(created.id);
    // the head accepts it (no handler was named online)
    const d = await actOk(townshipHead, created.id, 'accept', { acceptedOn: '2026-06-15' });
    expect((d as PetitionDetail).handlerName).toBe('陈志刚');
  });
});
