// Hard problems 疑难问题 (§8) through the real API on every database: a village reports a problem with
// a person and an attachment to its township (due in TOWNSHIP_STUDY_WORKING_DAYS working days, in the
// township's work queue), the township records a study and passes it up, the county reviews it in
// its monthly review list and passes it to the city, the city resolves it; only the handling unit's
// own staff act; the raising village follows every step and sees the resolution, a sibling village
// never; the status always the log's last; bad input refused in Chinese with nothing written;
// filters, sorting, the ledger, the attachment download audited, and the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { dueDayWith } from '../../cases/deadlines';
import { computeFigures } from '../../platform/figures';
import { subscribe } from '../../platform/events';
import { hardProblemArrived } from './hard-problems.events';
import { shippedHolidayTable } from '../../../shared/holidays/cn-holidays';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { TOWNSHIP_STUDY_WORKING_DAYS, type HardProblemDetail, type HardProblemDto, type HardProblemReviewList } from '../../../shared/schemas/hard-problems';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { HARD_PROBLEM_LEDGER_HEADERS } from './hard-problems.export';
import './index';

const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
type Queue = { items: WorkItemDto[] };

describe.each(dbKinds)('hard problems on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let grid: Agent;
  let township: Agent;
  let county: Agent;
  let city: Agent;
  let person: RecipientDetail;
  let stranger: RecipientDetail;
  let seq = 700;

  const register = (by: Agent, unitId: string, name: string) => registerApproved(by, county, simpleForm(unitId, name, makeId('1972-04-0' + ((seq % 9) + 1), ++seq)));
  const body = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.village1.id,
    recipientId: null,
    category: 'housing',
    title: '危房改造资金缺口',
    description: '老兵住房年久失修，村里无力承担改造费用。',
    tried: '村两委已走访两次，协调亲属出资未果。',
    ...over,
  });
  const report = async (by: Agent, over: Record<string, unknown> = {}) => ok<HardProblemDetail>(await by.post('/api/hard-problems', body(over)));
  const act = (a: Agent, p: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) => a.post(`/api/hard-problems/${p.id}/actions`, { action, version: p.version, comment: '', ...extra });
  const list = async (a: Agent, q = '') => ok<Page<HardProblemDto>>(await a.get(`/api/hard-problems?pageSize=200${q}`));
  const count = async (table: 'hard_problems' | 'cases' | 'case_actions' | 'files') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = () => Promise.all((['hard_problems', 'cases', 'case_actions', 'files'] as const).map(count));

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    grid = await t.login('grid');
    township = await t.login('township');
    county = await t.login('county');
    city = await t.login('cityreviewer');
    person = await register(village, units.village1.id, '钱守业');
    stranger = await register(village2, units.village2.id, '孙二村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('goes up village → township → county → city and is resolved; the raiser follows it, a sibling village never', async () => {
    const arrived: { level: string; atUnitId: string; how: string }[] = [];
    const stop = subscribe(hardProblemArrived, async (_trx, _ctx, e) => {
      arrived.push({ level: e.level, atUnitId: e.atUnit.id, how: e.how });
    });
    let p = await report(village, { recipientId: person.id, files: [{ name: '现场照片.png', mime: 'image/png', dataBase64: TINY_PNG }] });
    const due = dueDayWith(shippedHolidayTable, '2026-06-15', { days: TOWNSHIP_STUDY_WORKING_DAYS, kind: 'working' });
    expect(due > '2026-06-25').toBe(true); // working days, not natural ones
    expect(p).toMatchObject({ status: 'township', atUnitId: units.township.id, firstLevel: 'township', recipientName: '钱守业', reportedOn: '2026-06-15', dueDay: due, overdue: false, allowed: ['withdraw'] });
    expect(p.files).toHaveLength(1);
    // in the township's work queue, linking to the problem's page
    expect(ok<Queue>(await township.get('/api/work-queue')).items.find((i) => i.id === p.id)?.link).toBe(`/hard-problems/${p.id}`);
    // a sibling village sees nothing of it
    expectRefused(await village2.get(`/api/hard-problems/${p.id}`), 404);
    expectRefused(await village2.get(`/api/hard-problems/${p.id}/files/${p.files[0].id}`), 404);
    expect((await list(village2)).items.map((i) => i.id)).not.toContain(p.id);
    // the attachment is downloaded by the raiser and audited
    const f = await village.get(`/api/hard-problems/${p.id}/files/${p.files[0].id}`);
    expect(f.statusCode).toBe(200);
    expect(Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'hard-problem.file-view').executeTakeFirstOrThrow()).n)).toBe(1);

    // only the township's own staff act; the village neither studies nor passes up
    expectRefused(await act(county, p, 'study', { studiedOn: '2026-06-15', participants: '县中心', notes: '代为研究' }), 403);
    expectRefused(await act(village, p, 'escalate', { comment: '上报' }), 403);
    expect(ok<HardProblemDetail>(await township.get(`/api/hard-problems/${p.id}`)).allowed.sort()).toEqual(['escalate', 'resolve', 'study'].sort());
    p = ok<HardProblemDetail>(await act(township, p, 'study', { studiedOn: '2026-06-15', participants: '站长、专干、村书记', notes: '资金缺口 3 万元，镇级无专项资金。' }));
    expect(p).toMatchObject({ status: 'township', dueDay: due });
    expect(p.studies).toMatchObject([{ studiedOn: '2026-06-15', participants: '站长、专干、村书记', unitName: expect.stringContaining('孝丰') }]);
    // passing up needs a reason
    expectRefused(await act(township, p, 'escalate'), 400);
    p = ok<HardProblemDetail>(await act(township, p, 'escalate', { comment: '镇级无力解决，申请县级协调专项资金' }));
    expect(p).toMatchObject({ status: 'county', atUnitId: units.county.id, dueDay: null });
    expect(ok<Queue>(await county.get('/api/work-queue')).items.find((i) => i.id === p.id)).toBeTruthy();
    expect(ok<Queue>(await township.get('/api/work-queue')).items.find((i) => i.id === p.id)).toBeFalsy();

    // the county's monthly review: not reviewed this month until the review entry
    let rl = ok<HardProblemReviewList>(await county.get('/api/hard-problems/review'));
    expect(rl).toMatchObject({ month: '2026-06', unitId: units.county.id });
    expect(rl.items.find((i) => i.id === p.id)).toMatchObject({ reviewedThisMonth: false, lastReviewOn: null });
    expectRefused(await act(county, p, 'review', { reviewedOn: '2026-06-15', decision: '协调住建部门', ownerName: '李红梅', dueOn: '2026-06-10' }), 400, /办理时限/);
    expectRefused(await act(county, p, 'review', { reviewedOn: '2026-06-16', decision: '协调住建部门', ownerName: '李红梅', dueOn: '2026-06-30' }), 400, /不能晚于今天/);
    p = ok<HardProblemDetail>(await act(county, p, 'review', { reviewedOn: '2026-06-15', decision: '协调住建部门纳入危房改造计划', ownerName: '李红梅', dueOn: '2026-06-30' }));
    expect(p).toMatchObject({ status: 'county', lastReviewOn: '2026-06-15' });
    expect(p.reviews).toMatchObject([{ reviewedOn: '2026-06-15', decision: '协调住建部门纳入危房改造计划', ownerName: '李红梅', dueOn: '2026-06-30' }]);
    rl = ok<HardProblemReviewList>(await county.get('/api/hard-problems/review'));
    expect(rl.items.find((i) => i.id === p.id)).toMatchObject({ reviewedThisMonth: true, lastReviewOn: '2026-06-15' });
    expect(ok<HardProblemReviewList>(await county.get('/api/hard-problems/review?month=2026-07')).items.find((i) => i.id === p.id)?.reviewedThisMonth).toBe(false);
    // a month is judged by the review entries dated in it (a second one the same day changes nothing)
    p = ok<HardProblemDetail>(await act(county, p, 'review', { reviewedOn: '2026-06-15', decision: '补记：已联系住建部门', ownerName: '李红梅', dueOn: '2026-06-30' }));
    expect(p.lastReviewOn).toBe('2026-06-15');
    expect(ok<HardProblemReviewList>(await county.get('/api/hard-problems/review?month=2026-05')).items.find((i) => i.id === p.id)?.reviewedThisMonth).toBe(false);
    expect(ok<HardProblemReviewList>(await county.get('/api/hard-problems/review?month=2026-06')).items.find((i) => i.id === p.id)?.reviewedThisMonth).toBe(true);
    // the township may not review (a county action) nor ask for another unit's list outside its range
    expectRefused(await county.get('/api/hard-problems/review?month=2026-13'), 400);
    expectRefused(await village.get(`/api/hard-problems/review?orgUnitId=${units.county.id}`), 404);

    p = ok<HardProblemDetail>(await act(county, p, 'escalateCity', { comment: '资金需市级统筹' }));
    expect(p).toMatchObject({ status: 'city', atUnitName: expect.stringContaining('市') });
    expectRefused(await act(county, p, 'resolve', { resolution: '县里解决' }), 403);
    expectRefused(await act(city, p, 'resolve', { resolution: '' }), 400);
    p = ok<HardProblemDetail>(await act(city, p, 'resolve', { resolution: '市级统筹资金 3 万元，已完成危房改造。' }));
    expect(p).toMatchObject({ status: 'resolved', resolvedLevel: 'city', atUnitId: null, closedOn: '2026-06-15', allowed: [] });
    expectRefused(await act(city, p, 'study', { studiedOn: '2026-06-15', participants: 'x', notes: 'x' }), 409);

    // the raiser follows it to the end: the resolution and every step in the timeline
    const seen = ok<HardProblemDetail>(await village.get(`/api/hard-problems/${p.id}`));
    expect(seen).toMatchObject({ status: 'resolved', resolution: '市级统筹资金 3 万元，已完成危房改造。', resolvedUnitName: p.resolvedUnitName });
    expect(seen.log.map((e) => e.action)).toEqual(['report', 'study', 'escalate', 'review', 'review', 'escalateCity', 'resolve']);
    expect(seen.log.map((e) => e.toStatus)).toEqual(['township', 'township', 'county', 'county', 'county', 'city', 'resolved']);
    expect((await list(village, '&status=resolved')).items.map((i) => i.id)).toContain(p.id);
    expect(await statusMismatchesUnscoped(t.db.handle.db)).toEqual([]);
    // each arrival at a unit was published once (notifications' 新的疑难问题)
    stop();
    expect(arrived).toEqual([
      { level: 'township', atUnitId: units.township.id, how: 'report' },
      { level: 'county', atUnitId: units.county.id, how: 'escalate' },
      { level: 'city', atUnitId: expect.any(String), how: 'escalate' },
    ]);
  });

  it('refuses bad input in Chinese with nothing written; the raiser withdraws', async () => {
    const before = await counts();
    expectRefused(await village.post('/api/hard-problems', body({ title: '' })), 400, /问题概要/);
    expectRefused(await village.post('/api/hard-problems', body({ category: 'x' })), 400, /问题类别/);
    expectRefused(await village.post('/api/hard-problems', body({ recipientId: stranger.id })), 404);
    expectRefused(await township.post('/api/hard-problems', body({ recipientId: stranger.id })), 400, /辖区/);
    expectRefused(await village.post('/api/hard-problems', body({ orgUnitId: units.village2.id })), 404);
    expectRefused(await grid.post('/api/hard-problems', body({ orgUnitId: await gridUnit() })), 400, /乡镇/);
    expectRefused(await village.post('/api/hard-problems', body({ files: [{ name: 'x.png', mime: 'image/png', dataBase64: 'AAAA' }] })), 400);
    expect(await counts()).toEqual(before);

    let p = await report(village);
    expectRefused(await act(township, p, 'study', { studiedOn: '2026-06-20', participants: '站长', notes: '研究' }), 400, /不能晚于今天/);
    expectRefused(await act(township, p, 'withdraw', { comment: '代撤回' }), 403);
    expectRefused(await act(village, p, 'withdraw', { comment: '', version: p.version }), 400);
    expectRefused(await act(village, { ...p, version: p.version + 1 }, 'withdraw', { comment: '已自行解决' }), 409);
    p = ok<HardProblemDetail>(await act(village, p, 'withdraw', { comment: '已自行解决' }));
    expect(p).toMatchObject({ status: 'withdrawn', closedOn: '2026-06-15' });
  });

  async function gridUnit(): Promise<string> {
    const r = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'grid').executeTakeFirstOrThrow();
    return r.org_unit_id;
  }

  it('filters, sorts and exports; a township-level raiser goes straight to the county; the figures count the range', async () => {
    const a = await report(village, { category: 'medical', title: '大病医疗自付过高' });
    const b = ok<HardProblemDetail>(await act(township, a, 'resolve', { resolution: '镇里协调医疗救助，已报销。' }));
    expect(b).toMatchObject({ status: 'resolved', resolvedLevel: 'township', firstLevel: 'township' });
    const c = await report(township, { orgUnitId: units.township.id, category: 'policy', title: '优待证换发政策不明' });
    expect(c).toMatchObject({ status: 'county', atUnitId: units.county.id, firstLevel: 'county', dueDay: null });
    const v2 = await report(village2, { orgUnitId: units.village2.id, category: 'employment', title: '就业岗位不足' });

    expect((await list(county, '&category=medical')).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list(county, '&level=county')).items.map((i) => i.id)).toContain(c.id);
    expect((await list(county, '&level=county')).items.map((i) => i.id)).not.toContain(v2.id);
    expect((await list(township, '&waitingOnMe=true')).items.map((i) => i.id)).toEqual(expect.arrayContaining([v2.id]));
    expect((await list(township, '&waitingOnMe=true')).items.map((i) => i.id)).not.toContain(c.id);
    expect((await list(county, '&period=2026-06')).total).toBeGreaterThanOrEqual(4);
    expect((await list(county, '&period=2026-05')).total).toBe(0);
    expect((await list(county, `&orgUnitId=${units.village2.id}`)).items.map((i) => i.id)).toEqual([v2.id]);
    expect((await list(village, '&status=open')).items.map((i) => i.id)).not.toContain(v2.id);
    const asc = (await list(county, '&sort=updatedAt&order=asc')).items.map((i) => i.updatedAt);
    expect(asc).toEqual([...asc].sort());
    expectRefused(await county.get('/api/hard-problems?period=2026-13'), 400);
    expectRefused(await county.get('/api/hard-problems?level=village'), 400, /所在层级/);

    // the ledger: the list's filters, ID numbers masked
    const res = await county.get(`/api/ledgers/hard-problems?orgUnitId=${units.village1.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(HARD_PROBLEM_LEDGER_HEADERS);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => n > 3 && rows.push((r.values as unknown[]).slice(1)));
    expect(rows.map((r) => r[4])).toEqual(expect.arrayContaining(['危房改造资金缺口', '大病医疗自付过高']));
    expect(rows.map((r) => r[4])).not.toContain('就业岗位不足');
    expect(rows.find((r) => r[5] === '钱守业')?.[6]).toMatch(/\*/);

    // figures over the county's range for June: every problem of the three tests
    const f = await computeFigures(t.db.handle.db, { path: units.county.path, from: '2026-06-01', to: '2026-06-30' }, ['hardProblems.reported', 'hardProblems.resolved', 'hardProblems.resolvedFirstLevel', 'hardProblems.openAtEnd', 'hardProblems.handled', 'hardProblems.resolutionRate']);
    // reported: 1 (city) + 1 (withdrawn) + a + c + v2 = 5; resolved: city one + a; first level: a; open: c + v2; handled: 5 − withdrawn
    expect(f).toEqual({ 'hardProblems.reported': 5, 'hardProblems.resolved': 2, 'hardProblems.resolvedFirstLevel': 1, 'hardProblems.openAtEnd': 2, 'hardProblems.handled': 4, 'hardProblems.resolutionRate': 50 });
    const village1Only = await computeFigures(t.db.handle.db, { path: units.village2.path, from: '2026-06-01', to: '2026-06-30' }, ['hardProblems.reported', 'hardProblems.openAtEnd']);
    expect(village1Only).toEqual({ 'hardProblems.reported': 1, 'hardProblems.openAtEnd': 1 });
    const may = await computeFigures(t.db.handle.db, { path: units.county.path, from: '2026-05-01', to: '2026-05-31' }, ['hardProblems.reported', 'hardProblems.resolutionRate']);
    expect(may).toEqual({ 'hardProblems.reported': 0, 'hardProblems.resolutionRate': null });
  });
});
