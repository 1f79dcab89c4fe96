// Employment 就业创业 through the real API on every database: the profile (status written to the
// registry's column, confirmed by the form and by a visit's finding), the review-period setting and
// the work queue, employers (phone encrypted, masked, audited reveal), openings (Chinese 400s for
// reversed ranges, visibility below the owner and to the units shared with — tried as an attacker
// from a third county), matching both ways with reasons, a recommendation hired (status employed),
// the figures equal to the rows behind them, and the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { insertUnitsUnscoped } from '../org-units';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { EmployerDto, EmploymentFigures, EmploymentProfileDto, OpeningDto, RecommendationDto } from '../../../shared/schemas/employment';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { EMPLOYMENT_LEDGER_HEADERS } from './employment.export';

type SeekerMatch = { recipientId: string; score: number; reasons: string[]; recommendationId: string | null };
type OpeningMatch = { opening: OpeningDto; score: number; reasons: string[] };

describe.each(dbKinds)('employment on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let countyhead: Agent;
  let otherCounty: Agent;
  let thirdCounty: Agent;
  let otherCountyId: string;
  let a: RecipientDetail;
  let b: RecipientDetail;
  let employer: EmployerDto;
  let opening: OpeningDto;
  let seq = 900;

  const newPerson = async (by: Agent, unitId: string, name: string, over: Record<string, unknown> = {}) => registerApproved(by, county, simpleForm(unitId, name, makeId('1988-03-0' + ((seq % 9) + 1), ++seq), over));
  const profile = async (by: Agent, id: string) => ok<EmploymentProfileDto>(await by.get(`/api/employment/profiles/${id}`));
  const saveBody = (version: number, over: Record<string, unknown> = {}) => ({ version, status: 'unemployed', seeking: true, skills: ['forklift', 'driverB2'], industries: ['transport'], workTime: 'full', placeUnitIds: [units.county.id], payMin: 4000, trainingWishes: '电工证培训', ventureIntent: false, ventureHelp: '', note: '', ...over });
  const openingBody = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.county.id,
    employerId: employer.id,
    position: '叉车司机',
    skills: ['forklift', 'driverB2'],
    industry: 'transport',
    placeUnitId: units.county.id,
    workTime: 'full',
    payMin: 4500,
    payMax: 6500,
    headcount: 3,
    validFrom: '2026-06-01',
    validTo: '2026-09-30',
    veteransPreferred: true,
    description: '',
    ...over,
  });
  const queue = async (by: Agent) => ok<{ items: WorkItemDto[] }>(await by.get('/api/work-queue')).items.filter((i) => i.provider === 'employment');

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
    // two more counties of the city: 德清县 and 长兴县
    const city = await sys.selectFrom('org_units').select(['id', 'path', 'depth']).where('code', '=', '3305').executeTakeFirstOrThrow();
    const at = '2026-01-01T00:00:00.000Z';
    const countyUnit = (id: string, code: string, name: string) => ({ id, parent_id: city.id, level: 'county', code, name, path: `${city.path}${id}/`, depth: Number(city.depth) + 1, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: 2023, created_at: at, updated_at: at });
    await insertUnitsUnscoped(sys, [countyUnit(`empdq${kind}`, '330521', '德清县'), countyUnit(`empcx${kind}`, '330522', '长兴县')]);
    const counties = [{ id: `empdq${kind}` }, { id: `empcx${kind}` }];
    otherCountyId = counties[0].id;
    await t.createUser({ username: 'emp-other', roles: ['worker'], orgUnitId: counties[0].id });
    await t.createUser({ username: 'emp-third', roles: ['worker'], orgUnitId: counties[1].id });
    otherCounty = await t.login('emp-other');
    thirdCounty = await t.login('emp-third');
    a = await newPerson(village, units.village1.id, '钱叉车');
    b = await newPerson(village, units.village1.id, '孙厨师', { employmentStatus: 'employed' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a profile starts from the registry, is saved and confirmed by the form, its status written to the registry', async () => {
    const p0 = await profile(village, a.id);
    expect(p0).toMatchObject({ version: 0, status: null, seeking: false, confirmedOn: null, due: true, skills: [] });
    expect((await profile(village, b.id)).status).toBe('employed');
    const p1 = ok<EmploymentProfileDto>(await village.put(`/api/employment/profiles/${a.id}`, saveBody(0)));
    expect(p1).toMatchObject({ version: 1, status: 'unemployed', seeking: true, skills: ['forklift', 'driverB2'], industries: ['transport'], confirmedOn: '2026-06-15', due: false, payMin: 4000 });
    expect(p1.places).toEqual([{ id: units.county.id, name: expect.any(String) }]);
    const reg = ok<RecipientDetail>(await village.get(`/api/recipients/${a.id}`));
    expect(reg.employmentStatus).toBe('unemployed');
    // stale, bad codes and another village's person
    expectRefused(await village.put(`/api/employment/profiles/${a.id}`, saveBody(0)), 409, chinese);
    expectRefused(await village.put(`/api/employment/profiles/${a.id}`, saveBody(1, { skills: ['flying'] })), 400, /技能特长不在目录中/);
    expectRefused(await village.put(`/api/employment/profiles/${a.id}`, saveBody(1, { payMin: -1 })), 400, /不能为负数/);
    expectRefused(await village2.get(`/api/employment/profiles/${a.id}`), 404);
    expectRefused(await village2.put(`/api/employment/profiles/${a.id}`, saveBody(1)), 404);
    const audits = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', a.id).where('action', '=', 'employment-profile.update').execute();
    expect(audits.length).toBe(1);
  });

  it('the list filters by status, seeking, skill and due, and sorts and pages', async () => {
    const all = ok<Page<EmploymentProfileDto>>(await village.get('/api/employment/profiles?pageSize=200'));
    expect(all.items.map((p) => p.recipientId)).toEqual(expect.arrayContaining([a.id, b.id]));
    const seeking = ok<Page<EmploymentProfileDto>>(await village.get('/api/employment/profiles?seeking=1&skill=forklift'));
    expect(seeking.items.map((p) => p.recipientId)).toEqual([a.id]);
    const employed = ok<Page<EmploymentProfileDto>>(await village.get('/api/employment/profiles?status=employed&pageSize=200'));
    expect(employed.items.every((p) => p.status === 'employed')).toBe(true);
    expect(employed.items.map((p) => p.recipientId)).toContain(b.id);
    const due = ok<Page<EmploymentProfileDto>>(await village.get('/api/employment/profiles?due=1&pageSize=200'));
    expect(due.items.map((p) => p.recipientId)).toContain(b.id);
    expect(due.items.map((p) => p.recipientId)).not.toContain(a.id);
    const page1 = ok<Page<EmploymentProfileDto>>(await village.get('/api/employment/profiles?pageSize=1&sort=name&order=desc'));
    expect(page1.items.length).toBe(1);
    expect(page1.total).toBe(all.total);
    expectRefused(await village.get('/api/employment/profiles?status=rich'), 400, /就业状况不正确/);
  });

  it('unconfirmed profiles reach the village worker’s queue; the review period is a setting that changes it', async () => {
    const q0 = await queue(village);
    expect(q0.map((i) => i.id)).toContain(b.id);
    expect(q0.map((i) => i.id)).not.toContain(a.id);
    expect(await queue(county)).toEqual([]); // the county is not a village station
    // seven months later a's confirmation (2026-06-15) is older than the default six months
    t.clock.set('2027-01-20T02:00:00.000Z');
    await sys.updateTable('users').set({ password_changed_at: '2027-01-20T02:00:00.000Z' }).execute();
    village = await t.login('village');
    countyhead = await t.login('countyhead');
    expect((await queue(village)).map((i) => i.id)).toContain(a.id);
    expectRefused(await village.put('/api/employment/settings', { reviewMonths: 12 }), 403, chinese);
    expectRefused(await countyhead.put('/api/employment/settings', { reviewMonths: 0 }), 400, /至少 1 个月/);
    expect(ok<{ reviewMonths: number }>(await countyhead.put('/api/employment/settings', { reviewMonths: 12 })).reviewMonths).toBe(12);
    expect((await queue(village)).map((i) => i.id)).not.toContain(a.id);
    expect((await profile(village, a.id)).due).toBe(false);
    await countyhead.put('/api/employment/settings', { reviewMonths: 6 });
    expect((await profile(village, a.id)).due).toBe(true);
    t.clock.set('2026-06-15T02:00:00.000Z');
    await sys.updateTable('users').set({ password_changed_at: '2026-06-15T02:00:00.000Z' }).execute();
    village = await t.login('village');
    countyhead = await t.login('countyhead');
  });

  it('a visit’s 就业状况 finding confirms the profile and sets the status', async () => {
    const before = await profile(village, b.id);
    expect(before.confirmedOn).toBeNull();
    const v = await village.post('/api/visits', { clientKey: `emp-${kind}-visit-0001`, recipientId: b.id, visitedOn: '2026-06-14', visitType: 'home', visitors: '刘秀英', situations: { employment: { level: 'seeking', note: '厨师，想找工作' } } });
    expect(v.statusCode, v.body).toBe(201);
    const after = await profile(village, b.id);
    expect(after).toMatchObject({ confirmedOn: '2026-06-14', status: 'unemployed', seeking: true });
  });

  it('employers keep the contact phone encrypted and masked; the reveal is audited', async () => {
    expectRefused(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '安吉物流', kind: 'enterprise', contactPhone: '123' }), 400, chinese);
    expectRefused(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '安吉物流', kind: 'shop' }), 400, /单位类型不正确/);
    employer = ok<EmployerDto>(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '安吉现代物流有限公司', kind: 'enterprise', veteranFounded: true, contactName: '周经理', contactPhone: '13905721234' }));
    expect(employer.contactPhoneMasked).toMatch(/^139\*+1234$/);
    expect(JSON.stringify(employer)).not.toContain('13905721234');
    const row = await sys.selectFrom('employers').selectAll().where('id', '=', employer.id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('13905721234');
    // a village below sees it (to post openings for it); a village cannot change it
    expect(ok<EmployerDto>(await village.get(`/api/employment/employers/${employer.id}`)).canEdit).toBe(false);
    expectRefused(await village.put(`/api/employment/employers/${employer.id}`, { version: 1, name: 'x', kind: 'enterprise' }), 403);
    expectRefused(await otherCounty.get(`/api/employment/employers/${employer.id}`), 404);
    expect(ok<{ contactPhone: string }>(await county.post(`/api/employment/employers/${employer.id}/reveal`)).contactPhone).toBe('13905721234');
    expect(await sys.selectFrom('audit_logs').select('action').where('target_id', '=', employer.id).where('action', '=', 'employer.reveal').execute()).toHaveLength(1);
  });

  it('openings refuse reversed ranges in Chinese, are seen below the owner and by the units shared with only', async () => {
    const before = Number((await sys.selectFrom('job_openings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expectRefused(await county.post('/api/employment/openings', openingBody({ payMin: 7000, payMax: 5000 })), 400, /月薪上限不能低于下限/);
    expectRefused(await county.post('/api/employment/openings', openingBody({ validFrom: '2026-09-01', validTo: '2026-06-01' })), 400, /有效期止不能早于有效期起/);
    expectRefused(await county.post('/api/employment/openings', openingBody({ skills: ['magic'] })), 400, chinese);
    expect(Number((await sys.selectFrom('job_openings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    opening = ok<OpeningDto>(await county.post('/api/employment/openings', openingBody()));
    expect(opening).toMatchObject({ open: true, canEdit: true, employerName: '安吉现代物流有限公司', skills: ['forklift', 'driverB2'], sharedWith: [] });
    // below the owner: seen, not editable
    expect(ok<OpeningDto>(await village.get(`/api/employment/openings/${opening.id}`)).canEdit).toBe(false);
    expectRefused(await village.put(`/api/employment/openings/${opening.id}`, { ...openingBody(), version: 1 }), 403);
    expectRefused(await village.post(`/api/employment/openings/${opening.id}/shares`, { orgUnitId: otherCountyId }), 403);
    // another county: nothing, until shared
    expectRefused(await otherCounty.get(`/api/employment/openings/${opening.id}`), 404);
    expect(ok<Page<OpeningDto>>(await otherCounty.get('/api/employment/openings?pageSize=200')).items.map((o) => o.id)).not.toContain(opening.id);
    expectRefused(await county.post(`/api/employment/openings/${opening.id}/shares`, { orgUnitId: units.village1.id }), 400, /县（市、区）或市级/);
    const shared = ok<OpeningDto>(await county.post(`/api/employment/openings/${opening.id}/shares`, { orgUnitId: otherCountyId }));
    expect(shared.sharedWith.map((s) => s.id)).toEqual([otherCountyId]);
    expectRefused(await county.post(`/api/employment/openings/${opening.id}/shares`, { orgUnitId: otherCountyId }), 409);
    const seen = ok<OpeningDto>(await otherCounty.get(`/api/employment/openings/${opening.id}`));
    expect(seen).toMatchObject({ canEdit: false, sharedWith: [] });
    expectRefused(await otherCounty.put(`/api/employment/openings/${opening.id}`, { ...openingBody(), version: 1 }), 403);
    expectRefused(await otherCounty.post(`/api/employment/openings/${opening.id}/shares`, { orgUnitId: otherCountyId }), 403);
    // a third county: still nothing, by id, list, matches or recommendation
    expectRefused(await thirdCounty.get(`/api/employment/openings/${opening.id}`), 404);
    expectRefused(await thirdCounty.get(`/api/employment/openings/${opening.id}/matches`), 404);
    expect(ok<Page<OpeningDto>>(await thirdCounty.get('/api/employment/openings?pageSize=200')).items.map((o) => o.id)).not.toContain(opening.id);
    expectRefused(await thirdCounty.post('/api/employment/recommendations', { openingId: opening.id, recipientId: a.id }), 404);
  });

  it('matches rank seekers for an opening and openings for a seeker, with reasons', async () => {
    const m = ok<Page<SeekerMatch>>(await village.get(`/api/employment/openings/${opening.id}/matches?pageSize=50`));
    expect(m.items[0]).toMatchObject({ recipientId: a.id, recommendationId: null });
    expect(m.items[0].reasons).toEqual(expect.arrayContaining(['技能：叉车证 ✓', '技能：驾驶证B2 ✓']));
    expect(m.items.map((x) => x.recipientId)).toContain(b.id);
    expect(m.items.find((x) => x.recipientId === b.id)!.score).toBeLessThan(m.items[0].score);
    const strict = ok<Page<SeekerMatch>>(await village.get(`/api/employment/openings/${opening.id}/matches?minScore=90`));
    expect(strict.items.map((x) => x.recipientId)).toEqual([a.id]);
    // village2's range has neither person
    expect(ok<Page<SeekerMatch>>(await village2.get(`/api/employment/openings/${opening.id}/matches`)).items.map((x) => x.recipientId)).not.toContain(a.id);
    const o = ok<Page<OpeningMatch>>(await village.get(`/api/employment/profiles/${a.id}/matches`));
    expect(o.items.map((x) => x.opening.id)).toContain(opening.id);
    expect(o.items.find((x) => x.opening.id === opening.id)!.reasons.join(' · ')).toMatch(/意向地：.+ ✓/);
  });

  it('a recommendation is a case: interviewed, then hired, and the person becomes employed', async () => {
    const rec = ok<RecommendationDto>(await village.post('/api/employment/recommendations', { openingId: opening.id, recipientId: a.id, note: '本人同意' }));
    expect(rec).toMatchObject({ status: 'recommended', actions: ['interview', 'hire', 'decline'], position: '叉车司机' });
    expect(rec.score).toBeGreaterThanOrEqual(90);
    expectRefused(await village.post('/api/employment/recommendations', { openingId: opening.id, recipientId: a.id }), 409, /已推荐/);
    expect((await queue(village)).length).toBeGreaterThanOrEqual(0);
    expectRefused(await village.post(`/api/employment/recommendations/${rec.id}/actions`, { action: 'interview', version: rec.version, on: '2026-06-20' }), 400, /晚于今天/);
    const interviewed = ok<RecommendationDto>(await village.post(`/api/employment/recommendations/${rec.id}/actions`, { action: 'interview', version: rec.version, on: '2026-06-15' }));
    expect(interviewed.status).toBe('interviewed');
    expectRefused(await village.post(`/api/employment/recommendations/${rec.id}/actions`, { action: 'interview', version: interviewed.version, on: '2026-06-15' }), 409);
    expectRefused(await village2.post(`/api/employment/recommendations/${rec.id}/actions`, { action: 'hire', version: interviewed.version, on: '2026-06-15' }), 404);
    const hired = ok<RecommendationDto>(await village.post(`/api/employment/recommendations/${rec.id}/actions`, { action: 'hire', version: interviewed.version, on: '2026-06-15' }));
    expect(hired).toMatchObject({ status: 'hired', outcomeOn: '2026-06-15', actions: [] });
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${a.id}`)).employmentStatus).toBe('employed');
    expect(await profile(village, a.id)).toMatchObject({ status: 'employed', seeking: false, employerName: '安吉现代物流有限公司' });
    const cas = await sys.selectFrom('cases').select(['case_type', 'status', 'open']).where('id', '=', rec.id).executeTakeFirstOrThrow();
    expect(cas).toMatchObject({ case_type: 'jobRecommendation', status: 'hired' });
    const declined = ok<RecommendationDto>(await village.post('/api/employment/recommendations', { openingId: opening.id, recipientId: b.id }));
    ok(await village.post(`/api/employment/recommendations/${declined.id}/actions`, { action: 'decline', version: declined.version, on: '2026-06-15', reason: 'person' }));
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${b.id}`)).employmentStatus).toBe('unemployed');
  });

  it('figures equal the records behind them', async () => {
    const f = ok<EmploymentFigures>(await county.get('/api/employment/figures?from=2026-06-01&to=2026-06-30'));
    const recs = ok<Page<RecommendationDto>>(await county.get('/api/employment/recommendations?pageSize=200'));
    expect(f.recommended).toBe(recs.items.filter((r) => r.recommendedOn >= '2026-06-01' && r.recommendedOn <= '2026-06-30').length);
    expect(f.hired).toBe(recs.items.filter((r) => r.status === 'hired').length);
    expect(f.hired).toBe(1);
    const township = f.units.find((u) => u.id === units.township.id)!;
    const inTownship = ok<Page<EmploymentProfileDto>>(await county.get(`/api/employment/profiles?orgUnitId=${units.township.id}&pageSize=200`));
    expect(township.people).toBe(inTownship.total);
    expect(township.employed).toBe(inTownship.items.filter((p) => p.status === 'employed' || p.status === 'selfEmployed').length);
    expectRefused(await county.get('/api/employment/figures?from=2026-07-01&to=2026-06-01'), 400, chinese);
    expectRefused(await village.get(`/api/employment/figures?from=2026-06-01&to=2026-06-30&orgUnitId=${otherCountyId}`), 404);
  });

  it('the ledger exports the filtered profiles with their recommendations, audited', async () => {
    const res = await village.get('/api/ledgers/employment?status=employed');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(EMPLOYMENT_LEDGER_HEADERS);
    const rows = ws.getRows(4, ws.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1));
    const mine = rows.find((r) => r[1] === '钱叉车')!;
    expect(mine[5]).toBe('在岗就业');
    expect(String(mine[2])).toContain('*');
    expect(String(mine[16])).toContain('叉车司机（已录用）');
    expect(await sys.selectFrom('audit_logs').select('action').where('action', '=', 'employment.export').execute()).toHaveLength(1);
  });
});
