// The veteran's own assistance application 帮扶援助 through the real API on both databases: an
// account linked to a registered recipient applies online (source 'online', state 待受理, owned by
// the person's village and in its work queue), attaches evidence, and follows the stage in 我的
// without staff names; an unlinked account gets a Chinese 409 and nothing is written; another unit's
// worker and another public account cannot see it; repeat aid within the period is accepted but
// flagged, and the worker must give the reason when taking it up. The narrative is stored encrypted:
// no clear text in the row, the case payload or the log, and rows written before 0036 are sealed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { AssistanceDetail, AssistanceDto, PublicOwnAid, PublicOwnAidList } from '../../../shared/schemas/assistance';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import { sealAidNarratives } from './index';

const PASSWORD = 'Veteran@2026';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const NARRATIVE = '妻子患尿毒症每周透析，孩子读高中，家中仅靠打零工维持';

function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}

describe.each(dbKinds)('assistance online on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let townshiphead: Agent;
  let county: Agent;
  const ids: Record<string, string> = {};
  let seq = 900;
  let phoneSeq = 6000;

  const nextPhone = () => `1370573${++phoneSeq}`;
  async function signUp(name: string, idNumber: string, phone: string) {
    const a = t.agent();
    const c = ok<{ challenge: string; difficulty: number }>(await a.get('/api/public/accounts/challenge'));
    const res = await a.post('/api/public/accounts', {
      name,
      idNumber,
      phone,
      password: PASSWORD,
      privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
      pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return a;
  }
  /** A registered veteran of village 1 and their public account (same ID number and mobile: linked). */
  async function veteran(name: string, over: Record<string, unknown> = {}) {
    const phone = nextPhone();
    const idNumber = makeId('19700101', ++seq);
    const person = await registerApproved(village, county, simpleForm(units.village1.id, name, idNumber, { phone, ...over }));
    return { person, account: await signUp(name, idNumber, phone) };
  }
  const applyBody = (over: Record<string, unknown> = {}) => ({ ground: 'familyChange', monthlyIncomeFen: 80000, members: 3, policies: ['残疾人两项补贴'], narrative: NARRATIVE, ...over });
  const detail = async (a: Agent, id: string) => ok<AssistanceDetail>(await a.get(`/api/assistance/${id}`));
  const act = (a: Agent, d: AssistanceDetail, action: string, data?: Record<string, unknown>, comment = '') => a.post(`/api/assistance/${d.id}/actions`, { action, version: d.version, comment, data });
  const acted = async (a: Agent, d: AssistanceDetail, action: string, data?: Record<string, unknown>, comment = '') => ok<AssistanceDetail>(await act(a, d, action, data, comment));
  const count = async (table: 'assistance_applications' | 'cases' | 'case_actions' | 'files') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('assistance_applications'), await count('cases'), await count('case_actions'), await count('files')];
  const queueIds = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    townshiphead = await t.login('townshiphead');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a linked veteran applies online: 待受理 under their village, in its work queue, not another unit\'s nor another account\'s', async () => {
    const { person, account } = await veteran('陈网申');
    const before = await counts();
    const mine = ok<PublicOwnAid>(await pubPost(account, '/api/public/assistance', applyBody()));
    expect(mine).toMatchObject({ status: 'submitted', statusLabel: '待受理', source: 'online', ground: 'familyChange', unitName: units.village1.name, open: true, decision: null });
    expect(mine.nextStep).toContain(`等待${units.village1.name}受理`);
    expect(await counts()).toEqual([before[0] + 1, before[1] + 1, before[2] + 1, before[3]]);
    const row = await sys.selectFrom('assistance_applications').select(['org_unit_id', 'recipient_id', 'source', 'public_account_id', 'status', 'repeat_flagged']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_unit_id: units.village1.id, recipient_id: person.id, source: 'online', status: 'submitted', repeat_flagged: 0 });
    expect(row.public_account_id).toBeTruthy();
    const c = await sys.selectFrom('cases').select(['status', 'waiting_unit_id', 'org_unit_id']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'submitted', waiting_unit_id: units.village1.id, org_unit_id: units.village1.id });
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', mine.id).execute()).map((a) => a.action)).toContain('public.assistance-apply');
    // the owner's worker has it in the work queue and the list; another village's worker does not
    expect(await queueIds(village)).toContain(mine.id);
    const listed = ok<Page<AssistanceDto>>(await village.get('/api/assistance?pageSize=200&status=submitted')).items.find((x) => x.id === mine.id);
    expect(listed).toMatchObject({ source: 'online', repeatFlagged: false, status: 'submitted', recipientName: '陈网申' });
    expect(await queueIds(village2)).not.toContain(mine.id);
    expectRefused(await village2.get(`/api/assistance/${mine.id}`), 404);
    expect(ok<Page<AssistanceDto>>(await village2.get('/api/assistance?pageSize=200')).items.map((x) => x.id)).not.toContain(mine.id);
    // the applicant attaches evidence; the worker sees it
    const withFile = ok<PublicOwnAid>(await pubPost(account, `/api/public/assistance/${mine.id}/files`, { name: '诊断证明.png', mime: 'image/png', dataBase64: PNG }));
    expect(withFile.files.map((f) => f.name)).toEqual(['诊断证明.png']);
    expectRefused(await pubPost(account, `/api/public/assistance/${mine.id}/files`, { name: '假.pdf', mime: 'application/pdf', dataBase64: PNG }), 400, /内容与类型不符/);
    expect(ok<{ items: { name: string }[] }>(await village.get(`/api/assistance/${mine.id}/files`)).items.map((f) => f.name)).toEqual(['诊断证明.png']);
    // another public account (linked to someone else) cannot read it, upload to it, or list it
    const other = await veteran('林别人');
    expectRefused(await other.account.get(`/api/public/assistance/${mine.id}`), 404);
    expectRefused(await pubPost(other.account, `/api/public/assistance/${mine.id}/files`, { name: 'x.png', mime: 'image/png', dataBase64: PNG }), 404);
    expect(ok<PublicOwnAidList>(await other.account.get('/api/public/assistance')).items.map((x) => x.id)).not.toContain(mine.id);
    // a staff session is not a public one, and no session at all is refused
    expectRefused(await village.get('/api/public/assistance'), 401);
    expectRefused(await t.agent().get(`/api/public/assistance/${mine.id}`), 401);

    // the worker takes it up (an action of the case type); then it runs as a desk application
    let d = await detail(village, mine.id);
    expect(d.actions.map((a) => a.name)).toEqual(expect.arrayContaining(['takeUp', 'decline']));
    expect(d.narrative).toBe(NARRATIVE);
    d = await acted(village, d, 'takeUp', {}, '已电话联系申请人');
    expect([d.status, d.repeatReason]).toEqual(['verifying', null]);
    d = await acted(village, d, 'verify', { verifierIds: [ids.village, ids.township], method: 'homeVisit', day: '2026-06-15', findings: '入户核实情况属实', conclusion: 'true' });
    d = await acted(village, d, 'submit', undefined, '村服务站意见：属实');
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    // the applicant sees the stage and the unit — no staff names, no findings or opinions
    const seen = ok<PublicOwnAid>(await account.get(`/api/public/assistance/${mine.id}`));
    expect([seen.status, seen.statusLabel]).toEqual(['review', '审核中']);
    expect(seen.nextStep).toContain('审核中');
    const text = JSON.stringify(seen);
    const names = (await sys.selectFrom('users').select('display_name').where('id', 'in', [ids.village, ids.township]).execute()).map((u) => u.display_name);
    for (const n of names) expect(text).not.toContain(n);
    expect(text).not.toContain('入户核实情况属实');
    expect(text).not.toContain('村服务站意见');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    // 我的 lists it with its stage
    const overview = ok<PublicOverviewDto>(await account.get('/api/public/me/overview'));
    const section = overview.sections.find((s) => s.key === 'assistance')!;
    expect(section.items.map((i) => [i.id, i.statusLabel, i.link])).toEqual([[mine.id, '审核中', `/public/assistance/${mine.id}`]]);
    expect(JSON.stringify(section)).not.toContain(names[0]);
    // after the decision no more evidence
    d = await acted(townshiphead, d, 'reject', undefined, '家庭收入高于当地标准');
    expectRefused(await pubPost(account, `/api/public/assistance/${mine.id}/files`, { name: '晚了.png', mime: 'image/png', dataBase64: PNG }), 409, /已作出决定/);
    const done = ok<PublicOwnAid>(await account.get(`/api/public/assistance/${mine.id}`));
    expect(done).toMatchObject({ status: 'rejected', open: false, decision: { approved: false, reason: '家庭收入高于当地标准' } });
    void township;
  });

  it('an account not linked to a registered recipient gets a Chinese 409 and nothing is written; bad input is a Chinese 400', async () => {
    const stranger = await signUp('赵未登记', makeId('19800101', ++seq), nextPhone());
    const idNumber = makeId('19700101', ++seq);
    await registerApproved(village, county, simpleForm(units.village1.id, '钱换号', idNumber, { phone: nextPhone() }));
    const changed = await signUp('钱换号', idNumber, nextPhone());
    const { account } = await veteran('孙输入');
    const before = await counts();
    const err = expectRefused(await pubPost(stranger, '/api/public/assistance', applyBody()), 409, /尚未关联已登记的服务对象档案/);
    expect(err.message).toMatch(chinese);
    // a registered person whose mobile on record differs is not linked either
    expectRefused(await pubPost(changed, '/api/public/assistance', applyBody()), 409, /尚未关联/);
    for (const [over, msg] of [
      [{ ground: 'rich' }, /申请理由/],
      [{ monthlyIncomeFen: -1 }, /不能为负数/],
      [{ members: 0 }, /家庭人口/],
      [{ narrative: ' ' }, /困难情况/],
    ] as [Record<string, unknown>, RegExp][]) {
      const e = expectRefused(await pubPost(account, '/api/public/assistance', applyBody(over)), 400, msg);
      expect(e.message).toMatch(chinese);
    }
    expect(await counts()).toEqual(before);
    expect(ok<PublicOwnAidList>(await stranger.get('/api/public/assistance'))).toEqual({ linked: false, items: [] });
  });

  it('repeat aid within the period: accepted online but flagged; taking it up needs the reason (409 without), kept on the case', async () => {
    const { person, account } = await veteran('周重复网');
    // desk aid approved by the township (training: within the township's limit of 0)
    let a = ok<AssistanceDetail>(await village.post('/api/assistance', { recipientId: person.id, orgUnitId: units.village1.id, ground: 'uncovered', monthlyIncomeFen: 90000, members: 2, policies: [], narrative: '首次申请' }));
    a = await acted(village, a, 'verify', { verifierIds: [ids.village, ids.township], method: 'phone', day: '2026-06-15', findings: '属实', conclusion: 'true' });
    a = await acted(village, a, 'submit', undefined, '同意');
    a = await acted(townshiphead, a, 'approve', { form: 'training' }, '推荐技能培训');
    expect(a.status).toBe('notice');
    const mine = ok<PublicOwnAid>(await pubPost(account, '/api/public/assistance', applyBody({ ground: 'afterCare' })));
    expect(mine.status).toBe('submitted');
    let d = await detail(village, mine.id);
    expect([d.repeatFlagged, d.previousAid.map((p) => p.id)]).toEqual([true, [a.id]]);
    expect(ok<Page<AssistanceDto>>(await village.get(`/api/assistance?pageSize=200&recipientId=${person.id}`)).items.find((x) => x.id === mine.id)?.repeatFlagged).toBe(true);
    const before = await counts();
    const err = expectRefused(await act(village, d, 'takeUp', {}), 409, /12 个月内已获得帮扶援助.*重复申请理由/);
    expect(err.details?.map((x) => (JSON.parse(x.message) as { id: string }).id)).toEqual([a.id]);
    expectRefused(await act(village, d, 'takeUp', { repeatReason: '短' }), 400, /至少 2 个字/);
    expect(await counts()).toEqual(before);
    d = await acted(village, d, 'takeUp', { repeatReason: '培训后仍无法就业，妻子住院' });
    expect([d.status, d.repeatReason]).toEqual(['verifying', '培训后仍无法就业，妻子住院']);
    expect((await sys.selectFrom('assistance_applications').select('repeat_reason').where('id', '=', d.id).executeTakeFirstOrThrow()).repeat_reason).toBe('培训后仍无法就业，妻子住院');
    // declining another one needs a reason and ends it
    const second = ok<PublicOwnAid>(await pubPost(account, '/api/public/assistance', applyBody()));
    let s = await detail(village, second.id);
    expectRefused(await act(village, s, 'decline'), 400);
    s = await acted(village, s, 'decline', undefined, '与本月已受理的申请重复');
    expect(s.status).toBe('rejected');
    expect(await queueIds(village)).not.toContain(s.id);
  });

  it('keeps the narrative encrypted at rest: not in the row, the payload or the log; rows from before 0036 are sealed at start', async () => {
    const p = await registerApproved(village, county, simpleForm(units.village1.id, '吴加密', makeId('19700101', ++seq)));
    const d = ok<AssistanceDetail>(await village.post('/api/assistance', { recipientId: p.id, orgUnitId: units.village1.id, ground: 'familyChange', monthlyIncomeFen: 90000, members: 2, policies: [], narrative: NARRATIVE }));
    expect(d.narrative).toBe(NARRATIVE);
    const row = await sys.selectFrom('assistance_applications').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.narrative_enc).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('尿毒症');
    const c = await sys.selectFrom('cases').select('payload').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(c.payload).not.toContain('尿毒症');
    const log = await sys.selectFrom('case_actions').selectAll().where('case_id', '=', d.id).execute();
    expect(JSON.stringify(log)).not.toContain('尿毒症');
    // the generic case route shows no narrative either
    const generic = await village.get(`/api/cases/${d.id}`);
    expect(generic.statusCode, generic.body).toBe(200);
    expect(generic.body).not.toContain('尿毒症');
    // a row as written before 0036: clear text in the payload, no ciphertext
    const legacy = { ...(JSON.parse(c.payload) as Record<string, unknown>), narrative: '旧数据：父亲瘫痪在床' };
    await sys.updateTable('cases').set({ payload: JSON.stringify(legacy) }).where('id', '=', d.id).execute();
    await sys.updateTable('assistance_applications').set({ narrative_enc: null }).where('id', '=', d.id).execute();
    expect((await detail(village, d.id)).narrative).toBe('旧数据：父亲瘫痪在床');
    expect(await sealAidNarratives(t.db.handle.db, t.app.ctx.crypto)).toBe(1);
    expect(await sealAidNarratives(t.db.handle.db, t.app.ctx.crypto)).toBe(0);
    const after = await sys.selectFrom('assistance_applications').select('narrative_enc').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(after.narrative_enc).toBeTruthy();
    expect(after.narrative_enc).not.toContain('瘫痪');
    expect((await sys.selectFrom('cases').select('payload').where('id', '=', d.id).executeTakeFirstOrThrow()).payload).not.toContain('瘫痪');
    expect((await detail(village, d.id)).narrative).toBe('旧数据：父亲瘫痪在床');
    // the application still runs after sealing (the payload parses without the narrative)
    const v = await acted(village, await detail(village, d.id), 'refer', { agency: 'dibao', day: '2026-06-15', note: '' });
    expect(v.referrals.length).toBe(1);
  });

  it('repeat aid counts the household: aid to another member of the same household within the period is a 409, an explicit reason lets it go ahead', async () => {
    const head = await registerApproved(village, county, simpleForm(units.village1.id, '郑户主', makeId('19680101', ++seq), { household: { mode: 'new', address: '孝丰镇某村 8 号' } }));
    expect(head.household?.id).toBeTruthy();
    const spouse = await registerApproved(village, county, simpleForm(units.village1.id, '郑配偶', makeId('19700101', ++seq), { household: { mode: 'join', householdId: head.household!.id } }));
    const neighbour = await registerApproved(village, county, simpleForm(units.village1.id, '郑邻居', makeId('19700101', ++seq), { household: { mode: 'new', address: '孝丰镇某村 9 号' } }));
    const desk = (recipientId: string, over: Record<string, unknown> = {}) => ({ recipientId, orgUnitId: units.village1.id, ground: 'uncovered', monthlyIncomeFen: 90000, members: 3, policies: [], narrative: '家庭困难', ...over });
    let a = ok<AssistanceDetail>(await village.post('/api/assistance', desk(head.id)));
    a = await acted(village, a, 'verify', { verifierIds: [ids.village, ids.township], method: 'homeVisit', day: '2026-06-15', findings: '属实', conclusion: 'true' });
    a = await acted(village, a, 'submit', undefined, '同意');
    a = await acted(townshiphead, a, 'approve', { form: 'training' }, '推荐技能培训');
    const before = await counts();
    const err = expectRefused(await village.post('/api/assistance', desk(spouse.id)), 409, /或其家庭.*已获得帮扶援助/);
    expect(err.details?.map((x) => JSON.parse(x.message) as { id: string; recipientName: string })).toEqual([expect.objectContaining({ id: a.id, recipientName: '郑户主' })]);
    expect(await counts()).toEqual(before);
    // another household is not warned
    expect(ok<AssistanceDetail>(await village.post('/api/assistance', desk(neighbour.id))).repeatReason).toBe(null);
    const d = ok<AssistanceDetail>(await village.post('/api/assistance', desk(spouse.id, { repeatReason: '配偶突发重病住院，与户主培训无关' })));
    expect([d.status, d.repeatReason, d.previousAid.map((p) => p.id)]).toEqual(['verifying', '配偶突发重病住院，与户主培训无关', [a.id]]);
  });

  it('deleting evidence: the owning unit, before the decision, audited, row gone; another unit 404, after the decision 409', async () => {
    const p = await registerApproved(village, county, simpleForm(units.village1.id, '冯误传', makeId('19700101', ++seq)));
    let d = ok<AssistanceDetail>(await village.post('/api/assistance', { recipientId: p.id, orgUnitId: units.village1.id, ground: 'uncovered', monthlyIncomeFen: 90000, members: 2, policies: [], narrative: '困难' }));
    const up = async (name: string) => ok<{ items: { id: string; name: string }[] }>(await village.post(`/api/assistance/${d.id}/files`, { name, mime: 'image/png', dataBase64: PNG })).items.find((f) => f.name === name)!;
    const wrong = await up('邻居的病历.png');
    const right = await up('收入证明.png');
    expectRefused(await village2.request('DELETE', `/api/assistance/${d.id}/files/${wrong.id}`), 404);
    expectRefused(await village.request('DELETE', `/api/assistance/${d.id}/files/${'0'.repeat(20)}`), 404);
    const left = ok<{ items: { id: string }[] }>(await village.request('DELETE', `/api/assistance/${d.id}/files/${wrong.id}`));
    expect(left.items.map((f) => f.id)).toEqual([right.id]);
    expect(await sys.selectFrom('files').select('id').where('id', '=', wrong.id).execute()).toEqual([]);
    expectRefused(await village.get(`/api/assistance/${d.id}/files/${wrong.id}`), 404);
    const audits = await sys.selectFrom('audit_logs').select(['detail', 'username']).where('target_id', '=', d.id).where('action', '=', 'assistance.evidence-delete').execute();
    expect(audits).toEqual([{ detail: expect.stringContaining('邻居的病历.png'), username: 'village' }]);
    // decided: the file is part of the record
    d = await acted(village, d, 'verify', { verifierIds: [ids.village, ids.township], method: 'phone', day: '2026-06-15', findings: '不属实', conclusion: 'false' });
    d = await acted(village, d, 'submit', undefined, '核实不属实');
    d = await acted(townshiphead, d, 'reject', undefined, '核实不属实');
    const e = expectRefused(await village.request('DELETE', `/api/assistance/${d.id}/files/${right.id}`), 409, /已作出决定/);
    expect(e.message).toMatch(chinese);
    expect((await sys.selectFrom('files').select('id').where('id', '=', right.id).execute()).length).toBe(1);
  });
});
