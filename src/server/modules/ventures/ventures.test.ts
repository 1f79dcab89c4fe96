// Ventures 创业项目 and zero-employment households 零就业家庭 through the real API on every database:
// a venture with founders of the range, its support (negative amounts and future days refused in
// Chinese with nothing written), an employer's veteran-founded mark, mentors and pairs, the .xlsx
// ledgers; households found from family members' employment status, confirmed as a kernel case,
// helped and closed 上岗再就业, the monthly count, the working-age setting changing who is found,
// and the range guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { VentureDetail, VentureDto, VentureMentorDto, ZeroEmploymentCandidate, ZeroEmploymentDetail, ZeroEmploymentFigures } from '../../../shared/schemas/ventures';
import { zeroEmploymentVerdict } from '../../../shared/rules/zero-employment';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { VENTURE_LEDGER_HEADERS, ZERO_EMPLOYMENT_LEDGER_HEADERS } from './ventures.export';

describe('zero-employment rule', () => {
  it('needs someone of working age out of work and no one of working age employed', () => {
    expect(zeroEmploymentVerdict([{ name: '甲', birthYear: 1980, status: 'unemployed' }], 2026).zero).toBe(true);
    expect(zeroEmploymentVerdict([{ name: '甲', birthYear: 1980, status: 'unemployed' }, { name: '乙', birthYear: 1985, status: 'employed' }], 2026).zero).toBe(false);
    // a retired elder employed does not count; a student of working age neither way
    expect(zeroEmploymentVerdict([{ name: '甲', birthYear: 1980, status: 'unemployed' }, { name: '丙', birthYear: 1950, status: 'employed' }, { name: '丁', birthYear: 2008, status: 'student' }], 2026)).toEqual({ zero: true, workingAge: 2, unemployed: 1, employed: 0 });
    // unknown statuses are never a finding
    expect(zeroEmploymentVerdict([{ name: '甲', birthYear: 1980, status: null }], 2026).zero).toBe(false);
    expect(zeroEmploymentVerdict([{ name: '甲', birthYear: 1976, status: 'unemployed' }], 2026, { minAge: 16, maxAge: 45 }).zero).toBe(false);
  });
});

type Ledger = { rows: (string | number | null)[][] };
async function readLedger(body: Buffer): Promise<Ledger> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: (string | number | null)[][] = [];
  ws.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)));
  return { rows };
}

describe.each(dbKinds)('ventures and zero-employment households on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let countyhead: Agent;
  let founder: RecipientDetail;
  let seq = 600;

  const person = (unitId: string, name: string, birth: string, over: Record<string, unknown> = {}) => registerApproved(village, county, simpleForm(unitId, name, makeId(birth, ++seq), over));
  const count = async (table: 'ventures' | 'venture_supports' | 'venture_mentors' | 'venture_mentorships' | 'zero_employment_households' | 'cases' | 'case_actions') =>
    Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['ventures', 'venture_supports', 'venture_mentors', 'venture_mentorships', 'zero_employment_households', 'cases', 'case_actions'] as const).map(count));
  const ventureBody = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.village1.id,
    name: '戎耀农机合作社',
    sector: 'agriculture',
    place: '孝丰镇一村',
    stage: 'startup',
    startedOn: '2025-03-01',
    founderIds: [founder.id],
    jobsCreated: 8,
    veteransEmployed: 3,
    ...over,
  });
  const candidates = async (a: Agent, q = '') => ok<Page<ZeroEmploymentCandidate>>(await a.get(`/api/zero-employment/candidates?pageSize=200${q}`)).items;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
    founder = await person(units.village1.id, '周创业', '1985-04-02', { employmentStatus: 'selfEmployed' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a venture with its founders and support, refusing bad input in Chinese with nothing written', async () => {
    const outsider = await registerApproved(village2, county, simpleForm(units.village2.id, '吴外村', makeId('1983-02-03', ++seq)));
    const before = await counts();
    expectRefused(await village.post('/api/ventures', ventureBody({ veteransEmployed: 9 })), 400, /不能多于带动就业人数/);
    expectRefused(await village.post('/api/ventures', ventureBody({ sector: 'space' })), 400, /行业/);
    expectRefused(await village.post('/api/ventures', ventureBody({ startedOn: '2026-07-01' })), 400, /不能晚于今天/);
    expectRefused(await village.post('/api/ventures', ventureBody({ founderIds: [] })), 400, /创办人/);
    expectRefused(await village.post('/api/ventures', ventureBody({ founderIds: [outsider.id] })), 400, /本辖区/);
    expectRefused(await village2.post('/api/ventures', ventureBody()), 404, /单位/);
    expect(await counts()).toEqual(before);

    const v = ok<VentureDetail>(await village.post('/api/ventures', ventureBody()));
    expect([v.founders.map((f) => f.name), v.stage, v.veteranFounded, v.supportTotal]).toEqual([['周创业'], 'startup', true, 0]);
    const mid = await counts();
    expectRefused(await village.post(`/api/ventures/${v.id}/supports`, { kind: 'loan', amount: -100, givenOn: '2026-05-01', giver: '县农商银行' }), 400, /不能为负数/);
    expectRefused(await village.post(`/api/ventures/${v.id}/supports`, { kind: 'loan', amount: 100, givenOn: '2026-06-16', giver: '县农商银行' }), 400, /不能晚于今天/);
    expectRefused(await village.post(`/api/ventures/${v.id}/supports`, { kind: 'gift', amount: 100, givenOn: '2026-06-01', giver: '县农商银行' }), 400, /扶持方式/);
    expectRefused(await village2.post(`/api/ventures/${v.id}/supports`, { kind: 'loan', amount: 100, givenOn: '2026-06-01', giver: '县农商银行' }), 404);
    expect(await counts()).toEqual(mid);
    ok(await village.post(`/api/ventures/${v.id}/supports`, { kind: 'loan', amount: 100000, givenOn: '2026-05-01', giver: '县农商银行' }));
    const d = ok<VentureDetail>(await village.post(`/api/ventures/${v.id}/supports`, { kind: 'taxRelief', amount: 1234.5, givenOn: '2026-06-15', giver: '县税务局' }));
    expect([d.supports.length, d.supportTotal, d.supportCount]).toEqual([2, 101234.5, 2]);

    // the range guard: another village sees nothing of it
    expectRefused(await village2.get(`/api/ventures/${v.id}`), 404);
    expect(ok<Page<VentureDto>>(await village2.get('/api/ventures')).items.map((x) => x.id)).not.toContain(v.id);
    expect(ok<Page<VentureDto>>(await township.get('/api/ventures?stage=startup')).items.map((x) => x.id)).toContain(v.id);

    // a stale edit is refused; moving on a stage works
    expectRefused(await village.put(`/api/ventures/${v.id}`, { ...ventureBody({ stage: 'growth' }), version: 1 }), 409, /刷新/);
    const grown = ok<VentureDetail>(await village.put(`/api/ventures/${v.id}`, { ...ventureBody({ stage: 'growth', jobsCreated: 12 }), version: d.version }));
    expect([grown.stage, grown.jobsCreated]).toEqual(['growth', 12]);
  });

  it("takes the veteran-founded mark from a linked employer of the employment module", async () => {
    const e = ok<{ id: string }>(await township.post('/api/employment/employers', { orgUnitId: units.township.id, name: '孝丰镇戎创有限公司', kind: 'enterprise', veteranFounded: true }));
    const v = ok<VentureDetail>(await village.post('/api/ventures', ventureBody({ name: '戎创物流', sector: 'transport', employerId: e.id, veteranFounded: false })));
    expect([v.employerName, v.veteranFounded]).toEqual(['孝丰镇戎创有限公司', true]);
    const other = ok<{ id: string }>(await village2.post('/api/employment/employers', { orgUnitId: units.village2.id, name: '二村公司', kind: 'enterprise' }));
    expectRefused(await village.post('/api/ventures', ventureBody({ employerId: other.id })), 400, /用人单位/);
    expect(ok<Page<VentureDto>>(await village.get('/api/ventures?veteranFounded=1')).items.map((x) => x.name)).toContain('戎创物流');
  });

  it('keeps a founders network of mentors seen below their unit and pairs them with ventures', async () => {
    const boss = await registerApproved(village2, county, simpleForm(units.village2.id, '郑企业家', makeId('1972-08-08', ++seq), { employmentStatus: 'selfEmployed' }));
    const m = ok<VentureMentorDto>(await township.post('/api/ventures/mentors', { orgUnitId: units.township.id, recipientId: boss.id, sectors: ['agriculture'], enterprise: '郑氏农业', expertise: '农机经营' }));
    expectRefused(await township.post('/api/ventures/mentors', { orgUnitId: units.township.id, recipientId: boss.id }), 409, /已是创业导师/);
    expect(ok<{ items: VentureMentorDto[] }>(await village.get('/api/ventures/mentors?sector=agriculture')).items.map((x) => x.id)).toContain(m.id);
    const v = ok<Page<VentureDto>>(await village.get('/api/ventures?name=农机')).items[0];
    expectRefused(await village.post(`/api/ventures/${v.id}/mentorships`, { mentorId: m.id, fromOn: '2026-07-01' }), 400, /不能晚于今天/);
    const d = ok<VentureDetail>(await village.post(`/api/ventures/${v.id}/mentorships`, { mentorId: m.id, fromOn: '2026-06-01', note: '每月指导一次' }));
    expect(d.mentorships.map((p) => p.mentorName)).toEqual(['郑企业家']);
    expectRefused(await village.post(`/api/ventures/${v.id}/mentorships`, { mentorId: m.id, fromOn: '2026-06-01' }), 409);
  });

  it('exports the ventures ledger with the one writer, audited', async () => {
    const res = await township.get(`/api/ledgers/ventures?orgUnitId=${units.township.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const l = await readLedger(res.rawPayload);
    expect(l.rows[2]).toEqual(VENTURE_LEDGER_HEADERS);
    const row = l.rows.find((r) => r[1] === '戎耀农机合作社');
    expect(row?.[6]).toBe('成长');
    expect(String(row?.[14])).toMatch(/贷款 100000元/);
    const a = await sys.selectFrom('audit_logs').select('action').where('action', '=', 'venture.export').execute();
    expect(a.length).toBeGreaterThan(0);
  });

  it('finds zero-employment households from family members, confirms, helps and closes them as a case', async () => {
    // 王: out of work, wife out of work, son a student; family rows saved before the status existed stay valid
    const wang = await person(units.village1.id, '王失业', '1980-03-03', {
      employmentStatus: 'unemployed',
      familyMembers: [
        { name: '李妻', relation: '配偶', birthYear: 1982, occupation: '', employmentStatus: 'unemployed' },
        { name: '王子', relation: '子', birthYear: 2010, occupation: '学生', employmentStatus: 'student' },
        { name: '王母', relation: '母', birthYear: 1950, occupation: '' },
      ],
    });
    // 赵: out of work, but his wife works — not a zero-employment household
    await person(units.village1.id, '赵待业', '1981-03-03', { employmentStatus: 'unemployed', familyMembers: [{ name: '钱妻', relation: '配偶', birthYear: 1983, occupation: '工人', employmentStatus: 'employed' }] });
    // 孙: his own status unknown; the one out of work is his wife on his record (the database reads the family list)
    await person(units.village1.id, '孙家主', '1979-03-03', { familyMembers: [{ name: '周妻', relation: '配偶', birthYear: 1981, occupation: '', employmentStatus: 'unemployed' }] });
    const found = await candidates(village);
    expect(found.map((c) => c.headName)).toContain('王失业');
    expect(found.find((c) => c.headName === '孙家主')?.unemployed).toBe(1);
    expect(found.map((c) => c.headName)).not.toContain('赵待业');
    const c = found.find((x) => x.headName === '王失业') as ZeroEmploymentCandidate;
    expect([c.workingAge, c.unemployed]).toEqual([3, 2]);
    expect((await candidates(village, `&name=${encodeURIComponent('王失')}`)).map((x) => x.headName)).toEqual(['王失业']);
    expect(await candidates(village2)).not.toContainEqual(expect.objectContaining({ recipientId: wang.id }));

    const before = await counts();
    expectRefused(await village2.post('/api/zero-employment/households', { recipientId: wang.id }), 404);
    const zhao = found.find((x) => x.headName === '赵待业');
    expect(zhao).toBeUndefined();
    expect(await counts()).toEqual(before);

    const z = ok<ZeroEmploymentDetail>(await village.post('/api/zero-employment/households', { recipientId: wang.id, note: '入户核实属实' }));
    expect([z.status, z.headName, z.confirmedOn, z.members.length]).toEqual(['helping', '王失业', '2026-06-15', 4]);
    expectRefused(await village.post('/api/zero-employment/households', { recipientId: wang.id }), 409, /帮扶中/);
    expect((await candidates(village)).map((x) => x.recipientId)).not.toContain(wang.id);
    // in the village's work queue
    expect(ok<{ items: WorkItemDto[] }>(await village.get('/api/work-queue')).items.map((i) => i.id)).toContain(z.id);

    const mid = await counts();
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/measures`, { version: z.version, kind: 'training', takenOn: '2026-06-20', note: '报名叉车培训' }), 400, /不能晚于今天/);
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/measures`, { version: z.version, kind: 'training', takenOn: '2026-06-01', note: '报名叉车培训' }), 400, /不能早于/);
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/measures`, { version: z.version, kind: 'training', takenOn: '2026-06-15', note: '' }), 400, /措施内容/);
    expectRefused(await village2.post(`/api/zero-employment/households/${z.id}/measures`, { version: z.version, kind: 'training', takenOn: '2026-06-15', note: '越界' }), 404);
    expect(await counts()).toEqual(mid);
    const m = ok<ZeroEmploymentDetail>(await village.post(`/api/zero-employment/households/${z.id}/measures`, { version: z.version, kind: 'jobReferral', takenOn: '2026-06-15', note: '推荐到县物流园装卸岗' }));
    expect(m.measureCount).toBe(1);

    const fig = ok<ZeroEmploymentFigures>(await township.get(`/api/zero-employment/figures?orgUnitId=${units.township.id}&months=3`));
    expect(fig.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(fig.rows.find((r) => r.orgUnitId === units.village1.id)?.counts).toEqual([0, 0, 1]);
    expect(fig.total).toEqual([0, 0, 1]);

    const beforeClose = await counts();
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/reemploy`, { version: m.version, reemployedOn: '2026-06-15', memberName: '外人', employerName: '县物流园' }), 400, /该家庭的成员/);
    expect(await counts()).toEqual(beforeClose);
    const done = ok<ZeroEmploymentDetail>(await village.post(`/api/zero-employment/households/${z.id}/reemploy`, { version: m.version, reemployedOn: '2026-06-15', memberName: '李妻', employerName: '县物流园' }));
    // the registry knows she works now: her row on 王's record, and a version naming why
    const wangNow = await sys.selectFrom('recipients').select(['family_members', 'version']).where('id', '=', wang.id).executeTakeFirstOrThrow();
    expect((JSON.parse(wangNow.family_members) as { name: string; employmentStatus?: string }[]).find((x) => x.name === '李妻')?.employmentStatus).toBe('employed');
    const v = await sys.selectFrom('recipient_versions').select('changes').where('recipient_id', '=', wang.id).where('version', '=', wangNow.version).executeTakeFirstOrThrow();
    expect(v.changes).toContain('李妻：在岗就业');
    expect(v.changes).toContain('零就业家庭上岗再就业 2026-06-15');
    expect([done.status, done.closedOn, done.reemployedName, done.canEdit]).toEqual(['reemployed', '2026-06-15', '李妻', false]);
    expect(done.log.map((e) => e.action)).toEqual(['open', 'measure', 'reemploy']);
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/measures`, { version: done.version, kind: 'other', takenOn: '2026-06-15', note: '再登记' }), 409, /销号/);
    // closed: not found again until the registry's facts of the household change
    expect((await candidates(village)).map((x) => x.recipientId)).not.toContain(wang.id);
    const after = ok<ZeroEmploymentFigures>(await township.get(`/api/zero-employment/figures?orgUnitId=${units.township.id}&months=3`));
    expect([after.total, after.reemployedInPeriod]).toEqual([[0, 0, 0], 1]);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);

    const res = await village.get(`/api/ledgers/zero-employment-households?orgUnitId=${units.village1.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const l = await readLedger(res.rawPayload);
    expect(l.rows[2]).toEqual(ZERO_EMPLOYMENT_LEDGER_HEADERS);
    expect(l.rows[3].slice(1, 2)).toEqual(['王失业']);
    expect(String(l.rows[3][2])).toMatch(/\*/);
    expect(l.rows[3][8]).toBe('上岗再就业');
  });

  it('assigns a worker of the unit or above, and revokes with a reason', async () => {
    const sun = await person(units.village1.id, '孙下岗', '1979-09-09', { employmentStatus: 'unemployed' });
    const who = ok<{ items: { id: string; name: string }[] }>(await village.get(`/api/zero-employment/assignees?orgUnitId=${units.village1.id}`)).items;
    expect(who.length).toBeGreaterThan(0);
    const v2 = ok<{ items: { id: string }[] }>(await village2.get(`/api/zero-employment/assignees?orgUnitId=${units.village2.id}`)).items[0];
    expectRefused(await village.post('/api/zero-employment/households', { recipientId: sun.id, workerUserId: v2.id }), 400, /包联人员/);
    const z = ok<ZeroEmploymentDetail>(await village.post('/api/zero-employment/households', { recipientId: sun.id, workerUserId: who[0].id }));
    expectRefused(await village.post(`/api/zero-employment/households/${z.id}/revoke`, { version: z.version, reason: '' }), 400, /撤销原因/);
    const r = ok<ZeroEmploymentDetail>(await village.post(`/api/zero-employment/households/${z.id}/revoke`, { version: z.version, reason: '核实后本人已外出务工' }));
    expect(r.status).toBe('revoked');
  });

  it('the working-age setting changes who is found', async () => {
    await person(units.village1.id, '冯五十', '1976-01-01', { employmentStatus: 'unemployed' });
    expect((await candidates(village)).map((c) => c.headName)).toContain('冯五十');
    expectRefused(await village.put('/api/zero-employment/settings', { minAge: 16, maxAge: 45 }), 403, chinese);
    expectRefused(await countyhead.put('/api/zero-employment/settings', { minAge: 16, maxAge: 80 }), 400, /上限/);
    const s = ok<{ maxAge: number; isDefault: boolean }>(await countyhead.put('/api/zero-employment/settings', { minAge: 16, maxAge: 45 }));
    expect([s.maxAge, s.isDefault]).toEqual([45, false]);
    expect((await candidates(village)).map((c) => c.headName)).not.toContain('冯五十');
    await countyhead.put('/api/zero-employment/settings', { minAge: 16, maxAge: 60 });
    expect((await candidates(village)).map((c) => c.headName)).toContain('冯五十');
  });
});
