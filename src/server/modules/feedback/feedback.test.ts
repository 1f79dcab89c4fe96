// The public service portal on every database: feedback from the public page (anonymous, signed,
// as a public account), the query code, the rate limit, the case with its reply deadline in the
// work queue (and the deadline setting changing it), reply and publish, the public page showing
// published replies, commitments and supervisors; bad input is a Chinese 4xx that changes nothing;
// another village's staff never see or answer an entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import { newPersonId } from '../petitions/petitions-test-support';

type Created = { queryCode: string; dueDay: string | null; unitName: string };
type Detail = {
  id: string;
  version: number;
  status: string;
  writerName: string;
  phoneMasked: string | null;
  dueDay: string | null;
  reply: string | null;
  published: boolean;
  actions: { name: string }[];
  log: { action: string }[];
};
type Portal = { commitments: string[]; supervisors: { name: string; affiliation: string; phone: string }[]; published: { text: string; reply: string; kind: string }[] };

describe.each(dbKinds)('the public service portal on %s', (kind) => {
  let t: TestApp;
  let limited: TestApp;
  let sys: SystemDb;
  let anon: Agent;
  let village: Agent;
  let village2: Agent;
  let head: Agent;
  let villageId = '';
  let townshipId = '';

  const unitOf = async (username: string) => (await sys.selectFrom('users').select('org_unit_id').where('username', '=', username).executeTakeFirstOrThrow()).org_unit_id;
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        sys.selectFrom('feedback_entries').selectAll().orderBy('id').execute(),
        sys.selectFrom('cases').selectAll().where('case_type', '=', 'feedback').orderBy('id').execute(),
        sys.selectFrom('service_commitments').selectAll().orderBy('id').execute(),
        sys.selectFrom('service_supervisors').selectAll().orderBy('id').execute(),
      ]),
    );
  const submit = async (body: Record<string, unknown>, agent = anon) => {
    const res = await agent.post('/api/public/feedback', { kind: 'suggestion', text: '希望周六也能办理业务', ...body });
    expect(res.statusCode, res.body).toBe(200);
    return json<Created>(res);
  };
  const idOfCode = async (text: string) => (await sys.selectFrom('feedback_entries').select('id').where('body', '=', text).executeTakeFirstOrThrow()).id;
  const expectRefused = (res: { statusCode: number; body: string }, status: number, message: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(json<{ message: string }>(res as never).message).toMatch(message);
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { PUBLIC_RATE_LIMIT: '10000', PUBLIC_POW_DIFFICULTY: '4' } });
    limited = await createTestApp(kind, { env: { PUBLIC_RATE_LIMIT: '3' } });
    sys = systemDb(t.db.handle.db);
    anon = t.agent();
    village = await t.login('village');
    village2 = await t.login('village2');
    head = await t.login('townshiphead');
    villageId = await unitOf('village');
    townshipId = await unitOf('townshiphead');
  });
  afterAll(async () => {
    await t?.close();
    await limited?.close();
  });

  it('takes an anonymous entry: a case waiting on the unit with the default reply deadline, in its work queue', async () => {
    const c = await submit({ orgUnitId: villageId, signature: 'anonymous', text: '匿名：窗口人员态度很好', kind: 'praise', rating: 5 });
    expect(c.queryCode).toMatch(/^[0-9A-Z]{10}$/);
    // TEST_NOW is 2026-06-15: 15 natural days (the default setting) → 2026-06-30
    expect(c.dueDay).toBe('2026-06-30');
    const id = await idOfCode('匿名：窗口人员态度很好');
    const row = await sys.selectFrom('feedback_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ signature: 'anonymous', writer_name: '', phone_enc: null, status: 'submitted', due_day: '2026-06-30', rating: 5, org_unit_id: villageId });
    expect(row.query_code_hash).not.toContain(c.queryCode);
    const q = json<{ items: { id: string; dueDay: string; typeLabel: string }[] }>(await village.get('/api/work-queue'));
    expect(q.items.find((i) => i.id === id)).toMatchObject({ dueDay: '2026-06-30', typeLabel: '意见簿' });
    // the township above sees it too; the other village does not
    expect(json<{ items: { id: string }[] }>(await head.get('/api/feedback?pageSize=200')).items.map((i) => i.id)).toContain(id);
    expect(json<{ items: { id: string }[] }>(await village2.get('/api/feedback?pageSize=200')).items.map((i) => i.id)).not.toContain(id);
    const d = json<Detail>(await village.get(`/api/feedback/${id}`));
    expect(d).toMatchObject({ writerName: '匿名', phoneMasked: null, status: 'submitted' });
    expect(d.actions.map((a) => a.name)).toEqual(['reply']);
  });

  it('takes a signed entry: the phone encrypted at rest, masked on screen, revealed with an audit entry', async () => {
    await submit({ orgUnitId: villageId, signature: 'named', name: '王建国', phone: '138 0572 1234', text: '署名：办事指南不清楚', kind: 'opinion' });
    const id = await idOfCode('署名：办事指南不清楚');
    const row = await sys.selectFrom('feedback_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.writer_name).toBe('王建国');
    expect(row.phone_enc).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('13805721234');
    const d = json<Detail>(await village.get(`/api/feedback/${id}`));
    expect(d.writerName).toBe('王建国');
    expect(d.phoneMasked).toMatch(/^138\*+1234$/);
    const r = await village.post(`/api/feedback/${id}/reveal`);
    expect(r.statusCode, r.body).toBe(200);
    expect(json<{ value: string }>(r).value).toBe('13805721234');
    const audits = await sys.selectFrom('audit_logs').select(['action', 'target_id']).where('action', '=', 'feedback.reveal').execute();
    expect(audits.map((a) => a.target_id)).toContain(id);
  });

  it('takes an entry of a signed-in public account, signed with the account', async () => {
    const pub = t.agent();
    const c = json<{ challenge: string; difficulty: number }>(await pub.get('/api/public/accounts/challenge'));
    const reg = await pub.post('/api/public/accounts', {
      name: '孙建军',
      idNumber: newPersonId('1962-07-01'),
      phone: '13805729876',
      password: 'Veteran@2026',
      privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
      pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const res = await pub.request('POST', '/api/public/account/feedback', { orgUnitId: townshipId, kind: 'complaint', text: '账号：电话打不通' }, { 'x-csrf-token': pub.cookies.rj_pub_csrf });
    expect(res.statusCode, res.body).toBe(200);
    const id = await idOfCode('账号：电话打不通');
    const row = await sys.selectFrom('feedback_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ signature: 'account', writer_name: '孙建军', org_unit_id: townshipId });
    expect(row.public_account_id).toBeTruthy();
    // without a public session the account route is refused; a staff session is no public session
    expect((await anon.post('/api/public/account/feedback', { orgUnitId: townshipId, kind: 'complaint', text: 'x' })).statusCode).toBe(401);
    expect((await village.post('/api/public/account/feedback', { orgUnitId: townshipId, kind: 'complaint', text: 'x' })).statusCode).toBe(401);
  });

  it('replies, publishes and unpublishes through the kernel; the query code shows the reply; the public page the published one', async () => {
    const c = await submit({ orgUnitId: townshipId, signature: 'named', name: '李明', phone: '13905720001', text: '公开：建议增加停车位', kind: 'suggestion' });
    const id = await idOfCode('公开：建议增加停车位');
    let q = json<{ status: string; reply: string | null; statusLabel: string }>(await anon.post('/api/public/feedback-query', { code: c.queryCode.toLowerCase() }));
    expect(q).toMatchObject({ status: 'submitted', reply: null, statusLabel: '待答复' });
    let d = json<Detail>(await head.get(`/api/feedback/${id}`));
    // a stale version changes nothing
    expect((await head.post(`/api/feedback/${id}/actions`, { action: 'reply', version: d.version + 5, reply: '已协调' })).statusCode).toBe(409);
    const r = await head.post(`/api/feedback/${id}/actions`, { action: 'reply', version: d.version, reply: '已协调镇政府，下月增设20个停车位' });
    expect(r.statusCode, r.body).toBe(200);
    d = json<Detail>(r);
    expect(d).toMatchObject({ status: 'replied', reply: '已协调镇政府，下月增设20个停车位', published: false });
    expect(d.log.map((l) => l.action)).toEqual(['submit', 'reply']);
    expect(d.actions.map((a) => a.name)).toEqual(['publish']);
    // replied: closed, off the work queue
    expect(json<{ items: { id: string }[] }>(await head.get('/api/work-queue')).items.map((i) => i.id)).not.toContain(id);
    const portal = async () => json<Portal>(await anon.get(`/api/public/org-units/${townshipId}/portal`));
    expect((await portal()).published).toEqual([]);
    q = json(await anon.post('/api/public/feedback-query', { code: c.queryCode }));
    expect(q).toMatchObject({ status: 'replied', reply: '已协调镇政府，下月增设20个停车位' });
    const p = await head.post(`/api/feedback/${id}/actions`, { action: 'publish', version: d.version });
    expect(p.statusCode, p.body).toBe(200);
    d = json<Detail>(p);
    expect(d.published).toBe(true);
    const page = await anon.get(`/api/public/org-units/${townshipId}/portal`);
    expect(json<Portal>(page).published).toEqual([{ kind: 'suggestion', text: '公开：建议增加停车位', submittedOn: '2026-06-15', reply: '已协调镇政府，下月增设20个停车位', repliedOn: '2026-06-15' }]);
    // no personal data on the public page
    expect(page.body).not.toContain('李明');
    expect(page.body).not.toContain('13905720001');
    // publishing twice is refused; unpublishing hides it again
    expect((await head.post(`/api/feedback/${id}/actions`, { action: 'publish', version: d.version })).statusCode).toBe(409);
    const u = await head.post(`/api/feedback/${id}/actions`, { action: 'unpublish', version: d.version });
    expect(u.statusCode, u.body).toBe(200);
    expect((await portal()).published).toEqual([]);
    // reply and publish in one step
    await submit({ orgUnitId: townshipId, signature: 'anonymous', text: '公开2：表扬陈站长', kind: 'praise' });
    const id2 = await idOfCode('公开2：表扬陈站长');
    const d2 = json<Detail>(await head.get(`/api/feedback/${id2}`));
    expect((await head.post(`/api/feedback/${id2}/actions`, { action: 'reply', version: d2.version, reply: '感谢您的肯定', publish: true })).statusCode).toBe(200);
    expect((await portal()).published.map((x) => x.text)).toEqual(['公开2：表扬陈站长']);
  });

  it('another village never reads or answers an entry (404), and changes nothing', async () => {
    await submit({ orgUnitId: villageId, signature: 'anonymous', text: '越界：路灯坏了' });
    const id = await idOfCode('越界：路灯坏了');
    const d = json<Detail>(await village.get(`/api/feedback/${id}`));
    const before = await snapshot();
    expect((await village2.get(`/api/feedback/${id}`)).statusCode).toBe(404);
    expect((await village2.post(`/api/feedback/${id}/actions`, { action: 'reply', version: d.version, reply: '越权答复' })).statusCode).toBe(404);
    expect((await village2.post(`/api/feedback/${id}/reveal`)).statusCode).toBe(404);
    expect((await village2.put(`/api/portal/units/${villageId}/commitments`, { items: ['越权承诺'] })).statusCode).toBe(404);
    expect((await village2.get(`/api/portal/units/${villageId}`)).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('keeps commitments and supervisors in order, shown on the public page; the unit staff and the head above may edit', async () => {
    const r = await village.put(`/api/portal/units/${villageId}/commitments`, { items: ['一次告知，限时办结', '热情接待，文明服务'] });
    expect(r.statusCode, r.body).toBe(200);
    const s = await head.put(`/api/portal/units/${villageId}/supervisors`, { items: [{ name: '周卫国', affiliation: '退役军人、村民代表', phone: '0572 5123000' }] });
    expect(s.statusCode, s.body).toBe(200);
    expect(json<{ supervisors: unknown[]; updatedByName: string }>(s)).toMatchObject({ supervisors: [{ name: '周卫国', affiliation: '退役军人、村民代表', phone: '0572-5123000' }], updatedByName: '陈志刚' });
    const p = json<Portal>(await anon.get(`/api/public/org-units/${villageId}/portal`));
    expect(p.commitments).toEqual(['一次告知，限时办结', '热情接待，文明服务']);
    expect(p.supervisors).toEqual([{ name: '周卫国', affiliation: '退役军人、村民代表', phone: '0572-5123000' }]);
    // reordered as a whole
    expect((await village.put(`/api/portal/units/${villageId}/commitments`, { items: ['热情接待，文明服务', '一次告知，限时办结'] })).statusCode).toBe(200);
    expect(json<Portal>(await anon.get(`/api/public/org-units/${villageId}/portal`)).commitments).toEqual(['热情接待，文明服务', '一次告知，限时办结']);
  });

  it('refuses bad input with a Chinese 4xx and changes nothing', async () => {
    const before = await snapshot();
    const post = (b: Record<string, unknown>) => anon.post('/api/public/feedback', { orgUnitId: villageId, kind: 'opinion', text: '内容', signature: 'anonymous', ...b });
    expectRefused(await post({ kind: 'bad' }), 400, /类别/);
    expectRefused(await post({ text: '   ' }), 400, /请填写内容/);
    expectRefused(await post({ text: '长'.repeat(1001) }), 400, /最多 1000/);
    expectRefused(await post({ rating: 6 }), 400, /1–5/);
    expectRefused(await post({ signature: 'named', name: '', phone: '13800000000' }), 400, /姓名/);
    expectRefused(await post({ signature: 'named', name: '张三', phone: '12345' }), 400, /电话/);
    expectRefused(await post({ signature: 'anonymous', name: '张三' }), 400, /匿名/);
    expectRefused(await post({ orgUnitId: 'nosuchunit' }), 404, /单位/);
    const grid = (await sys.selectFrom('org_units').select('id').where('level', '=', 'grid').executeTakeFirstOrThrow()).id;
    expectRefused(await post({ orgUnitId: grid }), 404, /单位/);
    expectRefused(await anon.post('/api/public/feedback-query', { code: '0000000000' }), 404, /查询码/);
    expectRefused(await anon.post('/api/public/feedback-query', { code: 'abc' }), 400, /查询码/);
    expectRefused(await village.put(`/api/portal/units/${villageId}/supervisors`, { items: [{ name: '甲', affiliation: '乙', phone: '123' }] }), 400, /联系电话/);
    expectRefused(await village.put(`/api/portal/units/${villageId}/commitments`, { items: [''] }), 400, /承诺/);
    expectRefused(await village.put(`/api/portal/units/${villageId}/commitments`, { items: Array.from({ length: 31 }, () => '承诺') }), 400, /最多 30/);
    const id = await idOfCode('越界：路灯坏了');
    const d = json<Detail>(await village.get(`/api/feedback/${id}`));
    expectRefused(await village.post(`/api/feedback/${id}/actions`, { action: 'reply', version: d.version, reply: '' }), 400, /答复内容/);
    expectRefused(await village.post(`/api/feedback/${id}/actions`, { action: 'publish', version: d.version }), 409, /不能公开答复/);
    expectRefused(await village.post(`/api/feedback/${id}/actions`, { action: 'nope', version: d.version }), 400, /操作不正确|输入有误/);
    expect(await snapshot()).toBe(before);
  });

  it('the reply deadline setting changes the due day of new entries (not of those already in)', async () => {
    const at = t.clock.now().toISOString();
    await sys.insertInto('settings').values({ key: 'feedback', value: JSON.stringify({ replyDays: 5, replyDayKind: 'working' }), updated_at: at, updated_by: null }).execute();
    try {
      // 2026-06-15 is a Monday; 5 working days → Monday 2026-06-22 (06-19 端午 is a holiday: → 06-23)
      const c = await submit({ orgUnitId: villageId, signature: 'anonymous', text: '设置：五个工作日' });
      expect(c.dueDay).not.toBe('2026-06-30');
      expect(c.dueDay! < '2026-06-30').toBe(true);
      expect(['2026-06-22', '2026-06-23']).toContain(c.dueDay);
      const old = await sys.selectFrom('feedback_entries').select('due_day').where('body', '=', '越界：路灯坏了').executeTakeFirstOrThrow();
      expect(old.due_day).toBe('2026-06-30');
      // overdue once the day is past: red in the list and in the work queue
      t.clock.set('2026-07-01T02:00:00.000Z');
      village = await t.login('village');
      const list = json<{ items: { text: string; warning: string }[] }>(await village.get('/api/feedback?overdue=true&pageSize=200'));
      expect(list.items.map((i) => i.text)).toContain('设置：五个工作日');
      expect(list.items.every((i) => i.warning === 'red')).toBe(true);
      expect(json<{ overdue: number }>(await village.get('/api/work-queue/count')).overdue).toBeGreaterThan(0);
    } finally {
      await sys.deleteFrom('settings').where('key', '=', 'feedback').execute();
      t.clock.set('2026-06-15T02:00:00.000Z');
      village = await t.login('village');
    }
  });

  it('lists with filter and sort, and exports the ledger as .xlsx', async () => {
    const page = json<{ items: { kind: string; rating: number | null }[]; total: number }>(await head.get('/api/feedback?kind=praise&sort=rating&order=desc'));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.kind === 'praise')).toBe(true);
    const res = await head.get(`/api/ledgers/feedback?orgUnitId=${townshipId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await village2.get(`/api/ledgers/feedback?orgUnitId=${villageId}`)).statusCode).toBe(404);
  });

  it('rate-limits public submission and the query like the petition side (429)', async () => {
    const a = limited.agent();
    const vid = (await systemDb(limited.db.handle.db).selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow()).org_unit_id;
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await a.post('/api/public/feedback', { orgUnitId: vid, kind: 'opinion', text: `限流${i}`, signature: 'anonymous' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const n = await systemDb(limited.db.handle.db).selectFrom('feedback_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });
});
