// Support plans 一人一策 through the real API on every database: a plan for a registered recipient
// with its first measures, bad input refused in Chinese and nothing written, who may own a measure,
// measures added and marked done / not done, the review days and the measures in the owners' work
// queues, review, closure and read-only after it, the range guard, list filters, the .xlsx ledger,
// the pass-on from a visit's follow-up, and the §44 home-service mark on the registry record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail, RecipientListItem } from '../../../shared/schemas/recipients';
import type { SupportPlanDetail, SupportPlanDto } from '../../../shared/schemas/support-plans';
import { MANY_LOGINS, chinese, demoUnits, editBody, expectRefused, makeId, ok, registerApproved, register as registerRecipient, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { SUPPORT_PLAN_LEDGER_HEADERS } from './support-plans.export';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('support plans on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  const ids: Record<string, string> = {};
  let person: RecipientDetail;
  let seq = 900;

  const newPerson = async (by: Agent, unitId: string, name: string) => registerApproved(by, county, simpleForm(unitId, name, makeId('1950-03-0' + ((seq % 9) + 1), ++seq)));
  const body = (over: Record<string, unknown> = {}) => ({
    recipientId: person.id,
    orgUnitId: units.village1.id,
    difficulty: 'illness',
    situation: '本人患尿毒症，每周透析三次，配偶无固定收入',
    goals: '医疗费用有保障，家庭基本生活稳定',
    responsibleUserId: ids.village,
    openedOn: '2026-06-12',
    nextReviewOn: '2026-06-17',
    measures: [
      { content: '协助申请大病医疗救助', ownerUserId: ids.village, dueOn: '2026-06-30' },
      { content: '联系镇里临时救助', ownerUserId: ids.village, dueOn: '2026-06-16' },
    ],
    ...over,
  });
  const create = async (a: Agent, over: Record<string, unknown> = {}) => ok<SupportPlanDetail>(await a.post('/api/support-plans', body(over)));
  const detail = async (a: Agent, id: string) => ok<SupportPlanDetail>(await a.get(`/api/support-plans/${id}`));
  const list = async (a: Agent, q = '') => ok<Page<SupportPlanDto>>(await a.get(`/api/support-plans?pageSize=200${q}`));
  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue')).items.filter((i) => i.typeLabel === '一人一策');
  const count = async (table: 'support_plans' | 'support_plan_measures' | 'cases' | 'case_actions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('support_plans'), await count('support_plan_measures'), await count('cases'), await count('case_actions')];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    person = await newPerson(village, units.village1.id, '周困难');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a plan for a registered recipient with its first measures, each an action of the case log', async () => {
    const p = await create(village);
    expect(p.status).toBe('active');
    expect(p.recipientName).toBe('周困难');
    expect(p.recipientIdMasked).not.toContain(makeId('1950-03-01', 901).slice(6, 14));
    expect(p.responsibleName).toBeTruthy();
    expect(p.measures.map((m) => [m.seq, m.content, m.done, m.dueOn])).toEqual([
      [1, '协助申请大病医疗救助', false, '2026-06-30'],
      [2, '联系镇里临时救助', false, '2026-06-16'],
    ]);
    expect([p.measureCount, p.measuresDone, p.nextReviewOn]).toEqual([2, 0, '2026-06-17']);
    expect(p.log.map((l) => l.action)).toEqual(['open', 'addMeasure', 'addMeasure']);
    // the kernel keeps the due day: the next review
    const c = await sys.selectFrom('cases').select(['case_type', 'status', 'due_day', 'subject_id', 'open']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(c).toEqual({ case_type: 'support-plan', status: 'active', due_day: '2026-06-17', subject_id: person.id, open: 1 });
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    // the audit log names it
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', p.id).execute()).map((a) => a.action)).toContain('support-plan.create');
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const before = await counts();
    const other = await newPerson(village2, units.village2.id, '吴外村');
    const draft = await registerRecipient(village, simpleForm(units.village1.id, '郑草稿', makeId('1951-01-02', ++seq)));
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ situation: '' }, 400, /困难情况/],
      [{ goals: undefined }, 400, /帮扶目标/],
      [{ difficulty: 'rich' }, 400, /困难类型/],
      [{ recipientId: other.id }, 404, /服务对象/],
      [{ recipientId: draft.id }, 400, /尚未审核入库/],
      [{ orgUnitId: units.village2.id }, 404, /单位/],
      [{ openedOn: '2026-07-01', nextReviewOn: '2026-08-01' }, 400, /晚于今天/],
      [{ nextReviewOn: '2026-06-12' }, 400, /下次评估日期/],
      [{ nextReviewOn: '2026-02-30' }, 400, /不存在/],
      [{ responsibleUserId: ids.village2 }, 400, /责任人/],
      [{ measures: [{ content: '越权', ownerUserId: ids.village2, dueOn: '2026-06-30' }] }, 400, /措施责任人/],
      [{ measures: [{ content: '', ownerUserId: ids.village, dueOn: '2026-06-30' }] }, 400, /帮扶措施/],
      [{ measures: [{ content: '太早', ownerUserId: ids.village, dueOn: '2026-06-01' }] }, 400, /完成时限/],
      [{ fromFollowUpId: '0'.repeat(20) }, 404, /后续事项/],
    ];
    // the other village's recipient and the draft were written by this test: count after them
    const base = await counts();
    for (const [over, status, msg] of cases) {
      const res = await village.post('/api/support-plans', body(over));
      const err = expectRefused(res, status, msg);
      expect(err.message, JSON.stringify(over)).toMatch(chinese);
    }
    expect(await counts()).toEqual(base);
    expect(base[0]).toBe(before[0]);
  });

  it('adds measures, marks one done with its day and note, and back; refuses stale and bad marks', async () => {
    let p = await create(village, { measures: [] });
    expect(p.measures).toEqual([]);
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '每月上门探望一次', ownerUserId: ids.village, dueOn: '2026-07-31' }));
    // the township sees the township's staff: it may name them
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '协调慈善总会捐助', ownerUserId: ids.township, dueOn: '2026-06-20' }), 400, /措施责任人/);
    p = ok<SupportPlanDetail>(await township.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '协调慈善总会捐助', ownerUserId: ids.township, dueOn: '2026-06-20' }));
    expect(p.measures.map((m) => m.content)).toEqual(['每月上门探望一次', '协调慈善总会捐助']);
    const m = p.measures[1];
    const before = await counts();
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: m.id, done: true }), 400, /完成日期/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: m.id, done: true, doneOn: '2026-06-20' }), 400, /晚于今天/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version - 1, measureId: m.id, done: true, doneOn: '2026-06-14' }), 409, /刷新/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: 'nope', done: true, doneOn: '2026-06-14' }), 404, /帮扶措施/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '越权', ownerUserId: ids.village2, dueOn: '2026-07-31' }), 400, /措施责任人/);
    expect(await counts()).toEqual(before);
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: m.id, done: true, doneOn: '2026-06-14', note: '捐助 2000 元已到账' }));
    expect(p.measures[1]).toMatchObject({ done: true, doneOn: '2026-06-14', note: '捐助 2000 元已到账' });
    expect([p.measureCount, p.measuresDone]).toEqual([2, 1]);
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: m.id, done: false, note: '款项退回，重新协调' }));
    expect(p.measures[1]).toMatchObject({ done: false, doneOn: null });
    expect(p.measuresDone).toBe(0);
    expect(p.log.filter((l) => l.action === 'markMeasure')).toHaveLength(2);
  });

  it('puts the review day in the responsible person’s work queue and each measure in its owner’s; a review moves it on', async () => {
    // drawn up by the township: the township worker owns measure 2
    let p = await create(township, { measures: [body().measures[0], { content: '联系镇里临时救助', ownerUserId: ids.township, dueOn: '2026-06-16' }] });
    const mine = (await queue(village)).filter((i) => i.link === `/support-plans/${p.id}`);
    expect(mine.map((i) => [i.title, i.dueDay, i.dueSoon])).toEqual([[`一人一策跟踪评估：周困难`, '2026-06-17', true]]);
    // the township worker owns measure 2 (due 06-16): in their queue, though the plan is the village's
    const theirs = (await queue(township)).filter((i) => i.link === `/support-plans/${p.id}`);
    expect(theirs.map((i) => [i.title, i.dueDay])).toEqual([['一人一策帮扶措施：周困难——联系镇里临时救助', '2026-06-16']]);
    const badge = ok<{ count: number }>(await township.get('/api/work-queue/count'));
    expect(badge.count).toBeGreaterThanOrEqual(1);
    // a done measure leaves its owner's queue
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/measures/mark`, { version: p.version, measureId: p.measures[1].id, done: true, doneOn: '2026-06-15' }));
    expect((await queue(township)).filter((i) => i.link === `/support-plans/${p.id}`)).toEqual([]);
    // review: the next review day is the new due day; far off, it leaves the queue
    expectRefused(await village.post(`/api/support-plans/${p.id}/review`, { version: p.version, reviewedOn: '2026-06-15', findings: '透析费用已报销', nextReviewOn: '2026-06-15' }), 400, /下次评估日期/);
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/review`, { version: p.version, reviewedOn: '2026-06-15', findings: '透析费用已报销七成', nextReviewOn: '2026-09-15' }));
    expect(p.nextReviewOn).toBe('2026-09-15');
    expect(p.reviews.map((r) => [r.reviewedOn, r.findings, r.nextReviewOn])).toEqual([['2026-06-15', '透析费用已报销七成', '2026-09-15']]);
    expect((await sys.selectFrom('cases').select('due_day').where('id', '=', p.id).executeTakeFirstOrThrow()).due_day).toBe('2026-09-15');
    expect((await queue(village)).filter((i) => i.link === `/support-plans/${p.id}` && i.title.includes('跟踪评估'))).toEqual([]);
    // an overdue review shows red and in the overdue filter
    const late = await create(village, { openedOn: '2026-06-01', nextReviewOn: '2026-06-10', measures: [] });
    expect(late.overdue).toBe(true);
    expect((await queue(village)).find((i) => i.link === `/support-plans/${late.id}`)).toMatchObject({ overdue: true, statusLabel: '评估已超期' });
    expect((await list(village, '&overdue=true')).items.map((x) => x.id)).toContain(late.id);
    expect((await list(village, '&overdue=false')).items.map((x) => x.id)).not.toContain(late.id);
  });

  it('closes with the outcome; a closed plan is read-only and leaves the queues', async () => {
    let p = await create(village);
    expectRefused(await village.post(`/api/support-plans/${p.id}/close`, { version: p.version, closedOn: '2026-06-15', outcome: '' }), 400, /帮扶成效/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/close`, { version: p.version, closedOn: '2026-06-11', outcome: '已脱困' }), 400, /制定日期/);
    p = ok<SupportPlanDetail>(await village.post(`/api/support-plans/${p.id}/close`, { version: p.version, closedOn: '2026-06-15', outcome: '医疗救助到位，家庭生活稳定' }));
    expect([p.status, p.closedOn, p.outcome, p.nextReviewOn, p.canEdit]).toEqual(['closed', '2026-06-15', '医疗救助到位，家庭生活稳定', null, false]);
    expect(p.closedByName).toBeTruthy();
    const c = await sys.selectFrom('cases').select(['status', 'open', 'due_day']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', open: 0, due_day: null });
    const before = await counts();
    expectRefused(await village.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '再加', ownerUserId: ids.village, dueOn: '2026-07-01' }), 409, /已结案/);
    expectRefused(await village.post(`/api/support-plans/${p.id}/close`, { version: p.version, closedOn: '2026-06-15', outcome: '再结' }), 409, /已结案/);
    expect(await counts()).toEqual(before);
    expect((await queue(village)).filter((i) => i.link === `/support-plans/${p.id}`)).toEqual([]);
    expect((await queue(township)).filter((i) => i.link === `/support-plans/${p.id}`)).toEqual([]);
    expect((await list(village, '&status=closed')).items.map((x) => x.id)).toContain(p.id);
    expect((await list(village, '&status=active')).items.map((x) => x.id)).not.toContain(p.id);
  });

  it('keeps plans inside the range: another village neither reads nor changes them; the township and county see them', async () => {
    const p = await create(village);
    const before = await counts();
    expectRefused(await village2.get(`/api/support-plans/${p.id}`), 404);
    expectRefused(await village2.post(`/api/support-plans/${p.id}/measures`, { version: p.version, content: '越权', ownerUserId: ids.village2, dueOn: '2026-07-01' }), 404);
    expectRefused(await village2.post(`/api/support-plans/${p.id}/close`, { version: p.version, closedOn: '2026-06-15', outcome: '越权' }), 404);
    expectRefused(await village2.get(`/api/support-plans/assignees?orgUnitId=${units.village1.id}`), 404);
    expectRefused(await village2.get(`/api/support-plans?orgUnitId=${units.village1.id}`), 404);
    expect((await list(village2)).items.map((x) => x.id)).not.toContain(p.id);
    expect(await counts()).toEqual(before);
    expect((await detail(township, p.id)).id).toBe(p.id);
    expect((await list(county, `&orgUnitId=${units.village1.id}`)).items.map((x) => x.id)).toContain(p.id);
    // the recipient page's filter
    expect((await list(township, `&recipientId=${person.id}`)).items.every((x) => x.recipientId === person.id)).toBe(true);
  });

  it('lists with filters and sorting, and exports the ledger as .xlsx (audited)', async () => {
    const housing = await create(village, { difficulty: 'housing', openedOn: '2026-06-02', nextReviewOn: '2026-07-02', measures: [] });
    expect((await list(village, '&difficulty=housing')).items.map((x) => x.id)).toEqual([housing.id]);
    const byReview = (await list(village, '&status=active&sort=nextReviewOn&order=asc')).items.map((x) => x.nextReviewOn!);
    expect(byReview).toEqual([...byReview].sort());
    expectRefused(await village.get('/api/support-plans?sort=name'), 400, /排序/);
    expectRefused(await village.get('/api/support-plans?status=maybe'), 400, /状态/);
    const res = await township.get(`/api/ledgers/support-plans?orgUnitId=${units.village1.id}&difficulty=housing`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/一人一策帮扶台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(SUPPORT_PLAN_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(4).getCell(2).value).toBe('周困难');
    expect(ws.getRow(4).getCell(5).value).toBe('住房困难');
    const all = await township.get('/api/ledgers/support-plans');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const rows = [...Array(wb2.worksheets[0].rowCount).keys()].map((i) => wb2.worksheets[0].getRow(i + 1));
    expect(rows.some((r) => String(r.getCell(8).value ?? '').includes('1. 协助申请大病医疗救助'))).toBe(true);
    expectRefused(await village.get(`/api/ledgers/support-plans?orgUnitId=${units.village2.id}`), 404);
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'support-plan.export').execute()).map((a) => a.username)).toEqual(['township', 'township']);
  });

  it('opens a plan from a visit follow-up in one step: the follow-up closes naming the plan, once, all or nothing', async () => {
    const r = await newPerson(village, units.village1.id, '钱走访');
    const visit = await village.post('/api/visits', {
      clientKey: `plan-pass-on-${kind}`,
      recipientId: r.id,
      visitedOn: '2026-06-14',
      visitType: 'home',
      visitors: '刘秀英',
      followUps: [{ need: '老伴去世后独居，生活无人照料' }, { need: '另一件事' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const [followUpId, otherFollowUpId] = (visit.json() as { followUps: { id: string }[] }).followUps.map((f) => f.id);
    const from = (over: Record<string, unknown> = {}) => body({ recipientId: r.id, fromFollowUpId: followUpId, difficulty: 'family', measures: [], ...over });
    // a refused plan leaves the follow-up open
    const open = await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    const before = await counts();
    expectRefused(await village.post('/api/support-plans', from({ responsibleUserId: ids.village2 })), 400);
    // a follow-up of another person cannot become this person's plan
    expectRefused(await village.post('/api/support-plans', from({ recipientId: person.id })), 400, /不是此服务对象/);
    expect(await counts()).toEqual(before);
    expect(await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow()).toEqual(open);

    const p = ok<SupportPlanDetail>(await village.post('/api/support-plans', from()));
    const f = await sys.selectFrom('visit_follow_ups').select(['status', 'passed_to']).where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f).toEqual({ status: 'passedOn', passed_to: `supportPlan:${p.id}` });
    expect((await sys.selectFrom('visit_follow_ups').select('status').where('id', '=', otherFollowUpId).executeTakeFirstOrThrow()).status).toBe('open');
    // once only
    const n = await counts();
    expectRefused(await village.post('/api/support-plans', from()), 409, /已转办/);
    expect(await counts()).toEqual(n);
  });

  it('marks §44 home-service people on the registry record, filterable in the list, kept by an edit that does not send it', async () => {
    const a = await newPerson(village, units.village1.id, '冯独居');
    const b = await newPerson(village, units.village1.id, '陈行动');
    const put = async (id: string, over: Record<string, unknown>) => ok<{ detail: RecipientDetail }>(await village.put(`/api/recipients/${id}`, await editBody(village, id, over))).detail;
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${a.id}`)).homeService).toEqual([]);
    expect((await put(a.id, { homeService: ['elderly', 'livingAlone'] })).homeService).toEqual(['elderly', 'livingAlone']);
    expect((await put(b.id, { homeService: ['limitedMobility'] })).homeService).toEqual(['limitedMobility']);
    expectRefused(await village.put(`/api/recipients/${b.id}`, await editBody(village, b.id, { homeService: ['rich'] })), 400);
    // an edit without the field keeps the mark
    expect((await put(a.id, { notes: '每周三送餐' })).homeService).toEqual(['elderly', 'livingAlone']);
    const names = async (q: string) => ok<Page<RecipientListItem>>(await village.get(`/api/recipients?pageSize=200${q}`)).items.map((x) => x.name).sort();
    expect(await names('&homeService=any')).toEqual(['冯独居', '陈行动'].sort());
    expect(await names('&homeService=livingAlone')).toEqual(['冯独居']);
    expect(await names('&homeService=limitedMobility')).toEqual(['陈行动']);
    expect((await names('&q=冯独居&homeService=elderly'))).toEqual(['冯独居']);
    expect(ok<Page<RecipientListItem>>(await village.get(`/api/recipients?pageSize=200&homeService=any`)).items.find((x) => x.id === a.id)?.homeService).toEqual(['elderly', 'livingAlone']);
    expectRefused(await village.get('/api/recipients?homeService=rich'), 400);
    // the history names the change
    const v = await sys.selectFrom('recipient_versions').select('changes').where('recipient_id', '=', a.id).orderBy('version').execute();
    expect(v.map((x) => x.changes).join()).toContain('年龄偏大、鳏寡孤独');
    // cleared
    expect((await put(a.id, { homeService: [] })).homeService).toEqual([]);
    expect(await names('&homeService=any')).toEqual(['陈行动']);
  });
});
