// Applications 办件 through the real API on both databases: receipt with the materials checklist
// (missing ones told at once), opinions in order at the applicant's village, township and county,
// returns naming what is missing, 公示 with its period on the calendar (ManualClock) and objections
// blocking the decision, the county's decision, runs (最多跑一次) and home service (zero runs)
// moving the roll-up figure, stale versions 409, and bad input refused in Chinese changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../db/system';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { ApplicationDetail, ApplicationDto, ApplicationFigures } from '../../../shared/schemas/applications';
import type { ServiceItemDto } from '../../../shared/schemas/service-items';
import { localItemBody } from '../service-items/service-items-test-support';
import { cellsWithText, workbookOf } from '../../../../test/helpers/xlsx';
import { chinese, demoUnits, expectRefused, makeId, MANY_LOGINS, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';


const PERIOD = '2026-06';

describe.each(dbKinds)('applications on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let township: Agent;
  let village: Agent;
  let village2: Agent;
  let item: ServiceItemDto;
  let plainItem: ServiceItemDto;
  let personId: string;
  let seq = 1;

  const act = async (by: Agent, id: string, action: string, comment = '', data?: unknown) => {
    const d = ok<ApplicationDetail>(await by.get(`/api/applications/${id}`));
    return by.post(`/api/applications/${id}/actions`, { action, comment, version: d.version, data });
  };
  const figures = async (by: Agent = county) => ok<ApplicationFigures>(await by.get(`/api/applications/figures?period=${PERIOD}`));
  /** moves the clock and signs everyone in again (sessions time out when days pass) */
  const setClock = async (at: string) => {
    t.clock.set(at);
    county = await t.login('county');
    township = await t.login('township');
    village = await t.login('village');
    village2 = await t.login('village2');
  };
  const itemBody = (over: Record<string, unknown> = {}) =>
    localItemBody(units.county.id, {
      name: '本县退役军人优待补助',
          materials: [
            { name: '身份证', form: 'copy', count: 1, note: '' },
            { name: '退役证', form: 'originalAndCopy', count: 1, note: '' },
            { name: '其他证明', form: 'copy', count: 1, note: '', required: false },
          ],
          steps: [
            { level: 'village', label: '村(居)委会意见', days: 3, dayKind: 'working' },
            { level: 'township', label: '乡镇(街道)服务站意见', days: 3, dayKind: 'working' },
            { level: 'county', label: '县级服务中心审核', days: null, dayKind: 'working' },
          ],
          noticeRequired: true,
          noticeDays: 5,
      ...over,
    });
  const newPerson = async (name: string) => (await registerApproved(village, county, simpleForm(units.village1.id, name, makeId('19700101', seq++)))).id;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    county = await t.login('county');
    township = await t.login('township');
    village = await t.login('village');
    village2 = await t.login('village2');
    item = ok<ServiceItemDto>(
      await county.post(
        '/api/service-items',
        itemBody(),
      ),
    );
    plainItem = ok<ServiceItemDto>(
      await county.post(
        '/api/service-items',
        localItemBody(units.county.id, {
          name: '本县退役军人免费体检',
          materials: [{ name: '身份证', form: 'copy', count: 1, note: '' }],
          steps: [{ level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' }],
          noticeRequired: false,
          noticeDays: null,
        }),
      ),
    );
    personId = await newPerson('王大山');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('receipt with a material missing returns at once naming it; the opinions go village → township → county in order; 公示 runs on the calendar; objections block the decision', async () => {
    const before = await figures();
    // one material missing: returned at once, told what is missing (一次性告知); the first visit is one run
    let d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: personId, itemId: item.id, received: [true, false, false], channel: 'inPerson' }));
    expect(d).toMatchObject({ status: 'returned', missingTold: ['退役证'], runs: 1, recipientName: '王大山', itemName: '本县退役军人优待补助' });
    expect(d.item.steps.map((s) => s.level)).toEqual(['village', 'township', 'county']);
    const id = d.id;
    // the catalog edited afterwards: the open application keeps its snapshot
    const edited = ok<ServiceItemDto>(await county.get(`/api/service-items/${item.id}`));
    ok(await county.put(`/api/service-items/${item.id}`, { ...itemBody({ name: '改名后的事项', noticeDays: 7 }), version: edited.version }));
    // still missing on resubmission: refused, nothing changes
    expectRefused(await act(village, id, 'resubmit', '', { received: [true, false, false] }), 400, /退役证/);
    // the applicant comes back with it: a second run
    d = ok<ApplicationDetail>(await village.post(`/api/applications/${id}/runs`, { reason: 'missingMaterial', day: '2026-06-15' }));
    expect(d.runs).toBe(2);
    d = ok<ApplicationDetail>(await act(village, id, 'resubmit', '', { received: [true, true, false] }));
    expect(d).toMatchObject({ status: 'review', stepIndex: 0, waitingUnitName: units.village1.name, itemName: '本县退役军人优待补助' });
    expect(d.item.name).toBe('本县退役军人优待补助');
    expect(d.dueDay).not.toBeNull();

    // the township cannot speak before the village; the other village sees nothing
    expectRefused(await act(township, id, 'opinion', '同意', { agree: true }), 403);
    expectRefused(await village2.get(`/api/applications/${id}`), 404);
    expectRefused(await village2.post(`/api/applications/${id}/actions`, { action: 'opinion', comment: '同意', version: d.version, data: { agree: true } }), 404);
    // the opinion needs its text; a stale version is refused
    expectRefused(await act(village, id, 'opinion', '', { agree: true }), 400, chinese);
    expectRefused(await village.post(`/api/applications/${id}/actions`, { action: 'opinion', comment: '同意', version: d.version - 1, data: { agree: true } }), 409);
    d = ok<ApplicationDetail>(await act(village, id, 'opinion', '情况属实，同意上报', { agree: true }));
    expect(d).toMatchObject({ status: 'review', stepIndex: 1 });
    expect(d.opinions[0]).toMatchObject({ level: 'village', agree: true, onTime: true });
    // the village cannot give the township's opinion
    expectRefused(await act(village, id, 'opinion', '同意', { agree: true }), 403);
    d = ok<ApplicationDetail>(await act(township, id, 'opinion', '同意', { agree: true }));
    expect(d).toMatchObject({ status: 'review', stepIndex: 2, dueDay: null }); // the county's step has no time limit in the item
    expect(d.actions.map((a) => a.name)).toEqual([]);
    const c = ok<ApplicationDetail>(await county.get(`/api/applications/${id}`));
    expect(c.actions.map((a) => a.name).sort()).toEqual(['opinionToNotice', 'returnToApplicant']);
    d = ok<ApplicationDetail>(await act(county, id, 'opinionToNotice', '审核通过，予以公示', { agree: true }));
    expect(d.status).toBe('notice');
    const notice = d.notice!;
    expect(notice.startDay).toBe('2026-06-15');
    expect(notice.endDay >= '2026-06-20').toBe(true);
    expect(d.dueDay).toBe(notice.endDay);
    expect(notice.text).toContain('王*');
    expect(notice.text).not.toContain('王大山');

    // the decision is refused while the period runs
    expectRefused(await act(county, id, 'approve'), 409, /公示期/);
    // an objection recorded during it (the village takes it); then the period passes
    d = ok<ApplicationDetail>(await act(village, id, 'objection', '', { content: '申请人不符合条件', objector: '村民甲' }));
    expect(d.notice!.objections).toHaveLength(1);
    await setClock(`${notice.endDay}T17:00:00.000Z`); // the next day in Shanghai
    expectRefused(await act(village, id, 'objection', '', { content: '迟到的异议' }), 409, /公示期已于/);
    expectRefused(await act(county, id, 'approve'), 409, /异议尚未处理/);
    expectRefused(await act(county, id, 'resolveObjection', '', { objectionId: 'nope', outcome: 'dismissed', resolution: '经核实不成立' }), 400, chinese);
    d = ok<ApplicationDetail>(await act(county, id, 'resolveObjection', '', { objectionId: d.notice!.objections[0].id, outcome: 'dismissed', resolution: '经核实不成立' }));
    expect(d.notice!.objections[0]).toMatchObject({ outcome: 'dismissed', resolution: '经核实不成立' });
    // only the county decides (the village holds no services:review)
    expectRefused(await act(village, id, 'approve'), 403);
    d = ok<ApplicationDetail>(await act(county, id, 'approve', '同意'));
    expect(d).toMatchObject({ status: 'approved', decision: { approved: true } });
    const closedMonth = d.closedOn!.slice(0, 7);
    // closed with two runs: counted as closed, not as 最多跑一次
    const after = ok<ApplicationFigures>(await county.get(`/api/applications/figures?period=${closedMonth}`));
    const beforeMonth = closedMonth === PERIOD ? before : { closed: 0, atMostOneRun: 0 };
    expect(after.closed - beforeMonth.closed).toBe(1);
    expect(after.atMostOneRun - beforeMonth.atMostOneRun).toBe(0);
    expect(after.steps.find((s) => s.level === 'village')!.onTime).toBeGreaterThanOrEqual(1);
    expect(after.byItemStatus.find((x) => x.itemId === item.id && x.status === 'approved')?.n).toBe(1);
    // the applications behind the figure: more than one run
    const many = ok<Page<ApplicationDto>>(await county.get(`/api/applications?manyRuns=true&closedIn=${closedMonth}`));
    expect(many.items.map((x) => x.id)).toContain(id);
    await setClock('2026-06-15T02:00:00.000Z');
  });

  it('home service counts zero runs; a run after closing moves the 最多跑一次 figure back', async () => {
    const before = await figures();
    let d = ok<ApplicationDetail>(
      await village.post('/api/applications', { recipientId: personId, itemId: plainItem.id, received: [true], channel: 'homeService', home: { handledBy: '刘秀英、村书记', note: '上门收取材料并代为填表' } }),
    );
    expect(d).toMatchObject({ status: 'review', runs: 0, homeServices: 1, waitingUnitName: expect.any(String) });
    expect(d.visits[0]).toMatchObject({ kind: 'homeService', handledBy: '刘秀英、村书记' });
    d = ok<ApplicationDetail>(await village.post(`/api/applications/${d.id}/home-services`, { kind: 'delegated', day: '2026-06-15', handledBy: '刘秀英', note: '代为递交县中心' }));
    expect(d).toMatchObject({ runs: 0, homeServices: 2 });
    d = ok<ApplicationDetail>(await act(county, d.id, 'opinionToDecision', '符合条件', { agree: true }));
    expect(d.status).toBe('deciding');
    expectRefused(await act(county, d.id, 'reject', ''), 400, /理由/);
    d = ok<ApplicationDetail>(await act(county, d.id, 'approve', '同意'));
    let f = await figures();
    expect(f.closed - before.closed).toBe(1);
    expect(f.atMostOneRun - before.atMostOneRun).toBe(1);
    // the applicant comes to collect the result: one run, still 最多跑一次; a second one is not
    ok(await village.post(`/api/applications/${d.id}/runs`, { reason: 'collectResult', day: '2026-06-15' }));
    f = await figures();
    expect(f.atMostOneRun - before.atMostOneRun).toBe(1);
    ok(await village.post(`/api/applications/${d.id}/runs`, { reason: 'signature', day: '2026-06-15' }));
    f = await figures();
    expect(f.atMostOneRun - before.atMostOneRun).toBe(0);
    expect(f.oneRunRate).not.toBeNull();
    // the township's figure is the same subtree's
    const tf = await figures(township);
    expect(tf.closed).toBeGreaterThanOrEqual(1);
  });

  it('a level returns the application naming what is missing; it resumes at that level', async () => {
    let d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: personId, itemId: item.id, received: [true, true, true], channel: 'inPerson' }));
    d = ok<ApplicationDetail>(await act(village, d.id, 'opinion', '同意', { agree: true }));
    expectRefused(await act(township, d.id, 'returnToApplicant', '', { missing: [] }), 400, chinese);
    d = ok<ApplicationDetail>(await act(township, d.id, 'returnToApplicant', '缺少材料', { missing: ['退役证'] }));
    expect(d).toMatchObject({ status: 'returned', missingTold: ['退役证'] });
    expect(d.materials.find((m) => m.name === '退役证')!.received).toBe(false);
    d = ok<ApplicationDetail>(await act(village, d.id, 'resubmit', '', { received: [true, true, true] }));
    expect(d).toMatchObject({ status: 'review', stepIndex: 1 });
    expect(ok<ApplicationDetail>(await township.get(`/api/applications/${d.id}`)).actions.map((a) => a.name).sort()).toEqual(['opinion', 'returnToApplicant']);
    // the recipient's applications and the list filters
    const mine = ok<Page<ApplicationDto>>(await village.get(`/api/applications?recipientId=${personId}`));
    expect(mine.items.length).toBeGreaterThanOrEqual(3);
    expect(ok<Page<ApplicationDto>>(await village2.get(`/api/applications?recipientId=${personId}`)).items).toEqual([]);
    const reviewing = ok<Page<ApplicationDto>>(await county.get(`/api/applications?status=review&itemId=${item.id}&sort=due`));
    expect(reviewing.items.map((x) => x.id)).toContain(d.id);
    // overdue once the township's three working days pass
    await setClock('2026-06-25T02:00:00.000Z');
    const overdue = ok<Page<ApplicationDto>>(await county.get('/api/applications?overdue=true'));
    expect(overdue.items.find((x) => x.id === d.id)?.overdue).toBe(true);
    await setClock('2026-06-15T02:00:00.000Z');
  });

  it('bad input is refused in Chinese and changes nothing; plaque items go to the plaque flow', async () => {
    const count = async () => ok<Page<ApplicationDto>>(await county.get('/api/applications?pageSize=1')).total;
    const before = await count();
    const plaque = ok<Page<ServiceItemDto>>(await county.get('/api/service-items?pageSize=50')).items.find((i) => i.handoff === 'glory-plaque')!;
    const bodies: [Record<string, unknown>, number, RegExp][] = [
      [{ recipientId: personId, itemId: plaque.id, received: [], channel: 'inPerson' }, 409, /光荣牌/],
      [{ recipientId: personId, itemId: item.id, received: [true, true], channel: 'homeService' }, 400, chinese],
      [{ recipientId: personId, itemId: item.id, received: [true, true], channel: 'bus' }, 400, chinese],
      [{ recipientId: personId, itemId: 'no-such-item', received: [], channel: 'inPerson' }, 404, chinese],
      [{ recipientId: 'no-such-person', itemId: item.id, received: [], channel: 'inPerson' }, 404, chinese],
      [{ recipientId: personId, itemId: item.id, received: [true, true, true, true, true], channel: 'inPerson' }, 400, chinese],
    ];
    for (const [body, status, msg] of bodies) expectRefused(await village.post('/api/applications', body), status, msg);
    // another village's worker cannot receive for this person
    expectRefused(await village2.post('/api/applications', { recipientId: personId, itemId: item.id, received: [true, true], channel: 'inPerson' }), 404);
    expect(await count()).toBe(before);
    const d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: personId, itemId: plainItem.id, received: [true], channel: 'inPerson' }));
    expectRefused(await village.post(`/api/applications/${d.id}/runs`, { reason: 'walk', day: '2026-06-15' }), 400, chinese);
    expectRefused(await village.post(`/api/applications/${d.id}/runs`, { reason: 'other', day: '2026-07-15' }), 400, /晚于今天/);
    expectRefused(await village.post(`/api/applications/${d.id}/home-services`, { kind: 'homeService', day: '2026-06-15', handledBy: '', note: 'x' }), 400, chinese);
    expectRefused(await act(county, d.id, 'fly'), 400, chinese);
    expectRefused(await act(county, d.id, 'opinionToDecision', '同意', { agree: 'yes' }), 400, chinese);
    expectRefused(await village2.post(`/api/applications/${d.id}/runs`, { reason: 'other', day: '2026-06-15' }), 404);
    expect(ok<ApplicationDetail>(await village.get(`/api/applications/${d.id}`))).toMatchObject({ runs: 1, version: 1, status: 'review' });
    expectRefused(await village.get('/api/applications/figures?period=2026-6'), 400, chinese);
    // the ledger: an .xlsx of the filter, audited
    const x = await county.get(`/api/ledgers/applications?itemId=${plainItem.id}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // each row carries the 办件编号 an applicant quotes from the receipt
    const ws = (await workbookOf(x.rawPayload)).worksheets[0];
    expect(cellsWithText(ws, '办件编号')).toHaveLength(1);
    expect(d.registrationNo).toMatch(/^\d{10}$/);
    expect(cellsWithText(ws, d.registrationNo!)).toHaveLength(1);
    expectRefused(await village.get(`/api/ledgers/applications?orgUnitId=${units.village2.id}`), 404);
    expectRefused(await village.get(`/api/applications/figures?period=${PERIOD}&orgUnitId=${units.village2.id}`), 404);
  });

  it('a visit follow-up passes on to an application in one step; the follow-up closes naming it, all or nothing', async () => {
    const sys = systemDb(t.db.handle.db);
    const visit = await village.post('/api/visits', {
      clientKey: `app-pass-on-${kind}`,
      recipientId: personId,
      visitedOn: '2026-06-14',
      visitType: 'home',
      visitors: '刘秀英',
      followUps: [{ need: '申请免费体检' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const followUpId = (visit.json() as { followUps: { id: string }[] }).followUps[0].id;
    const body = (over: Record<string, unknown> = {}) => ({ recipientId: personId, itemId: plainItem.id, received: [true], channel: 'inPerson', fromFollowUpId: followUpId, ...over });
    const before = await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    expectRefused(await village.post('/api/applications', body({ itemId: 'no-such-item' })), 404);
    expect(await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow()).toEqual(before);
    const d = ok<ApplicationDetail>(await village.post('/api/applications', body()));
    const f = await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ status: 'passedOn', passed_to: `application:${d.id}` });
    const count = async () => ok<Page<ApplicationDto>>(await county.get('/api/applications?pageSize=1')).total;
    const n = await count();
    expectRefused(await village.post('/api/applications', body()), 409);
    expectRefused(await village.post('/api/applications', body({ fromFollowUpId: '0'.repeat(20) })), 404);
    expect(await count()).toBe(n);
  });
});
