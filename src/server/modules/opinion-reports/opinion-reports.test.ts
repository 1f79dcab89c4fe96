// Public-opinion reports 舆情 through the real API on every database, on the case kernel: a case
// waiting on the reporting unit, passed up level by level to the county (each level signing within
// the setting's hours, the time it took kept in the log), handling or passing up by the waiting
// level only, the top level unable to pass up, scope, the kernel's work queue with the hour
// deadline, bad input, and the 舆情信息报送台账 export read from the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { OpinionDto } from '../../../shared/schemas/opinion-reports';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, ok, type Page, type Units } from '../recipients/recipients-test-support';
import { OPINION_LEDGER_HEADERS, chinaTime } from './opinion-reports.export';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('opinion reports on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let townshipHead: Agent;
  let grid: Agent;
  let county: Agent;
  let city: Agent;
  let first: OpinionDto;

  const report = (over: Record<string, unknown> = {}) => ({
    foundAt: '2026-06-15T01:30:00.000Z',
    source: '抖音',
    summary: '网传某村退役军人优待金未按时发放，引发转发',
    people: '王大山',
    level: 'major',
    link: 'https://example.com/v/123',
    ...over,
  });
  const detail = async (a: Agent, id: string) => ok<OpinionDto>(await a.get(`/api/opinion-reports/${id}`));
  // the kernel's case provider lists the reports waiting on the caller's unit
  const queue = async (a: Agent) => (ok<Queue>(await a.get('/api/work-queue')).items).filter((i) => i.link.startsWith('/opinion-reports/'));
  const decide = async (a: Agent, id: string, body: Record<string, unknown>) => {
    const r = await detail(a, id);
    return a.post(`/api/opinion-reports/${id}/decide`, { version: r.version, ...body });
  };
  /** Moves the clock on and signs everyone in again (sessions idle out). */
  async function advance(minutes: number): Promise<void> {
    t.clock.set(new Date(t.clock.now().getTime() + minutes * 60_000).toISOString());
    await signIn();
  }
  async function signIn(): Promise<void> {
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    grid = await t.login('grid');
    county = await t.login('county');
    city = await t.login('city');
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    await signIn();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ level: 'huge' }, /等级/],
      [{ source: '' }, /来源/],
      [{ summary: '' }, /舆情摘要/],
      [{ link: 'javascript:alert(1)' }, /链接/],
      [{ foundAt: 'yesterday' }, /发现时间/],
      [{ foundAt: '2026-06-16T02:00:00.000Z' }, /不能晚于现在/],
    ];
    for (const [over, message] of bad) {
      const e = expectRefused(await village.post('/api/opinion-reports', report(over)), 400, message);
      expect(e.message).toMatch(chinese);
    }
    expectRefused(await city.post('/api/opinion-reports', report()), 403);
    expect(await sys.selectFrom('opinion_reports').select('id').execute()).toEqual([]);
    expect(await sys.selectFrom('cases').select('id').where('case_type', '=', 'opinionReport').execute()).toEqual([]);
  });

  it('opens a case waiting on the reporting village, its chain fixed up to the county', async () => {
    first = ok<OpinionDto>(await village.post('/api/opinion-reports', report()));
    expect(first.chain.map((l) => l.orgUnitId)).toEqual([units.village1.id, units.township.id, units.county.id]);
    expect(first.chain[0]).toMatchObject({ acknowledgedByName: '刘秀英', ackMinutes: 0, acting: true, reached: true, decision: null });
    // the levels above see it at once but have nothing to sign until it is passed up to them
    expect(first.chain.slice(1).every((l) => l.acknowledgedAt === null && !l.acting && !l.reached && l.ackDueAt === null)).toBe(true);
    expect(first).toMatchObject({ status: 'open', caseStatus: 'signed', caseStatusLabel: '待处置或上报', dueAt: null, level: 'major', reportedByName: '刘秀英', orgUnitName: units.village1.name, canDecide: true, canAcknowledge: false });
    expect(first.log?.map((e) => [e.action, e.actorName, e.toStatus])).toEqual([['report', '刘秀英', 'signed']]);
    // one record, one case: same id, waiting on the village, the row's status written by the kernel
    const c = await sys.selectFrom('cases').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ case_type: 'opinionReport', status: 'signed', open: 1, waiting_unit_id: units.village1.id, org_unit_id: units.village1.id });
    expect(await sys.selectFrom('opinion_reports').select(['status', 'acting_seq', 'waiting_unit_id', 'version']).where('id', '=', first.id).executeTakeFirst()).toEqual({ status: 'open', acting_seq: 0, waiting_unit_id: units.village1.id, version: c.version });
  });

  it('is seen by the reporting unit and every unit above it, and no one else', async () => {
    for (const a of [village, township, townshipHead, county, city]) ok(await a.get(`/api/opinion-reports/${first.id}`));
    for (const a of [village2, grid]) expectRefused(await a.get(`/api/opinion-reports/${first.id}`), 404);
    expect(ok<Page<OpinionDto>>(await village2.get('/api/opinion-reports')).items).toEqual([]);
    expectRefused(await village2.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 404);
  });

  it('waits in the work queue of the level it is at only', async () => {
    const q = await queue(village);
    expect(q.map((i) => [i.id, i.statusLabel, i.dueDay])).toEqual([[first.id, '待处置或上报', null]]);
    expect(q[0].link).toBe(`/opinion-reports/${first.id}`);
    for (const a of [township, townshipHead, county, village2, city]) expect(await queue(a)).toEqual([]);
    expect(ok<Page<OpinionDto>>(await village.get('/api/opinion-reports?inbox=true')).items.map((r) => r.id)).toEqual([first.id]);
    expect(ok<Page<OpinionDto>>(await township.get('/api/opinion-reports?inbox=true')).items).toEqual([]);
    // not yet passed up: the township has nothing to sign or decide
    expectRefused(await township.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 409, /尚未上报至孝丰镇/);
    expectRefused(await decide(township, first.id, { decision: 'handle', measures: '约谈' }), 409, /尚未上报至孝丰镇/);
  });

  it('passes up: the township then has 2 hours to sign, and only the village decided', async () => {
    let r = await detail(village, first.id);
    expectRefused(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version + 1, decision: 'passUp' }), 409, /请刷新/);
    expectRefused(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'ignore' }), 400, /自行处置或上报/);
    r = ok<OpinionDto>(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'passUp', measures: '涉及镇级资金，请镇里处置' }));
    expect(r.chain[0]).toMatchObject({ decision: 'passUp', decidedByName: '刘秀英', measures: '涉及镇级资金，请镇里处置', acting: false });
    expect(r.chain[1]).toMatchObject({ acting: true, reached: true, acknowledgedAt: null, ackDueAt: '2026-06-15T04:00:00.000Z' });
    expect(r).toMatchObject({ caseStatus: 'awaitingSign', dueAt: '2026-06-15T04:00:00.000Z', canDecide: false });
    expectRefused(await decide(village, first.id, { decision: 'handle', measures: 'x' }), 409, /现由上级处置/);
    const q = await queue(township);
    expect(q.map((i) => i.id)).toEqual([first.id]);
    expect(q[0]).toMatchObject({ statusLabel: '待签收', dueDay: '2026-06-15', dueAt: '2026-06-15T04:00:00.000Z', dueSoon: false, overdue: false });
    expect((await queue(townshipHead)).map((i) => i.id)).toEqual([first.id]);
    expect(await queue(village)).toEqual([]);
    expect(await queue(county)).toEqual([]);
    expect(ok<Page<OpinionDto>>(await township.get('/api/opinion-reports?inbox=true')).items.map((x) => x.id)).toEqual([first.id]);
    // a unit above the waiting level does not act for it, not even through the kernel's own route
    expectRefused(await county.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 409, /尚未上报至安吉县/);
    expectRefused(await county.post(`/api/cases/${first.id}/actions`, { action: 'sign', comment: '', version: r.version }), 403);
  });

  it('signs at a level with the time it took, once', async () => {
    await advance(20);
    const signed = ok<OpinionDto>(await township.post(`/api/opinion-reports/${first.id}/acknowledge`, {}));
    expect(signed.chain[1]).toMatchObject({ acknowledgedByName: '张卫东', ackMinutes: 20, ackOverdue: false, acting: true });
    expect(signed).toMatchObject({ canAcknowledge: false, canDecide: true, caseStatus: 'signed', dueAt: null });
    expectRefused(await townshipHead.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 409, /已于/);
    expect((await queue(township)).map((i) => i.statusLabel)).toEqual(['待处置或上报']);
    expectRefused(await city.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 403);
  });

  it('passes up to the county, which signs late and handles it; then it is closed', async () => {
    expectRefused(await decide(township, first.id, { decision: 'handle', measures: '' }), 400, /处置措施/);
    let r = ok<OpinionDto>(await decide(township, first.id, { decision: 'passUp', measures: '核实发放情况，报县中心协调资金' }));
    expect(r.chain[1]).toMatchObject({ decision: 'passUp', decidedByName: '张卫东' });
    expect(r.chain[2]).toMatchObject({ acting: true, ackDueAt: '2026-06-15T04:20:00.000Z' });
    expect(await queue(township)).toEqual([]);
    expect((await queue(county))[0]).toMatchObject({ id: first.id, overdue: false });
    await advance(130);
    expect((await queue(county))[0]).toMatchObject({ id: first.id, overdue: true, statusLabel: '待签收' });
    expect((await detail(county, first.id)).chain[2].ackOverdue).toBe(true);
    r = ok<OpinionDto>(await county.post(`/api/opinion-reports/${first.id}/acknowledge`, {}));
    expect(r.chain[2]).toMatchObject({ ackMinutes: 130, ackOverdue: true, acknowledgedByName: '李红梅' });
    r = ok<OpinionDto>(await decide(county, first.id, { decision: 'handle', measures: '县中心协调补发优待金' }));
    expect(r).toMatchObject({ status: 'handled', caseStatus: 'handled', canDecide: false });
    expect(r.chain[2]).toMatchObject({ decision: 'handle', measures: '县中心协调补发优待金' });
    expect(r.chain.some((l) => l.acting)).toBe(false);
    expectRefused(await decide(county, first.id, { decision: 'handle', measures: 'x' }), 409, /已处置完毕/);
    expect(await queue(county)).toEqual([]);
    // the log is the kernel's: each step once, in order, with its actor and data
    expect(r.log?.map((e) => [e.action, e.actorName, e.toStatus])).toEqual([
      ['report', '刘秀英', 'signed'],
      ['passUp', '刘秀英', 'awaitingSign'],
      ['sign', '张卫东', 'signed'],
      ['passUp', '张卫东', 'awaitingSign'],
      ['sign', '李红梅', 'signed'],
      ['handle', '李红梅', 'handled'],
    ]);
    expect(r.log?.[5].data).toEqual({ measures: '县中心协调补发优待金' });
    const row = await sys.selectFrom('opinion_reports').select(['status', 'acting_seq', 'waiting_unit_id']).where('id', '=', first.id).executeTakeFirst();
    expect(row).toEqual({ status: 'handled', acting_seq: 2, waiting_unit_id: null });
  });

  it('lets the top of the chain only handle, and signs the deciding level if not yet signed', async () => {
    let r = ok<OpinionDto>(await township.post('/api/opinion-reports', report({ level: 'serious', source: '微信群', foundAt: t.clock.now().toISOString() })));
    expect(r.chain.map((l) => l.orgUnitId)).toEqual([units.township.id, units.county.id]);
    r = ok<OpinionDto>(await township.post(`/api/opinion-reports/${r.id}/decide`, { version: r.version, decision: 'passUp' }));
    const c = await detail(county, r.id);
    expect(c).toMatchObject({ canDecide: true, myLevelIsTop: true, canAcknowledge: true });
    expectRefused(await county.post(`/api/opinion-reports/${r.id}/decide`, { version: c.version, decision: 'passUp' }), 400, /最高一级/);
    // the kernel's route refuses it too (the case type's own check)
    expectRefused(await county.post(`/api/cases/${r.id}/actions`, { action: 'passUp', comment: '', version: c.version, data: {} }), 400, /最高一级/);
    await advance(5);
    r = ok<OpinionDto>(await county.post(`/api/opinion-reports/${r.id}/decide`, { version: c.version, decision: 'handle', measures: '县中心约见当事人' }));
    expect(r.chain[1]).toMatchObject({ ackMinutes: 5, acknowledgedByName: '李红梅', decision: 'handle' });
    // a county report: a chain of one
    const top = ok<OpinionDto>(await county.post('/api/opinion-reports', report({ foundAt: t.clock.now().toISOString() })));
    expect(top.chain).toHaveLength(1);
    expect(top.myLevelIsTop).toBe(true);
  });

  it('takes the acknowledgement hours from the setting when the report reaches a level', async () => {
    await advance(1); // after the county's report, for the ledger's order
    await sys.insertInto('settings').values({ key: 'opinionReports', value: JSON.stringify({ ackHours: 1 }), updated_at: t.clock.now().toISOString(), updated_by: null }).execute();
    let r = ok<OpinionDto>(await village.post('/api/opinion-reports', report({ foundAt: t.clock.now().toISOString() })));
    r = ok<OpinionDto>(await decide(village, r.id, { decision: 'passUp' }));
    expect(Date.parse(r.chain[1].ackDueAt!) - Date.parse(t.clock.now().toISOString())).toBe(3_600_000);
    await advance(45);
    expect((await queue(township)).find((i) => i.id === r.id)).toMatchObject({ overdue: false, dueSoon: true });
    await advance(45);
    expect((await queue(township)).find((i) => i.id === r.id)).toMatchObject({ overdue: true, statusLabel: '待签收' });
    expect((await detail(township, r.id)).chain[1].ackOverdue).toBe(true);
    await sys.deleteFrom('settings').where('key', '=', 'opinionReports').execute();
  });

  it('keeps every stored status equal to the last logged one', async () => {
    expect(await statusMismatchesUnscoped(t.db.handle.db)).toEqual([]);
  });

  it('exports the 舆情信息报送台账 with each level signing time, audited', async () => {
    const res = await county.get('/api/ledgers/opinion-reports');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/舆情信息报送台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(OPINION_LEDGER_HEADERS);
    expect(OPINION_LEDGER_HEADERS).toEqual(['序号', '发现时间', '来源/平台', '舆情摘要', '涉及人员', '等级', '报送人', '报送时间', '各级签收时间', '处置情况', '备注']);
    expect(ws.rowCount).toBe(3 + 4);
    const row = ws.getRow(4);
    expect(row.getCell(2).value).toBe(chinaTime(first.foundAt));
    expect(row.getCell(2).value).toBe('2026-06-15 09:30');
    expect(row.getCell(6).value).toBe('较大');
    const signed = String(row.getCell(9).value);
    expect(signed).toContain(`${units.village1.name}：2026-06-15 10:00（报送单位）`);
    expect(signed).toContain('孝丰镇：2026-06-15 10:20（用时20分钟）');
    expect(signed).toMatch(/安吉县：2026-06-15 12:30（用时2小时10分钟）/);
    const handling = String(row.getCell(10).value);
    expect(handling).toContain('孝丰镇上报：核实发放情况');
    expect(handling).toContain('安吉县自行处置：县中心协调补发优待金');
    // the last report waits on the township, unsigned; the county was never reached
    const waiting = String(ws.getRow(7).getCell(9).value);
    expect(waiting).toMatch(/孝丰镇：未签收/);
    expect(waiting).not.toMatch(/安吉县/);
    const v = await village.get('/api/ledgers/opinion-reports');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(v.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].rowCount).toBe(3 + 2);
    expectRefused(await village.get(`/api/ledgers/opinion-reports?orgUnitId=${units.village2.id}`), 404);
    const exports = await sys.selectFrom('audit_logs').select(['username']).where('action', '=', 'opinion-report.export').orderBy('seq').execute();
    expect(exports.map((e) => e.username)).toEqual(['county', 'village']);
  });
});
