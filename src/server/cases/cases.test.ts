// The case kernel through the real API on every database, with collection review as the case
// type: the log and the derived status agree after every action, the work queue shows who waits,
// wrong states, permissions and missing comments are refused, and deadlines follow the holiday
// table — including a year an administrator loads later, which recomputes open deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../test/helpers/app';
import { systemDb, type SystemDb } from '../db/system';
import { statusMismatchesUnscoped } from './cases.repo';
import type { RecipientDetail } from '../../shared/schemas/recipients';
import type { WorkItemDto } from '../../shared/schemas/cases';
import {
  MANY_LOGINS,
  act,
  demoUnits,
  expectRefused,
  makeId,
  ok,
  openCaseOf,
  register,
  registrySnapshot,
  simpleForm,
  veteranForm,
  type CaseDetail,
  type Units,
} from '../modules/recipients/recipients-test-support';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('case kernel on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let countyhead: Agent;

  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue'));
  const caseDetail = async (a: Agent, id: string) => ok<CaseDetail>(await a.get(`/api/cases/${id}`));
  const consistent = async () => expect(await statusMismatchesUnscoped(sys)).toEqual([]);

  /** Moves "today" and signs the agents in again (sessions idle out; passwords must not expire on the jump). */
  const travel = async (iso: string) => {
    t.clock.set(iso);
    await sys.updateTable('users').set({ password_changed_at: iso }).execute();
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    await travel(t.clock.now().toISOString());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('collection: register, submit, return with a reason, resubmit, approve — log and status agree at every step', async () => {
    const form = veteranForm(units.village1.id);
    const r = await register(village, form);
    // masked, derived from the ID number
    expect(r.idNumberMasked).toBe('330***********' + String(form.idNumber).slice(-4));
    expect(r.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(r.phoneMasked).toBe('138****5678');
    expect(r.gender).toBe('male');
    expect(r.birthDate).toBe('1975-03-08');
    expect(r.age).toBe(51);
    expect(r.status).toBe('draft');
    expect(r.bankAccountMasked).toBe('****2222');
    expect(r.hasDisabilityCert).toBe(true);
    expect(r.hasMedicalDetails).toBe(true);
    expect(r.disabilityGrade).toBe(6);
    expect(r.disabilityCause).toBe('duty');
    expect(r.careCategories).toEqual(['disabledVeteran', 'warVeteran']);
    expect(r.merits).toEqual([{ name: '三等功', level: 'third', year: 1996 }]);
    expect(r.situations.health).toEqual({ level: 'disabled', note: '六级伤残' });
    expect(Object.keys(r.situations)).toHaveLength(7);
    expect(r.situationsFilled).toBe(7);
    expect(r.familyMembers).toHaveLength(2);
    expect(r.household?.headRecipientId).toBe(r.id);
    // the response carries no clear sensitive value
    const body = JSON.stringify(r);
    for (const secret of [form.idNumber, '13857205678', '6217000011112222', '浙残军000123', '左腿旧伤']) expect(body).not.toContain(secret);

    // a woman's ID: gender from the sequence digit
    const woman = await register(village, simpleForm(units.village1.id, '王秀兰', makeId('1980-11-30', 242), { kind: 'militaryFamily', recipientGroup: 'militaryFamily' }));
    expect(woman.gender).toBe('female');
    expect(woman.birthDate).toBe('1980-11-30');

    // submit: the county's queue, not the village's
    const sub = ok<RecipientDetail>(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version, comment: '新退役' }));
    expect(sub.status).toBe('pending');
    await consistent();
    const c = await openCaseOf(county, r.id);
    expect(c.status).toBe('pending');
    expect((await queue(county)).items.map((i) => i.id)).toContain(c.id);
    const item = (await queue(county)).items.find((i) => i.id === c.id)!;
    expect(item).toMatchObject({ provider: 'cases', typeLabel: '信息采集审核', statusLabel: '待县级审核', unitName: units.village1.name, link: `/recipients/${r.id}`, daysWaiting: 0 });
    expect((await queue(village)).items.map((i) => i.id)).not.toContain(c.id);
    expect((await queue(village2)).items.map((i) => i.id)).not.toContain(c.id);
    // the village sees its case but may not approve it
    const seen = await caseDetail(village, c.id);
    expect(seen.actions).toEqual([]);
    expectRefused(await village.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version }), 403);
    // another village does not even learn it exists
    expectRefused(await village2.get(`/api/cases/${c.id}`), 404);
    expectRefused(await village2.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version }), 404);
    // a record in review cannot be edited
    expectRefused(await village.put(`/api/recipients/${r.id}`, { ...form, version: sub.version }), 409);

    // return without a reason: refused, nothing changes
    const before = await registrySnapshot(sys);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'return', version: c.version }), 400, /意见|理由/);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'return', comment: '   ', version: c.version }), 400);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'no-such-action', version: c.version }), 400);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'resubmit', version: c.version }), 409);
    expect(await registrySnapshot(sys)).toBe(before);

    // return with a reason: the worker's queue shows it, the county's no longer
    const ret = ok<CaseDetail>(await county.post(`/api/cases/${c.id}/actions`, { action: 'return', comment: '请补充服役经历', version: c.version }));
    expect(ret.status).toBe('returned');
    await consistent();
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).status).toBe('returned');
    const vq = await queue(village);
    expect(vq.items.find((i) => i.id === c.id)).toMatchObject({ statusLabel: '已退回修改' });
    expect(vq.count).toBe(vq.items.length);
    expect((await queue(county)).items.map((i) => i.id)).not.toContain(c.id);
    // another village cannot resubmit it
    expectRefused(await village2.post(`/api/cases/${c.id}/actions`, { action: 'resubmit', version: ret.version }), 404);

    // the worker corrects and resubmits
    const cur = ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`));
    const edited = ok<{ detail: RecipientDetail; reviewCaseId: string | null }>(await village.put(`/api/recipients/${r.id}`, { ...form, lastUnit: '某集团军某旅某营', version: cur.version }));
    expect(edited.reviewCaseId).toBeNull();
    const re = ok<RecipientDetail>(await village.post(`/api/recipients/${r.id}/submit`, { version: edited.detail.version, comment: '已补充' }));
    expect(re.status).toBe('pending');
    await consistent();
    expect((await queue(county)).items.map((i) => i.id)).toContain(c.id);
    expect((await queue(village)).items.map((i) => i.id)).not.toContain(c.id);

    // approve: registered; approving twice is a conflict
    const pending = await caseDetail(county, c.id);
    expect(pending.actions.map((a) => a.name).sort()).toEqual(['approve', 'return']);
    const done = ok<CaseDetail>(await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', comment: '', version: pending.version }));
    expect(done.status).toBe('approved');
    expect(done.closedAt).not.toBeNull();
    await consistent();
    const reg = ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`));
    expect(reg.status).toBe('registered');
    expect(reg.registeredAt).not.toBeNull();
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: done.version }), 409);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: pending.version }), 409);
    expectRefused(await village.post(`/api/recipients/${r.id}/submit`, { version: reg.version }), 409);
    expect((await queue(county)).items.map((i) => i.id)).not.toContain(c.id);

    // the log: who, from, to, comment, in order
    const log = (await caseDetail(village, c.id)).log;
    expect(log.map((l) => [l.action, l.fromStatus, l.toStatus])).toEqual([
      ['submit', null, 'pending'],
      ['return', 'pending', 'returned'],
      ['resubmit', 'returned', 'pending'],
      ['approve', 'pending', 'approved'],
    ]);
    expect(log.map((l) => l.actorName)).toEqual(['刘秀英', '李红梅', '刘秀英', '李红梅']);
    expect(log[1].comment).toBe('请补充服役经历');
    expect(log[2].comment).toBe('已补充');
  });

  it('a stale case version is a conflict, and nothing is logged', async () => {
    const r = await register(village, simpleForm(units.village1.id, '周建华', makeId('1968-05-05', 311)));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    const c = await openCaseOf(county, r.id);
    const before = await registrySnapshot(sys);
    expectRefused(await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version + 1 }), 409, /刷新/);
    expect(await registrySnapshot(sys)).toBe(before);
    // two reviewers act on the same version: one wins, the other gets 409
    const [a, b] = await Promise.all([
      county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version }),
      countyhead.post(`/api/cases/${c.id}/actions`, { action: 'return', comment: '重复', version: c.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    await consistent();
    const log = (await caseDetail(county, c.id)).log;
    expect(log).toHaveLength(2);
  });

  it('bad action bodies are refused with Chinese messages', async () => {
    const r = await register(village, simpleForm(units.village1.id, '吴国强', makeId('1969-06-06', 411)));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    const c = await openCaseOf(county, r.id);
    const before = await registrySnapshot(sys);
    for (const body of [{}, { action: 'approve' }, { action: 'approve', version: 0 }, { action: 'approve', version: '1' }, { action: '', version: 1 }, { action: 'approve', version: 1, comment: 'x'.repeat(1001) }]) {
      expectRefused(await county.post(`/api/cases/${c.id}/actions`, body), 400);
    }
    expectRefused(await county.post('/api/cases/not-a-case/actions', { action: 'approve', version: 1 }), 404);
    expectRefused(await county.get('/api/cases/%E4%B8%AD'), 400);
    expect(await registrySnapshot(sys)).toBe(before);
  });

  it('deadlines: 10 working days by the shipped holiday table (National Day 2026), marks in the queue', async () => {
    // Monday 2026-09-28, 10:00 in Shanghai: 9-29, 9-30, (10-1…10-7 holiday), 10-8, 10-9, 10-10 (make-up Saturday), 10-12 … 10-16
    await travel('2026-09-28T02:00:00.000Z');
    const r = await register(village, simpleForm(units.village1.id, '郑国庆', makeId('1970-10-01', 511)));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    const c = await openCaseOf(county, r.id);
    expect(c.dueDay).toBe('2026-10-16');
    let item = (await queue(county)).items.find((i) => i.id === c.id)!;
    expect(item).toMatchObject({ dueDay: '2026-10-16', daysWaiting: 0, overdue: false, dueSoon: false });

    await travel('2026-10-14T02:00:00.000Z');
    item = (await queue(county)).items.find((i) => i.id === c.id)!;
    expect(item).toMatchObject({ daysWaiting: 16, overdue: false, dueSoon: true });

    await travel('2026-10-17T02:00:00.000Z');
    const q = await queue(county);
    item = q.items.find((i) => i.id === c.id)!;
    expect(item).toMatchObject({ overdue: true, dueSoon: false });
    expect(q.overdue).toBeGreaterThanOrEqual(1);

    // returned on Saturday 10-17: the village's deadline counts from that day (10-19 … 10-30)
    const ret = ok<CaseDetail>(await act(county, c.id, 'return', '照片不清晰'));
    expect(ret.dueDay).toBe('2026-10-30');
    expect((await queue(village)).items.find((i) => i.id === c.id)).toMatchObject({ dueDay: '2026-10-30', overdue: false, daysWaiting: 0 });
    ok(await act(village, c.id, 'resubmit'));
    ok(await act(county, c.id, 'approve'));
    expect((await caseDetail(county, c.id)).dueDay).toBeNull();
    await consistent();
  });

  it('loading 2027 recomputes open deadlines that fall in it; bad schedules are refused and change nothing', async () => {
    // before: a case open since 2026-09-28 (due in October) and one submitted Monday 2026-12-28
    await travel('2026-09-28T02:00:00.000Z');
    const early = await register(village, simpleForm(units.village1.id, '钱秋实', makeId('1971-01-11', 611)));
    ok(await village.post(`/api/recipients/${early.id}/submit`, { version: early.version }));
    const earlyCase = await openCaseOf(county, early.id);
    expect(earlyCase.dueDay).toBe('2026-10-16');

    await travel('2026-12-28T02:00:00.000Z');
    const admin = await t.login('admin');
    const years = ok<{ years: number[]; warnings: string[] }>(await village.get('/api/holiday-years'));
    expect(years.years).toContain(2026);
    expect(years.years).not.toContain(2027);
    expect(years.warnings.join()).toMatch(/2027/);
    const late = await register(village, simpleForm(units.village1.id, '孙元旦', makeId('1972-01-01', 711)));
    ok(await village.post(`/api/recipients/${late.id}/submit`, { version: late.version }));
    const lateCase = await openCaseOf(county, late.id);
    // 2027 unknown: weekends only — 12-29, 12-30, 12-31, 1-1, 1-4 … 1-8, 1-11
    expect(lateCase.dueDay).toBe('2027-01-11');

    const before = await registrySnapshot(sys);
    const bad = [
      { holidays: ['2026-12-31', '2027-01-01'], workdays: [] }, // a date outside the year
      { holidays: ['2027-01-01', '2027-02-20'], workdays: ['2027-02-20'] }, // both holiday and workday
      { holidays: ['2027-01-01'], workdays: ['2027-01-04'] }, // a make-up day that is a weekday anyway
      { holidays: ['2027-02-30'], workdays: [] }, // a day that does not exist
      { holidays: [], workdays: [] }, // no holidays at all
    ];
    for (const body of bad) expectRefused(await admin.put('/api/holiday-years/2027', body), 400);
    for (const body of [{ holidays: ['20270101'], workdays: [] }, { holidays: '2027-01-01', workdays: [] }, { holidays: ['2027-01-01'] }]) {
      expectRefused(await admin.put('/api/holiday-years/2027', body), 400);
    }
    expectRefused(await admin.put('/api/holiday-years/1999', { holidays: ['1999-01-01'], workdays: [] }), 400);
    // only an administrator loads a schedule
    expectRefused(await county.put('/api/holiday-years/2027', { holidays: ['2027-01-01'], workdays: [] }), 403);
    expect(await registrySnapshot(sys)).toBe(before);
    expect((await caseDetail(county, lateCase.id)).dueDay).toBe('2027-01-11');

    // a (hypothetical) 2027 schedule: New Year 1-1 … 1-3, Spring Festival 2-6 … 2-13, make-up Saturday 2-20
    const schedule = {
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'],
      workdays: ['2027-02-20'],
    };
    const loaded = ok<{ year: number; recomputed: number }>(await admin.put('/api/holiday-years/2027', schedule));
    expect(loaded).toEqual({ year: 2027, recomputed: 1 });
    // 12-29, 12-30, 12-31, (1-1 holiday), 1-4 … 1-8, 1-11, 1-12
    expect((await caseDetail(county, lateCase.id)).dueDay).toBe('2027-01-12');
    expect((await queue(county)).items.find((i) => i.id === lateCase.id)?.dueDay).toBe('2027-01-12');
    expect((await caseDetail(county, earlyCase.id)).dueDay).toBe('2026-10-16');
    expect(ok<{ years: number[]; warnings: string[] }>(await village.get('/api/holiday-years')).years).toContain(2027);
    // a new case uses the loaded year at once
    const next = await register(village, simpleForm(units.village1.id, '李春节', makeId('1973-02-06', 811)));
    t.clock.set('2027-02-05T02:00:00.000Z');
    await sys.updateTable('users').set({ password_changed_at: '2027-02-05T02:00:00.000Z' }).execute();
    village = await t.login('village');
    county = await t.login('county');
    ok(await village.post(`/api/recipients/${next.id}/submit`, { version: next.version }));
    // Friday 2-5: (2-6 … 2-13 holiday), 2-15 … 2-19, 2-20 (make-up), 2-22, 2-23, 2-24, 2-25
    expect((await openCaseOf(county, next.id)).dueDay).toBe('2027-02-25');
    // loading the same year again recomputes nothing
    const again = ok<{ recomputed: number }>(await (await t.login('admin')).put('/api/holiday-years/2027', schedule));
    expect(again.recomputed).toBe(0);
    const audit = await sys.selectFrom('audit_logs').select(['action', 'target_id', 'detail']).where('action', '=', 'holiday-year.load').orderBy('seq').execute();
    expect(audit.map((a) => [a.target_id, a.detail])).toEqual([
      ['2027', 'recomputed 1'],
      ['2027', 'recomputed 0'],
    ]);
    await consistent();
  });
});
