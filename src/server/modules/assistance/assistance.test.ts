// Assistance applications 帮扶援助申请 through the real API on every database: opening for a
// registered recipient, bad input refused in Chinese with nothing written, verification by two
// different people, the opinion chain, approval by amount (the township's limit, changed by the
// setting), approval refused without a true verification, the assistanceApproved event in the
// approving transaction, the 公示 with an objection and the public list (masked), the return visit
// in the owner's work queue, referrals with their outcome, the repeat-aid warning, the range
// guard, the ledger, the figures and the pass-on from a visit's follow-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { subscribe, type EventPayload } from '../../platform/events';
import { AppError } from '../../platform/errors';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { AssistanceDetail, AssistanceDto, AssistanceFigures, AssistanceSettingsView, PublicAidList } from '../../../shared/schemas/assistance';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, register as registerRecipient, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { assistanceApproved } from './index';
import { ASSISTANCE_LEDGER_HEADERS } from './assistance.export';

describe.each(dbKinds)('assistance on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let townshiphead: Agent;
  let county: Agent;
  let countyhead: Agent;
  const ids: Record<string, string> = {};
  let seq = 700;
  let offApproved: (() => void) | undefined;
  const approvedEvents: EventPayload<typeof assistanceApproved>[] = [];

  const newPerson = async (name: string, unitId = units.village1.id, by = village) => registerApproved(by, county, simpleForm(unitId, name, makeId('1960-05-0' + ((seq % 9) + 1), ++seq)));
  const body = (recipientId: string, over: Record<string, unknown> = {}) => ({
    recipientId,
    orgUnitId: units.village1.id,
    ground: 'familyChange',
    monthlyIncomeFen: 150000,
    members: 3,
    policies: ['低保'],
    narrative: '配偶今年车祸去世，两个孩子上学，家中无其他收入',
    ...over,
  });
  const open = async (a: Agent, b: Record<string, unknown>) => ok<AssistanceDetail>(await a.post('/api/assistance', b));
  const detail = async (a: Agent, id: string) => ok<AssistanceDetail>(await a.get(`/api/assistance/${id}`));
  const act = (a: Agent, d: AssistanceDetail, action: string, data?: Record<string, unknown>, comment = '') => a.post(`/api/assistance/${d.id}/actions`, { action, version: d.version, comment, data });
  const acted = async (a: Agent, d: AssistanceDetail, action: string, data?: Record<string, unknown>, comment = '') => ok<AssistanceDetail>(await act(a, d, action, data, comment));
  const verification = (over: Record<string, unknown> = {}) => ({ verifierIds: [ids.village, ids.township], method: 'homeVisit', day: '2026-06-15', findings: '入户查看，情况属实', conclusion: 'true', ...over });
  const count = async (table: 'assistance_applications' | 'assistance_referrals' | 'cases' | 'case_actions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('assistance_applications'), await count('assistance_referrals'), await count('cases'), await count('case_actions')];
  /** Opened, verified and submitted by the village: waits on the township. */
  const atTownship = async (name: string) => {
    const p = await newPerson(name);
    let d = await open(village, body(p.id));
    d = await acted(village, d, 'verify', verification());
    return acted(village, d, 'submit', undefined, '村服务站意见：情况属实，建议给予援助');
  };
  const setSettings = async (over: Record<string, unknown>) =>
    ok<AssistanceSettingsView>(await countyhead.put('/api/assistance-settings', { townshipLimitFen: 0, countyLimitFen: null, repeatMonths: 12, noticeDays: 7, ...over }));

  /** Moves the clock and signs everyone in again (a jump of days ends the sessions). */
  const setClock = async (at: string) => {
    t.clock.set(at);
    await loginAll();
  };
  const loginAll = async () => {
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    townshiphead = await t.login('townshiphead');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    await loginAll();
    offApproved = subscribe(assistanceApproved, async (_trx, _ctx, e) => {
      // a subscriber that refuses (as the funds side would without money) rolls the approval back
      if (e.amountFen === 12345) throw new AppError(409, 'NO_FUNDS', '资金不足（测试）');
      approvedEvents.push(e);
    });
  });
  afterAll(async () => {
    offApproved?.();
    await t?.close();
  });

  it('opens an application for a registered recipient, waiting on the village for verification', async () => {
    const p = await newPerson('周援助');
    const d = await open(village, body(p.id));
    expect(d.status).toBe('verifying');
    expect([d.recipientName, d.ground, d.monthlyIncomeFen, d.members, d.policies, d.place]).toEqual(['周援助', 'familyChange', 150000, 3, ['低保'], units.village1.name]);
    expect(d.steps.map((s) => s.level)).toEqual(['village', 'township', 'county']);
    expect(d.log.map((l) => l.action)).toEqual(['open']);
    expect(d.actions.map((a) => a.name)).toEqual(expect.arrayContaining(['verify', 'submit', 'refer']));
    const c = await sys.selectFrom('cases').select(['case_type', 'status', 'subject_id', 'waiting_unit_id']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(c).toEqual({ case_type: 'assistance', status: 'verifying', subject_id: p.id, waiting_unit_id: units.village1.id });
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', d.id).execute()).map((a) => a.action)).toContain('assistance.create');
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const p = await newPerson('吴坏输入');
    const other = await newPerson('郑外村', units.village2.id, village2);
    const draft = await registerRecipient(village, simpleForm(units.village1.id, '王草稿', makeId('1961-01-02', ++seq)));
    const base = await counts();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ monthlyIncomeFen: -100 }, 400, /不能为负数/],
      [{ monthlyIncomeFen: 100.5 }, 400, /精确到分/],
      [{ ground: 'rich' }, 400, /申请理由/],
      [{ members: 0 }, 400, /家庭人口/],
      [{ narrative: '' }, 400, /困难情况/],
      [{ recipientId: other.id }, 404, /服务对象/],
      [{ recipientId: draft.id }, 400, /尚未审核入库/],
      [{ orgUnitId: units.village2.id }, 404, /单位/],
      [{ repeatReason: '短' }, 400, /至少 2 个字/],
      [{ fromFollowUpId: '0'.repeat(20) }, 404, /后续事项/],
    ];
    for (const [over, status, msg] of cases) {
      const b = over.recipientId ? { ...body(p.id), ...over } : body(p.id, over);
      const err = expectRefused(await village.post('/api/assistance', b), status, msg);
      expect(err.message, JSON.stringify(over)).toMatch(chinese);
    }
    expect(await counts()).toEqual(base);
  });

  it('verification needs two different staff in reach; submission and approval need a verification that is not 不属实', async () => {
    const p = await newPerson('冯核实');
    let d = await open(village, body(p.id));
    const before = await counts();
    expectRefused(await act(village, d, 'submit', undefined, '建议援助'), 409, /请先完成核实/);
    expectRefused(await act(village, d, 'verify', verification({ verifierIds: [ids.village, ids.village] })), 400, /不能是同一人/);
    expectRefused(await act(village, d, 'verify', verification({ verifierIds: [ids.village] })), 400, /两人/);
    expectRefused(await act(village, d, 'verify', verification({ verifierIds: [ids.village, ids.village2] })), 400, /核实人/);
    expectRefused(await act(village, d, 'verify', verification({ conclusion: 'maybe' })), 400, /核实结论/);
    expectRefused(await act(village, d, 'verify', verification({ day: '2026-07-01' })), 400, /晚于今天/);
    expect(await counts()).toEqual(before);
    // the verifiers a village worker may name: its own, the township's and the county's staff, not another village's
    const names = ok<{ items: { id: string }[] }>(await village.get(`/api/assistance/verifiers?orgUnitId=${units.village1.id}`)).items.map((x) => x.id);
    expect(names).toEqual(expect.arrayContaining([ids.village, ids.township, ids.county]));
    expect(names).not.toContain(ids.village2);

    d = await acted(village, d, 'verify', verification({ conclusion: 'false', findings: '家中有经营性收入，情况不属实' }));
    expect(d.verifications.map((v) => [v.verifierNames.length, v.conclusion])).toEqual([[2, 'false']]);
    d = await acted(village, d, 'submit', undefined, '村意见：核实不属实，报乡镇');
    d = await acted(township, d, 'opinion', undefined, '乡镇意见：报县级');
    expect(d.waitingUnitName).toBe((await sys.selectFrom('org_units').select('name').where('id', '=', units.county.id).executeTakeFirstOrThrow()).name);
    expectRefused(await act(county, d, 'approve', { form: 'money', amountFen: 50000 }), 409, /不属实/);
    // sent back to be verified again, then verified true, it can pass
    d = await acted(county, d, 'returnToVerify', undefined, '请重新入户核实经营收入');
    expect(d.status).toBe('verifying');
    d = await acted(village, d, 'verify', verification({ findings: '经营已停业，情况属实' }));
    d = await acted(village, d, 'submit', undefined, '村意见：重新核实属实');
    d = await acted(township, d, 'opinion', undefined, '乡镇意见：同意');
    d = await acted(county, d, 'approve', { form: 'money', amountFen: 50000 }, '同意给予援助金');
    expect(d.status).toBe('notice');
  });

  it('who approves depends on the amount: the township limit (default 0) refuses money aid, the setting changes it', async () => {
    let d = await atTownship('陈限额');
    expect(d.status).toBe('review');
    expect(d.approvalLimitFen).toBe(0);
    const before = await counts();
    expectRefused(await act(townshiphead, d, 'approve', { form: 'money', amountFen: 50000 }), 403, /不能审批涉及资金.*500\.00 元.*县级/);
    // workers hold no review permission; the county may not act for the township's step
    expectRefused(await act(township, d, 'approve', { form: 'money', amountFen: 50000 }), 403, /没有权限/);
    expectRefused(await act(village, d, 'approve', { form: 'money', amountFen: 50000 }), 403);
    expectRefused(await act(county, d, 'approve', { form: 'money', amountFen: 50000 }), 403);
    // bad decisions
    expectRefused(await act(townshiphead, d, 'approve', { form: 'money', amountFen: -1 }), 400, /不能为负数/);
    expectRefused(await act(townshiphead, d, 'approve', { form: 'money', amountFen: 0 }), 400, /大于 0/);
    expectRefused(await act(townshiphead, d, 'approve', { form: 'goods', goods: [] }), 400, /物资/);
    expectRefused(await act(townshiphead, d, 'approve', { form: 'cash' }), 400, /帮扶方式/);
    expect(await counts()).toEqual(before);
    // training support without money: the township may decide it
    // (the limit is about money and goods)
    // raising the township's limit to 1,000 yuan lets it approve 500
    expectRefused(await township.put('/api/assistance-settings', { townshipLimitFen: 100000, countyLimitFen: null, repeatMonths: 12, noticeDays: 7 }), 403);
    expectRefused(await countyhead.put('/api/assistance-settings', { townshipLimitFen: -1, countyLimitFen: null, repeatMonths: 12, noticeDays: 7 }), 400, /不能为负数/);
    const s = await setSettings({ townshipLimitFen: 100000 });
    expect([s.townshipLimitFen, s.isDefault, s.mayEdit]).toEqual([100000, false, true]);
    d = await detail(township, d.id);
    expect(d.approvalLimitFen).toBe(100000);
    expectRefused(await act(townshiphead, d, 'approve', { form: 'money', amountFen: 150000 }), 403, /限额为 1000\.00 元/);
    d = await acted(townshiphead, d, 'approve', { form: 'money', amountFen: 50000 }, '同意');
    expect([d.status, d.form, d.amountFen, d.decision?.level]).toEqual(['notice', 'money', 50000, 'township']);
    expect((await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'assistance-settings.update').execute()).map((a) => a.detail)).toEqual([expect.stringMatching(/乡镇审批限额 0\.00 元.*→ 乡镇审批限额 1000\.00 元/)]);
    await setSettings({});
    // with the limit back to 0 the township may still decide aid without money or goods
    const e = await atTownship('何培训');
    const tr = await acted(townshiphead, e, 'approve', { form: 'training' }, '推荐参加技能培训');
    expect([tr.status, tr.form, tr.amountFen]).toEqual(['notice', 'training', 0]);
  });

  it('the county approves money and goods: assistanceApproved in the same transaction, then the 公示, objections, return visit', async () => {
    let d = await atTownship('张明援');
    d = await acted(township, d, 'opinion', undefined, '乡镇意见：同意，报县级审批');
    expect(d.status).toBe('review');
    expect(d.approvalLimitFen).toBe(null);
    const n = approvedEvents.length;
    const before = await counts();
    expectRefused(await act(county, d, 'approve', { form: 'money', amountFen: 12345 }), 409, /资金不足/);
    expect(await counts()).toEqual(before);
    expect((await detail(county, d.id)).status).toBe('review');
    d = await acted(county, d, 'approve', { form: 'goods', amountFen: 80000, goods: [{ name: '大米', quantity: 2, valueFen: 20000 }] }, '同意');
    expect(d.status).toBe('notice');
    expect([d.amountFen, d.goodsValueFen, d.form]).toEqual([80000, 20000, 'goods']);
    expect(approvedEvents.length).toBe(n + 1);
    const e = approvedEvents[approvedEvents.length - 1];
    expect(e).toMatchObject({ caseId: d.id, recipientId: d.recipientId, form: 'goods', amountFen: 80000, goods: [{ name: '大米', quantity: 2, valueFen: 20000 }], orgUnit: { id: units.village1.id, path: units.village1.path }, actorUserId: ids.county });
    // the notice text names a masked name only
    expect(d.notice!.text).toContain('张*援');
    expect(d.notice!.text).not.toContain('张明援');
    expect(d.notice!.endDay).toBe('2026-06-22');
    // the notice waits on the county: objections reach it
    const queue = ok<{ items: WorkItemDto[] }>(await county.get('/api/work-queue')).items;
    expect(queue.some((i) => i.id === d.id)).toBe(true);
    d = await acted(village, d, 'objection', { content: '该户家中有车', objector: '村民' });
    expectRefused(await act(county, d, 'endNotice'), 409, /公示期/);
    await setClock('2026-06-23T02:00:00.000Z');
    expectRefused(await act(county, d, 'endNotice'), 409, /异议尚未处理/);
    d = await acted(county, d, 'resolveObjection', { objectionId: d.notice!.objections[0].id, outcome: 'dismissed', resolution: '车辆为亲属所有，异议不成立' });
    d = await acted(county, d, 'endNotice');
    expect(d.status).toBe('followUp');
    // the return visit reaches the owner's (village's) work queue
    const vq = ok<{ items: WorkItemDto[] }>(await village.get('/api/work-queue')).items;
    expect(JSON.stringify(vq)).toContain(d.id);
    expectRefused(await act(village, d, 'returnVisit', { day: '2026-06-23', method: 'homeVisit', effect: '' }), 400, /帮扶成效/);
    d = await acted(village, d, 'returnVisit', { day: '2026-06-23', method: 'homeVisit', effect: '物资已收到，生活暂时稳定' });
    expect([d.status, d.returnVisit?.effect]).toEqual(['closed', '物资已收到，生活暂时稳定']);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    // the public list shows a masked name, the village, the ground and the amount — nothing else
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/org-units/${units.county.id}/assistance?period=2026-06` });
    expect(pub.statusCode, pub.body).toBe(200);
    const list = pub.json() as PublicAidList;
    const row = list.items.find((i) => i.maskedName === '张*援');
    expect(row).toEqual({ maskedName: '张*援', place: units.village1.name, ground: '家庭变故', form: '生活物资', amountFen: 100000, noticeStart: '2026-06-15', noticeEnd: '2026-06-22' });
    expect(pub.body).not.toContain('张明援');
    expect(pub.body).not.toMatch(/\d{17}[\dX]/);
    expect(pub.body).not.toContain('车祸');
    expectRefused(await t.app.inject({ method: 'GET', url: `/api/public/org-units/${units.county.id}/assistance?period=June` }), 400);
    await setClock('2026-06-15T02:00:00.000Z');
  });

  it('an upheld objection is revoked, a rejection keeps its reason; neither counts as aid given', async () => {
    let d = await atTownship('孙撤销');
    d = await acted(township, d, 'opinion', undefined, '报县级');
    d = await acted(county, d, 'approve', { form: 'money', amountFen: 30000 });
    d = await acted(village, d, 'objection', { content: '已在外地领取过' });
    d = await acted(county, d, 'resolveObjection', { objectionId: d.notice!.objections[0].id, outcome: 'upheld', resolution: '经查属实' });
    await setClock('2026-06-23T02:00:00.000Z');
    expectRefused(await act(county, d, 'endNotice'), 409, /异议/);
    await setClock('2026-06-15T02:00:00.000Z');
    d = await acted(county, d, 'revoke', undefined, '异议成立，撤销援助决定');
    expect([d.status, d.amountFen, d.form]).toEqual(['rejected', 0, null]);
    let r = await atTownship('钱不予');
    expectRefused(await act(townshiphead, r, 'reject'), 400);
    r = await acted(townshiphead, r, 'reject', undefined, '家庭收入高于当地标准');
    expect([r.status, r.decision?.approved, r.decision?.reason]).toEqual(['rejected', false, '家庭收入高于当地标准']);
  });

  it('warns on a repeat within the period: 409 with the previous aid, passes with a reason kept on the case', async () => {
    const p = await newPerson('李重复');
    let d = await open(village, body(p.id));
    d = await acted(village, d, 'verify', verification());
    d = await acted(village, d, 'submit', undefined, '同意');
    d = await acted(township, d, 'opinion', undefined, '同意');
    d = await acted(county, d, 'approve', { form: 'money', amountFen: 60000 });
    const before = await counts();
    const err = expectRefused(await village.post('/api/assistance', body(p.id)), 409, /12 个月内已获得帮扶援助.*重复申请理由/);
    expect(err.details?.map((x) => JSON.parse(x.message) as { id: string; amountFen: number })).toEqual([expect.objectContaining({ id: d.id, amountFen: 60000 })]);
    expect(await counts()).toEqual(before);
    const again = await open(village, body(p.id, { repeatReason: '再次遭遇火灾，房屋损毁' }));
    expect(again.repeatReason).toBe('再次遭遇火灾，房屋损毁');
    expect(again.previousAid.map((x) => x.id)).toEqual([d.id]);
    // a shorter period (1 month) and a decision 2 months ago: no warning
    await sys.updateTable('assistance_applications').set({ decided_on: '2026-04-01' }).where('id', '=', d.id).execute();
    await setSettings({ repeatMonths: 1 });
    const third = await open(village, body(p.id));
    expect(third.repeatReason).toBe(null);
    await setSettings({});
  });

  it('refers to other agencies (§28) as rows with their outcome recorded later', async () => {
    const p = await newPerson('赵转介');
    let d = await open(village, body(p.id));
    expectRefused(await act(village, d, 'refer', { agency: 'bank', day: '2026-06-15' }), 400, /救助类别/);
    d = await acted(village, d, 'refer', { agency: 'dibao', day: '2026-06-15', note: '协助申请低保' });
    expect(d.referrals.map((r) => [r.agency, r.outcome])).toEqual([['dibao', null]]);
    d = await acted(village, d, 'referralOutcome', { referralId: d.referrals[0].id, day: '2026-06-15', outcome: '已纳入低保' });
    expect(d.referrals.map((r) => [r.agency, r.outcome, r.outcomeOn])).toEqual([['dibao', '已纳入低保', '2026-06-15']]);
    expectRefused(await act(village, d, 'referralOutcome', { referralId: d.referrals[0].id, day: '2026-06-15', outcome: '再次' }), 409, /已登记结果/);
    const rows = await sys.selectFrom('assistance_referrals').select(['agency', 'outcome', 'org_path']).where('case_id', '=', d.id).execute();
    expect(rows).toEqual([{ agency: 'dibao', outcome: '已纳入低保', org_path: units.village1.path }]);
  });

  it('keeps to the range; lists, filters, exports the ledger (masked, audited) and gives the figures', async () => {
    const p = await newPerson('吴范围');
    const d = await open(village, body(p.id, { ground: 'uncovered' }));
    expectRefused(await village2.get(`/api/assistance/${d.id}`), 404);
    expectRefused(await village2.post(`/api/assistance/${d.id}/actions`, { action: 'verify', version: d.version, data: verification() }), 404);
    expect(ok<Page<AssistanceDto>>(await village2.get('/api/assistance?pageSize=200')).items.map((x) => x.id)).not.toContain(d.id);
    const mine = ok<Page<AssistanceDto>>(await village.get('/api/assistance?pageSize=200&ground=uncovered')).items;
    expect(mine.map((x) => x.id)).toEqual([d.id]);
    expect(ok<Page<AssistanceDto>>(await township.get(`/api/assistance?pageSize=200&recipientId=${p.id}`)).items.map((x) => x.id)).toEqual([d.id]);
    expectRefused(await village.get('/api/assistance?status=maybe'), 400);
    const res = await township.get(`/api/ledgers/assistance?orgUnitId=${units.village1.id}&ground=uncovered`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/帮扶援助台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(ASSISTANCE_LEDGER_HEADERS);
    expect(ws.getRow(4).getCell(3).value).toBe('吴范围');
    expect(String(ws.getRow(4).getCell(4).value)).toContain('*');
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'assistance.export').execute()).map((a) => a.username)).toEqual(['township']);
    expectRefused(await village.get(`/api/ledgers/assistance?orgUnitId=${units.village2.id}`), 404);
    const f = ok<AssistanceFigures>(await county.get('/api/assistance/figures?period=2026-06'));
    expect(f.total.count).toBeGreaterThan(0);
    expect(f.byForm.find((x) => x.key === 'goods')).toEqual({ key: 'goods', label: '生活物资', count: 1, amountFen: 100000 });
    expect(f.byUnit.reduce((s, u) => s + u.count, 0)).toBe(f.total.count);
    expectRefused(await county.get('/api/assistance/figures?period=June'), 400);
    const vf = ok<AssistanceFigures>(await village2.get('/api/assistance/figures?period=2026'));
    expect(vf.total).toEqual({ count: 0, amountFen: 0 });
  });

  it('keeps evidence files encrypted, checks their content, audits each download, and takes none after the decision', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    let d = await atTownship('林证明');
    const up = ok<{ open: boolean; items: { id: string; name: string }[] }>(await village.post(`/api/assistance/${d.id}/files`, { name: '收入证明.png', mime: 'image/png', dataBase64: png }));
    expect([up.open, up.items.map((f) => f.name)]).toEqual([true, ['收入证明.png']]);
    expectRefused(await village.post(`/api/assistance/${d.id}/files`, { name: '假的.pdf', mime: 'application/pdf', dataBase64: png }), 400, /内容与类型不符/);
    const row = await sys.selectFrom('files').select(['data_enc', 'org_path', 'owner_type']).where('id', '=', up.items[0].id).executeTakeFirstOrThrow();
    expect([row.owner_type, row.org_path]).toEqual(['assistance', units.village1.path]);
    expect(row.data_enc).not.toContain(png.slice(0, 20));
    const file = await village.get(`/api/assistance/${d.id}/files/${up.items[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('base64')).toBe(png);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', d.id).execute()).map((a) => a.action)).toEqual(expect.arrayContaining(['assistance.evidence-add', 'assistance.evidence-view']));
    expectRefused(await village2.get(`/api/assistance/${d.id}/files`), 404);
    d = await acted(townshiphead, d, 'reject', undefined, '不符合条件');
    expectRefused(await village.post(`/api/assistance/${d.id}/files`, { name: '晚了.png', mime: 'image/png', dataBase64: png }), 409, /已作出决定/);
  });

  it('opens from a visit follow-up in one step: the follow-up closes naming the application', async () => {
    const r: RecipientDetail = await newPerson('钱走访帮');
    const visit = await village.post('/api/visits', {
      clientKey: `aid-pass-on-${kind}`,
      recipientId: r.id,
      visitedOn: '2026-06-14',
      visitType: 'home',
      visitors: '刘秀英',
      followUps: [{ need: '家中房屋漏雨，无钱修缮' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const [followUpId] = (visit.json() as { followUps: { id: string }[] }).followUps.map((f) => f.id);
    const other = await newPerson('孙别人');
    const before = await counts();
    expectRefused(await village.post('/api/assistance', body(other.id, { fromFollowUpId: followUpId })), 400, /不是此服务对象/);
    expect(await counts()).toEqual(before);
    const d = await open(village, body(r.id, { fromFollowUpId: followUpId }));
    const f = await sys.selectFrom('visit_follow_ups').select(['status', 'passed_to']).where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f).toEqual({ status: 'passedOn', passed_to: `assistance:${d.id}` });
  });
});
