// Job fairs and trainings 招聘会、培训 through the real API on every database: a training's reversed
// dates and an enrolment over its places are Chinese 400s that write nothing; a village enrols its
// own veterans in the county's adaptive training (not another village's); attendance and completion
// with certificate; this year's discharged tracked through the adaptive training (coverage list, the
// village worker's queue, figures equal to the rows); a fair with employers from the employment
// module, registration, attendance and results (each refused before the fair); both ledgers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { EmployerDto, OpeningDto } from '../../../shared/schemas/employment';
import { computeFigures } from '../../platform/figures';
import type { CoverageItem, JobFairDetail, TrainingDetail, TrainingDto, TrainingFigures } from '../../../shared/schemas/trainings';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { JOB_FAIR_LEDGER_HEADERS, TRAINING_LEDGER_HEADERS } from './trainings.export';

describe.each(dbKinds)('trainings on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let a: RecipientDetail;
  let b: RecipientDetail;
  let c: RecipientDetail;
  let other: RecipientDetail;
  let adaptive: TrainingDetail;
  let seq = 700;

  const newPerson = async (by: Agent, unitId: string, name: string, over: Record<string, unknown> = {}) =>
    registerApproved(by, county, simpleForm(unitId, name, makeId('1999-04-0' + ((seq % 9) + 1), ++seq), { enlistmentDate: '2021-09-01', dischargeDate: '2026-03-01', ...over }));
  const trainingBody = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.county.id,
    kind: 'adaptive',
    name: '2026年退役军人适应性培训',
    provider: '县职业技术学校',
    course: '政策解读、心理调适、职业规划',
    startOn: '2026-06-10',
    endOn: '2026-06-20',
    places: 2,
    sessions: 5,
    place: '县退役军人服务中心',
    note: '',
    ...over,
  });
  const queue = async (by: Agent) => ok<{ items: WorkItemDto[] }>(await by.get('/api/work-queue')).items.filter((i) => i.provider === 'trainings');
  const coverage = async (by: Agent, state = 'all') => ok<Page<CoverageItem>>(await by.get(`/api/trainings/coverage?state=${state}&pageSize=200`)).items;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    a = await newPerson(village, units.village1.id, '周适应');
    b = await newPerson(village, units.village1.id, '吴技能');
    c = await newPerson(village, units.village1.id, '郑满额');
    other = await newPerson(village2, units.village2.id, '王邻村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a training with reversed dates is a Chinese 400 and nothing is written', async () => {
    const before = await sys.selectFrom('trainings').select('id').execute();
    expectRefused(await county.post('/api/trainings', trainingBody({ startOn: '2026-06-20', endOn: '2026-06-10' })), 400, /结束日期不能早于开始日期/);
    expectRefused(await county.post('/api/trainings', trainingBody({ places: 0 })), 400, /名额至少 1 人/);
    expect(await sys.selectFrom('trainings').select('id').execute()).toHaveLength(before.length);
    adaptive = ok<TrainingDetail>(await county.post('/api/trainings', trainingBody()));
    expect(adaptive).toMatchObject({ kind: 'adaptive', phase: 'ongoing', enrolled: 0, places: 2, canEdit: true });
  });

  it('a village enrols its own veterans in the county’s training, up to the places, all or none', async () => {
    // the village sees the county's training, but cannot change it
    expect(ok<TrainingDetail>(await village.get(`/api/trainings/${adaptive.id}`)).canEdit).toBe(false);
    expectRefused(await village.put(`/api/trainings/${adaptive.id}`, { ...trainingBody(), version: adaptive.version }), 403, chinese);
    // another village's person is refused, and nothing is written
    expectRefused(await village.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [a.id, other.id] }), 400, /管辖范围内/);
    // three people for two places: refused, nothing written
    expectRefused(await village.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [a.id, b.id, c.id] }), 400, /名额不足/);
    expect(await sys.selectFrom('training_enrolments').select('recipient_id').where('training_id', '=', adaptive.id).execute()).toHaveLength(0);
    const d = ok<TrainingDetail>(await village.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [a.id, b.id] }));
    expect(d.enrolments.map((e) => e.name).sort()).toEqual(['吴技能', '周适应'].sort());
    expectRefused(await village.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [a.id] }), 409, /已报名/);
    expectRefused(await village2.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [other.id] }), 400, /名额不足/);
    // the places cannot drop below those enrolled
    expectRefused(await county.put(`/api/trainings/${adaptive.id}`, { ...trainingBody({ places: 1 }), version: adaptive.version }), 400, /名额不能少于已报名人数/);
    adaptive = ok<TrainingDetail>(await county.put(`/api/trainings/${adaptive.id}`, { ...trainingBody({ places: 3 }), version: adaptive.version }));
    expect(adaptive.places).toBe(3);
    // village2 sees only its own people in the training
    ok(await village2.post(`/api/trainings/${adaptive.id}/enrolments`, { recipientIds: [other.id] }));
    expect(ok<TrainingDetail>(await village2.get(`/api/trainings/${adaptive.id}`)).enrolments.map((e) => e.name)).toEqual(['王邻村']);
  });

  it('attendance and completion with certificate; this year’s discharged leave the queue and the coverage list once completed', async () => {
    const q0 = (await queue(village)).map((i) => i.id);
    expect(q0).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(await queue(county)).toEqual([]); // the county is not a village station
    const cov0 = await coverage(village);
    expect(cov0.find((x) => x.recipientId === c.id)?.state).toBe('notEnrolled');
    expect(cov0.find((x) => x.recipientId === a.id)?.state).toBe('enrolled');
    expect(cov0.some((x) => x.recipientId === other.id)).toBe(false);

    const e = (await village.get(`/api/trainings/${adaptive.id}`).then((r) => ok<TrainingDetail>(r))).enrolments.find((x) => x.recipientId === a.id)!;
    const put = (body: Record<string, unknown>) => village.put(`/api/trainings/${adaptive.id}/enrolments/${a.id}`, { version: e.version, attendedSessions: 5, completedOn: '2026-06-15', certificateName: '', certificateNo: '', ...body });
    expectRefused(await put({ attendedSessions: 6 }), 400, /出勤课次不能多于培训课次/);
    expectRefused(await put({ completedOn: '2026-06-01' }), 400, /结业日期不能早于培训开始日期/);
    expectRefused(await put({ completedOn: '2026-06-16' }), 400, /不能晚于今天/);
    expectRefused(await put({ completedOn: null, certificateName: '结业证书' }), 400, /请先填写结业日期/);
    expectRefused(await village2.put(`/api/trainings/${adaptive.id}/enrolments/${a.id}`, { version: e.version, attendedSessions: 1, completedOn: null }), 404);
    const done = ok<TrainingDetail>(await put({ certificateName: '适应性培训结业证书', certificateNo: 'AJ2026-001' }));
    expect(done.enrolments.find((x) => x.recipientId === a.id)).toMatchObject({ attendedSessions: 5, completedOn: '2026-06-15', certificateNo: 'AJ2026-001' });
    expect(done.completed).toBe(1);
    expectRefused(await put({}), 409, chinese);

    expect((await queue(village)).map((i) => i.id)).not.toContain(a.id);
    expect((await coverage(village, 'open')).map((x) => x.recipientId)).not.toContain(a.id);
    expect((await coverage(village, 'completed')).map((x) => x.recipientId)).toEqual([a.id]);
    expect((await coverage(village, 'notEnrolled')).map((x) => x.recipientId)).toContain(c.id);
    const audits = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', adaptive.id).execute();
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['training.create', 'training.update', 'training.enrol', 'training.enrolment-update']));
  });

  it('a skills training, the list by phase, and figures equal to the rows behind them', async () => {
    const skills = ok<TrainingDetail>(await village.post('/api/trainings', trainingBody({ orgUnitId: units.village1.id, kind: 'skills', name: '叉车操作培训', startOn: '2026-07-01', endOn: '2026-07-10', places: 10 })));
    expect(skills.phase).toBe('planned');
    ok(await village.post(`/api/trainings/${skills.id}/enrolments`, { recipientIds: [b.id] }));
    // attendance before the training starts is refused
    const e = ok<TrainingDetail>(await village.get(`/api/trainings/${skills.id}`)).enrolments[0];
    expectRefused(await village.put(`/api/trainings/${skills.id}/enrolments/${b.id}`, { version: e.version, attendedSessions: 1, completedOn: null }), 400, /尚未开始/);
    const planned = ok<Page<TrainingDto>>(await village.get('/api/trainings?phase=planned&pageSize=200'));
    expect(planned.items.map((x) => x.id)).toEqual([skills.id]);
    expect(ok<Page<TrainingDto>>(await village2.get('/api/trainings?pageSize=200')).items.map((x) => x.id)).not.toContain(skills.id);
    expectRefused(await village2.get(`/api/trainings/${skills.id}`), 404);

    const f = ok<TrainingFigures>(await county.get('/api/trainings/figures?from=2026-06-01&to=2026-06-30'));
    const township = f.units.find((u) => u.id === units.township.id)!;
    const cov = ok<Page<CoverageItem>>(await county.get(`/api/trainings/coverage?orgUnitId=${units.township.id}&state=all&pageSize=200`));
    expect(township.discharged).toBe(cov.total);
    expect(township.covered).toBe(cov.items.filter((x) => x.state === 'completed').length);
    expect(township.enrolled).toBe(cov.items.filter((x) => x.state !== 'notEnrolled').length);
    expect(township.completedAdaptive).toBe(1);
    expect(township.completedSkills).toBe(0);
    expectRefused(await county.get('/api/trainings/figures?from=2026-07-01&to=2026-06-01'), 400, /结束日期不能早于开始日期/);
  });

  it('a fair with employers, registration, attendance and results, each in its time', async () => {
    const employer = ok<EmployerDto>(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '安吉竹业有限公司', kind: 'enterprise' }));
    const body = { orgUnitId: units.township.id, name: '退役军人专场招聘会', heldOn: '2026-06-15', place: '镇文化礼堂', kind: 'special', employers: [{ employerId: employer.id, openings: 12 }], note: '' };
    expectRefused(await county.post('/api/job-fairs', { ...body, employers: [{ employerId: 'nosuch', openings: 1 }] }), 400, /用人单位不存在/);
    expectRefused(await county.post('/api/job-fairs', { ...body, employers: [body.employers[0], body.employers[0]] }), 400, /不能重复/);
    const { orgUnitId: _u, ...fields } = body;
    // a fair still to come: no attendance, no results; one already held: no registration
    const later = ok<JobFairDetail>(await county.post('/api/job-fairs', { ...body, name: '秋季综合招聘会', kind: 'general', heldOn: '2026-09-20' }));
    ok(await village.post(`/api/job-fairs/${later.id}/registrations`, { recipientIds: [c.id] }));
    expectRefused(await county.put(`/api/job-fairs/${later.id}/attendance`, { attended: [c.id] }), 400, /尚未举办/);
    expectRefused(await county.put(`/api/job-fairs/${later.id}`, { ...fields, name: '秋季综合招聘会', kind: 'general', heldOn: '2026-09-20', version: later.version, intentCount: 1, hiredCount: 0 }), 400, /尚未举办/);
    const held = ok<JobFairDetail>(await county.post('/api/job-fairs', { ...body, name: '春季招聘会', heldOn: '2026-04-10', employers: [] }));
    expectRefused(await village.post(`/api/job-fairs/${held.id}/registrations`, { recipientIds: [c.id] }), 400, /已举办/);

    let fair = ok<JobFairDetail>(await county.post('/api/job-fairs', body));
    expect(fair).toMatchObject({ openingsOffered: 12, registered: 0, employers: [{ name: '安吉竹业有限公司', openings: 12 }] });
    fair = ok<JobFairDetail>(await village.post(`/api/job-fairs/${fair.id}/registrations`, { recipientIds: [a.id, b.id] }));
    expect(fair.registered).toBe(2);
    expectRefused(await village.post(`/api/job-fairs/${fair.id}/registrations`, { recipientIds: [other.id] }), 400, /管辖范围内/);
    expectRefused(await village.put(`/api/job-fairs/${fair.id}/attendance`, { attended: [a.id] }), 403, chinese);
    expectRefused(await county.put(`/api/job-fairs/${fair.id}/attendance`, { attended: [c.id] }), 400, /已报名/);
    fair = ok<JobFairDetail>(await county.put(`/api/job-fairs/${fair.id}/attendance`, { attended: [a.id] }));
    expect(fair).toMatchObject({ registered: 2, attended: 1 });
    const update = { ...fields, version: fair.version, intentCount: 2, hiredCount: 1 };
    expectRefused(await county.put(`/api/job-fairs/${fair.id}`, { ...update, hiredCount: 3 }), 400, /录用人数不能多于意向达成人数/);
    fair = ok<JobFairDetail>(await county.put(`/api/job-fairs/${fair.id}`, update));
    expect(fair).toMatchObject({ intentCount: 2, hiredCount: 1 });
    // another village of the township sees the township's fair, but none of village1's people
    expect(ok<JobFairDetail>(await village2.get(`/api/job-fairs/${fair.id}`)).people).toEqual([]);
    expect(ok<JobFairDetail>(await village.get(`/api/job-fairs/${fair.id}`)).people.map((p) => p.attended).sort()).toEqual([false, true]);

    const res = await county.get(`/api/ledgers/job-fairs?from=2026-06-15&to=2026-06-15`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(JOB_FAIR_LEDGER_HEADERS);
    const row = (ws.getRow(4).values as unknown[]).slice(1);
    expect(row.slice(1, 12)).toEqual(['退役军人专场招聘会', expect.any(String), '2026-06-15', '镇文化礼堂', '专场', '安吉竹业有限公司（12）', 12, 2, 1, 2, 1]);
  });

  it('per-person fair results: registered people only, an employer and opening at the fair, all or nothing; the figure and ledger follow', async () => {
    const atFair = ok<EmployerDto>(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '递铺物流有限公司', kind: 'enterprise' }));
    const elsewhere = ok<EmployerDto>(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '孝丰机械厂', kind: 'enterprise' }));
    const opening = (employerId: string) => ({ orgUnitId: units.county.id, employerId, position: '叉车司机', skills: ['forklift'], industry: 'transport', placeUnitId: units.county.id, workTime: 'full', payMin: 4500, payMax: 6500, headcount: 3, validFrom: '2026-06-01', validTo: '2026-09-30', veteransPreferred: true, description: '' });
    const good = ok<OpeningDto>(await county.post('/api/employment/openings', opening(atFair.id)));
    const away = ok<OpeningDto>(await county.post('/api/employment/openings', opening(elsewhere.id)));
    let fair = ok<JobFairDetail>(await county.post('/api/job-fairs', { orgUnitId: units.township.id, name: '逐人结果招聘会', heldOn: '2026-06-15', place: '镇文化礼堂', kind: 'special', employers: [{ employerId: atFair.id, openings: 3 }], note: '' }));
    fair = ok<JobFairDetail>(await village.post(`/api/job-fairs/${fair.id}/registrations`, { recipientIds: [a.id, b.id] }));
    const url = `/api/job-fairs/${fair.id}/results`;
    const stored = async () => (await sys.selectFrom('job_fair_people').select(['recipient_id', 'outcome']).where('fair_id', '=', fair.id).where('outcome', 'is not', null).execute()).length;
    // bad input: a person not registered, an employer not at the fair, an opening of another employer, hired without employer
    expectRefused(await village.put(url, { results: [{ recipientId: a.id, outcome: 'hired', employerId: atFair.id }, { recipientId: c.id, outcome: 'none' }] }), 400, /已报名该招聘会/);
    expectRefused(await village.put(url, { results: [{ recipientId: a.id, outcome: 'intent', employerId: elsewhere.id }] }), 400, /未参加该招聘会/);
    expectRefused(await village.put(url, { results: [{ recipientId: a.id, outcome: 'hired', employerId: atFair.id, openingId: away.id }] }), 400, /不是该用人单位在本次招聘会提供的岗位/);
    expectRefused(await village.put(url, { results: [{ recipientId: a.id, outcome: 'hired' }] }), 400, /须选择用人单位/);
    expectRefused(await village2.put(url, { results: [{ recipientId: a.id, outcome: 'none' }] }), 400, /管辖范围内/);
    expect(await stored()).toBe(0);
    // the village records its own people's results (all or nothing), seen on the fair
    fair = ok<JobFairDetail>(await village.put(url, { results: [{ recipientId: a.id, outcome: 'hired', employerId: atFair.id, openingId: good.id, note: '7月1日上岗' }, { recipientId: b.id, outcome: 'none' }] }));
    expect(fair).toMatchObject({ resultIntent: 1, resultHired: 1, resultNone: 1 });
    expect(fair.people.find((p) => p.recipientId === a.id)).toMatchObject({ outcome: 'hired', outcomeEmployerName: '递铺物流有限公司', outcomeOpeningPosition: '叉车司机', outcomeNote: '7月1日上岗', outcomeOn: expect.any(String) });
    const fig = await computeFigures(t.db.handle.db, { path: units.township.path, from: '2026-06-01', to: '2026-06-30' }, ['trainings.fairPersonHires']);
    expect(fig['trainings.fairPersonHires']).toBe(1);
    // a result changed to 达成意向 and another cleared
    fair = ok<JobFairDetail>(await county.put(url, { results: [{ recipientId: a.id, outcome: 'intent', employerId: atFair.id }, { recipientId: b.id, outcome: null }] }));
    expect(fair).toMatchObject({ resultIntent: 1, resultHired: 0, resultNone: 0 });
    expect((await computeFigures(t.db.handle.db, { path: units.township.path, from: '2026-06-01', to: '2026-06-30' }, ['trainings.fairPersonHires']))['trainings.fairPersonHires']).toBe(0);
    expect(await sys.selectFrom('audit_logs').select('action').where('action', '=', 'job-fair.results').execute()).toHaveLength(2);

    const res = await county.get(`/api/ledgers/job-fairs?name=逐人结果`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // title, the responsible line, the header, then the fair's row
    expect((wb.worksheets[0].getRow(4).values as unknown[]).slice(1).slice(-3)).toEqual([1, 0, 0]);
  });

  it('the trainings ledger has one row per enrolled person, masked, audited', async () => {
    const res = await village.get('/api/ledgers/trainings?kind=adaptive');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(TRAINING_LEDGER_HEADERS);
    const rows = ws.getRows(4, ws.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1));
    expect(rows.map((r) => r[1]).sort()).toEqual(['吴技能', '周适应'].sort()); // not village2's person
    const mine = rows.find((r) => r[1] === '周适应')!;
    expect(String(mine[2])).toContain('*');
    expect(mine.slice(5, 7)).toEqual(['适应性培训', '2026年退役军人适应性培训']);
    expect(mine.slice(11)).toEqual(['5/5', '2026-06-15', '适应性培训结业证书', 'AJ2026-001']);
    expect(await sys.selectFrom('audit_logs').select('action').where('action', 'in', ['training.export', 'job-fair.export']).execute()).toHaveLength(3); // the results test's export too
  });
});
