// Public-opinion reports 舆情 through the real API on every database: the chain opened at once
// from the reporting unit to the county, signing at each level with its time, handling or
// passing up by the acting level only, the top level unable to pass up, scope, the work queue with
// the acknowledgement deadline (and its setting), bad input, and the 舆情信息报送台账 export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { OpinionDto } from '../../../shared/schemas/opinion-reports';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, ok, type Page, type Units } from '../recipients/recipients-test-support';
import { OPINION_LEDGER_HEADERS, chinaTime } from './opinion-reports.export';

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
  const queue = async (a: Agent) => (ok<Queue>(await a.get('/api/work-queue')).items).filter((i) => i.provider === 'opinion-reports');
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
  });

  it('opens the chain from the reporting village up to the county at once', async () => {
    first = ok<OpinionDto>(await village.post('/api/opinion-reports', report()));
    expect(first.chain.map((l) => l.orgUnitId)).toEqual([units.village1.id, units.township.id, units.county.id]);
    expect(first.chain[0]).toMatchObject({ acknowledgedByName: '刘秀英', ackMinutes: 0, acting: true, decision: null });
    expect(first.chain.slice(1).every((l) => l.acknowledgedAt === null && !l.acting)).toBe(true);
    expect(first).toMatchObject({ status: 'open', level: 'major', reportedByName: '刘秀英', orgUnitName: units.village1.name, canDecide: true, canAcknowledge: false });
    // ack deadline: 2 hours after the report by default
    expect(first.chain[1].ackDueAt).toBe('2026-06-15T04:00:00.000Z');
    const rows = await sys.selectFrom('opinion_report_levels').select('seq').where('report_id', '=', first.id).execute();
    expect(rows).toHaveLength(3);
  });

  it('is seen by the reporting unit and every unit above it, and no one else', async () => {
    for (const a of [village, township, townshipHead, county, city]) ok(await a.get(`/api/opinion-reports/${first.id}`));
    for (const a of [village2, grid]) expectRefused(await a.get(`/api/opinion-reports/${first.id}`), 404);
    expect(ok<Page<OpinionDto>>(await village2.get('/api/opinion-reports')).items).toEqual([]);
    expectRefused(await village2.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 404);
  });

  it('surfaces unsigned reports in each level work queue, due within the setting hours', async () => {
    const q = await queue(township);
    expect(q.map((i) => i.id)).toEqual([first.id]);
    expect(q[0]).toMatchObject({ dueDay: '2026-06-15', dueSoon: true, overdue: false, link: `/opinion-reports/${first.id}` });
    expect(q[0].statusLabel).toMatch(/待签收（2小时内）/);
    expect((await queue(townshipHead)).map((i) => i.id)).toEqual([first.id]);
    expect((await queue(county)).map((i) => i.id)).toEqual([first.id]);
    // the village is expected to act: its item is to handle or pass up
    expect((await queue(village))[0].statusLabel).toBe('待处置或上报');
    expect(await queue(village2)).toEqual([]);
    expect(await queue(city)).toEqual([]);
    expect(ok<Page<OpinionDto>>(await township.get('/api/opinion-reports?inbox=true')).items.map((r) => r.id)).toEqual([first.id]);
  });

  it('signs at a level with the time it took, once', async () => {
    await advance(20);
    const signed = ok<OpinionDto>(await township.post(`/api/opinion-reports/${first.id}/acknowledge`, {}));
    expect(signed.chain[1]).toMatchObject({ acknowledgedByName: '张卫东', ackMinutes: 20, ackOverdue: false });
    expect(signed.canAcknowledge).toBe(false);
    expectRefused(await townshipHead.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 409, /已于/);
    expect(await queue(township)).toEqual([]);
    expect(ok<Page<OpinionDto>>(await township.get('/api/opinion-reports?inbox=true')).items).toEqual([]);
    expectRefused(await city.post(`/api/opinion-reports/${first.id}/acknowledge`, {}), 403);
  });

  it('lets only the acting level decide: the village passes up, then the township handles', async () => {
    let r = await detail(township, first.id);
    expectRefused(await township.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'handle', measures: '约谈' }), 409, /只需签收/);
    r = await detail(village, first.id);
    expectRefused(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version - 1, decision: 'passUp' }), 409, /请刷新/);
    expectRefused(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'ignore' }), 400, /自行处置或上报/);
    r = ok<OpinionDto>(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'passUp', measures: '涉及镇级资金，请镇里处置' }));
    expect(r.chain[0]).toMatchObject({ decision: 'passUp', decidedByName: '刘秀英', acting: false });
    expect(r.chain[1].acting).toBe(true);
    expectRefused(await village.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'handle', measures: 'x' }), 409, /现由上级处置/);
    // the township is now expected to act: back in its queue as "to handle"
    expect((await queue(township)).map((i) => i.statusLabel)).toEqual(['待处置或上报']);
    r = await detail(township, first.id);
    expectRefused(await township.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'handle', measures: '' }), 400, /处置措施/);
    r = ok<OpinionDto>(await township.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'handle', measures: '核实发放情况并在村务公开栏公示' }));
    expect(r.status).toBe('handled');
    expect(r.chain[1]).toMatchObject({ decision: 'handle', measures: '核实发放情况并在村务公开栏公示' });
    expect(r.chain.some((l) => l.acting)).toBe(false);
    expectRefused(await township.post(`/api/opinion-reports/${first.id}/decide`, { version: r.version, decision: 'handle', measures: 'x' }), 409, /已处置完毕/);
    // handled below, the county still signs: late, past its 2 hours
    expect((await queue(county))[0]).toMatchObject({ id: first.id, overdue: false });
    await advance(130);
    const late = (await queue(county))[0];
    expect(late).toMatchObject({ overdue: true, statusLabel: '超过2小时未签收' });
    r = ok<OpinionDto>(await county.post(`/api/opinion-reports/${first.id}/acknowledge`, {}));
    expect(r.chain[2]).toMatchObject({ ackMinutes: 150, ackOverdue: true, acknowledgedByName: '李红梅' });
    expect(await queue(county)).toEqual([]);
  });

  it('lets the top of the chain only handle, and signs the deciding level if not yet signed', async () => {
    let r = ok<OpinionDto>(await township.post('/api/opinion-reports', report({ level: 'serious', source: '微信群', foundAt: t.clock.now().toISOString() })));
    expect(r.chain.map((l) => l.orgUnitId)).toEqual([units.township.id, units.county.id]);
    r = ok<OpinionDto>(await township.post(`/api/opinion-reports/${r.id}/decide`, { version: r.version, decision: 'passUp' }));
    const c = await detail(county, r.id);
    expect(c).toMatchObject({ canDecide: true, myLevelIsTop: true, canAcknowledge: true });
    expectRefused(await county.post(`/api/opinion-reports/${r.id}/decide`, { version: c.version, decision: 'passUp' }), 400, /最高一级/);
    await advance(5);
    r = ok<OpinionDto>(await county.post(`/api/opinion-reports/${r.id}/decide`, { version: c.version, decision: 'handle', measures: '县中心约见当事人' }));
    expect(r.chain[1]).toMatchObject({ ackMinutes: 5, acknowledgedByName: '李红梅', decision: 'handle' });
    // a county report: a chain of one
    const top = ok<OpinionDto>(await county.post('/api/opinion-reports', report({ foundAt: t.clock.now().toISOString() })));
    expect(top.chain).toHaveLength(1);
    expect(top.myLevelIsTop).toBe(true);
  });

  it('takes the acknowledgement hours from the setting', async () => {
    const r = ok<OpinionDto>(await village.post('/api/opinion-reports', report({ foundAt: t.clock.now().toISOString() })));
    await advance(90);
    expect((await queue(township)).find((i) => i.id === r.id)?.overdue).toBe(false);
    await sys.insertInto('settings').values({ key: 'opinionReports', value: JSON.stringify({ ackHours: 1 }), updated_at: t.clock.now().toISOString(), updated_by: null }).execute();
    const item = (await queue(township)).find((i) => i.id === r.id)!;
    expect(item).toMatchObject({ overdue: true, statusLabel: '超过1小时未签收' });
    expect((await detail(township, r.id)).chain[1].ackOverdue).toBe(true);
    await sys.deleteFrom('settings').where('key', '=', 'opinionReports').execute();
  });

  it('exports the 舆情信息报送台账 with each level signing time, audited', async () => {
    const res = await county.get('/api/ledgers/opinion-reports');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/舆情信息报送台账/);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(OPINION_LEDGER_HEADERS);
    expect(OPINION_LEDGER_HEADERS).toEqual(['序号', '发现时间', '来源/平台', '舆情摘要', '涉及人员', '等级', '报送人', '报送时间', '各级签收时间', '处置情况', '备注']);
    expect(ws.rowCount).toBe(2 + 4);
    const row = ws.getRow(3);
    expect(row.getCell(2).value).toBe(chinaTime(first.foundAt));
    expect(row.getCell(2).value).toBe('2026-06-15 09:30');
    expect(row.getCell(6).value).toBe('较大');
    const signed = String(row.getCell(9).value);
    expect(signed).toContain(`${units.village1.name}：2026-06-15 10:00（报送单位）`);
    expect(signed).toContain('孝丰镇：2026-06-15 10:20（用时20分钟）');
    expect(signed).toMatch(/安吉县：2026-06-15 12:30（用时2小时30分钟）/);
    expect(String(row.getCell(10).value)).toContain('孝丰镇自行处置：核实发放情况');
    const v = await village.get('/api/ledgers/opinion-reports');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(v.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].rowCount).toBe(2 + 2);
    expectRefused(await village.get(`/api/ledgers/opinion-reports?orgUnitId=${units.village2.id}`), 404);
    const exports = await sys.selectFrom('audit_logs').select(['username']).where('action', '=', 'opinion-report.export').orderBy('seq').execute();
    expect(exports.map((e) => e.username)).toEqual(['county', 'village']);
  });
});
