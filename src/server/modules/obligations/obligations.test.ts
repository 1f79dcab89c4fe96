// Obligations 工作制度 through the real API on every database: the defaults of Chapter 2; what a township
// owes this month and last (in its work queue, with overdue marks); recording its meetings on time and
// late, bad input refused in Chinese with nothing written; upper levels read and never write; the county's
// reporting rate with drill-down to the villages; the dispute summary read from disputes; a township's own
// obligation for its villages only, its due-day options changing the due day; the period lock; figures;
// and the ledger with its responsible person set by the station head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { computeFigures } from '../../platform/figures';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { ObligationDefDto, ObligationRecordDto, OwedList, ReportingDto, ResponsibleList } from '../../../shared/schemas/obligations';
import type { LightMyRequestResponse } from 'fastify';
import { MANY_LOGINS, demoUnits, ok, type Units } from '../recipients/recipients-test-support';
import { OBLIGATION_LEDGER_HEADERS } from './obligations.export';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const photo = { name: '会议照片.png', mime: 'image/png', dataBase64: PNG };
const meeting = (over: Record<string, unknown> = {}) => ({
  definitionId: 'obl-township-meeting',
  period: '2026-06',
  heldOn: '2026-06-10',
  attendees: '各村服务站站长 12 人',
  topics: '传达上级文件；部署走访慰问',
  minutes: '会议要求各村 6 月底前完成走访。',
  files: [photo],
  ...over,
});

describe.each(dbKinds)('obligations on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let township: Agent;
  let townshipHead: Agent;
  let village: Agent;
  let county: Agent;
  let far: Agent;

  const count = async (table: 'obligation_records' | 'obligation_defs' | 'files' | 'ledger_responsibles') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['obligation_records', 'obligation_defs', 'files', 'ledger_responsibles'] as const).map(count));
  const owed = async (a: Agent, q = '') => ok<OwedList>(await a.get(`/api/obligations/owed${q}`));
  const queue = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items.filter((i) => i.provider === 'obligations');
  const rate = async (a: Agent, def: string, period: string, unitId?: string) => ok<ReportingDto>(await a.get(`/api/obligations/reporting?definitionId=${def}&period=${period}${unitId ? `&orgUnitId=${unitId}` : ''}`));

  /** A refusal with a Chinese message (containing `text`) that changed none of the tables. */
  const refused = async (p: Promise<LightMyRequestResponse>, status: number, text: string | undefined, now: () => Promise<number[]>, before: number[]) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(status);
    const body = JSON.parse(res.body) as { message: string };
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    if (text) expect(body.message).toContain(text);
    expect(await now()).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    village = await t.login('village');
    county = await t.login('county');
    await t.createUser({ username: 'obl-far', roles: ['worker'], orgUnitId: units.hanggaiVillage.id });
    far = await t.login('obl-far');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the defaults and what a township owes, in its work queue with marks', async () => {
    const defs = ok<{ items: ObligationDefDto[] }>(await township.get('/api/obligations/definitions')).items;
    expect(defs.map((d) => d.code)).toEqual(expect.arrayContaining(['county-meeting', 'township-meeting', 'county-training', 'township-training', 'county-review', 'dispute-summary', 'village-petition-report']));
    const list = await owed(township);
    expect(list.today).toBe('2026-06-15');
    const may = list.items.find((i) => i.definitionId === 'obl-township-meeting' && i.period === '2026-05')!;
    const june = list.items.find((i) => i.definitionId === 'obl-township-meeting' && i.period === '2026-06')!;
    expect(may).toMatchObject({ state: 'owed', dueDay: '2026-06-05', overdue: true });
    expect(june).toMatchObject({ state: 'owed', dueDay: '2026-07-06', overdue: false, dueSoon: false }); // 07-05 is a Sunday
    // half-yearly training, monthly petition report; nothing of the county or the villages
    expect(list.items.some((i) => i.definitionId === 'obl-township-training' && i.period === '2026-H1')).toBe(true);
    expect(list.items.some((i) => i.definitionId === 'obl-county-meeting' || i.definitionId === 'obl-village-petition-report')).toBe(false);
    const items = await queue(township);
    expect(items.find((i) => i.id === 'obl-township-meeting:2026-05')).toMatchObject({ overdue: true, dueDay: '2026-06-05', title: '2026年5月乡镇（街道）服务站负责人会议' });
  });

  it('records meetings on time and late; bad input changes nothing; upper levels only read', async () => {
    const before = await counts();
    await refused(township.post('/api/obligations/records', { ...meeting({ minutes: '' }), orgUnitId: units.township.id }), 400, '请填写会议纪要', counts, before);
    await refused(township.post('/api/obligations/records', { ...meeting({ heldOn: '2026-05-20' }), orgUnitId: units.township.id }), 400, '日期须在所登记的期间内', counts, before);
    await refused(township.post('/api/obligations/records', { ...meeting({ period: '2026-Q2' }), orgUnitId: units.township.id }), 400, '期间与该工作制度的周期不符', counts, before);
    await refused(township.post('/api/obligations/records', { ...meeting({ period: '2026-07', heldOn: '2026-06-10' }), orgUnitId: units.township.id }), 400, '不能登记尚未开始的期间', counts, before);
    await refused(township.post('/api/obligations/records', { ...meeting({ definitionId: 'obl-county-meeting', period: '2026-Q2' }), orgUnitId: units.township.id }), 400, '本单位不承担该项工作制度', counts, before);
    await refused(township.post('/api/obligations/records', { ...meeting({ files: [{ ...photo, mime: 'application/pdf' }] }), orgUnitId: units.township.id }), 400, '文件内容与类型不符', counts, before);
    await refused(county.post('/api/obligations/records', { ...meeting(), orgUnitId: units.township.id }), 403, '只能登记本单位的履行记录', counts, before);
    await refused(village.post('/api/obligations/records', { ...meeting(), orgUnitId: units.township.id }), 404, undefined, counts, before);

    const june = ok<ObligationRecordDto>(await township.post('/api/obligations/records', { ...meeting(), orgUnitId: units.township.id }));
    expect(june).toMatchObject({ onTime: true, dueDay: '2026-07-06', recordedOn: '2026-06-15', canEdit: true, lockedOn: '2026-08-05' });
    expect(june.files).toHaveLength(1);
    const may = ok<ObligationRecordDto>(await township.post('/api/obligations/records', { ...meeting({ period: '2026-05', heldOn: '2026-05-28', files: [] }), orgUnitId: units.township.id }));
    expect(may.onTime).toBe(false);
    await refused(township.post('/api/obligations/records', { ...meeting({ files: [] }), orgUnitId: units.township.id }), 409, '已登记', counts, await counts());

    const list = await owed(township);
    expect(list.items.find((i) => i.definitionId === 'obl-township-meeting' && i.period === '2026-05')).toMatchObject({ state: 'late', overdue: false, recordId: may.id });
    expect((await queue(township)).some((i) => i.id.startsWith('obl-township-meeting:'))).toBe(false);

    // the county reads the record and its photo (audited), never edits it
    const seen = ok<ObligationRecordDto>(await county.get(`/api/obligations/records/${june.id}`));
    expect(seen.canEdit).toBe(false);
    const file = await county.get(`/api/obligations/records/${june.id}/files/${june.files[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    await refused(county.put(`/api/obligations/records/${june.id}`, { ...meeting({ files: [] }), version: june.version }), 403, '只能修改本单位的履行记录', counts, await counts());
    expect((await village.get(`/api/obligations/records/${june.id}`)).statusCode).toBe(404);

    const edited = ok<ObligationRecordDto>(await township.put(`/api/obligations/records/${june.id}`, { ...meeting({ minutes: '补充：7 月 1 日前报送走访台账。', files: [photo] }), version: june.version }));
    expect(edited).toMatchObject({ minutes: '补充：7 月 1 日前报送走访台账。', version: 2 });
    expect(edited.files).toHaveLength(2);
    await refused(township.put(`/api/obligations/records/${june.id}`, { ...meeting({ files: [] }), version: 1 }), 409, '已被他人修改', counts, await counts());
    const page = ok<{ items: ObligationRecordDto[]; total: number }>(await county.get(`/api/obligations/records?orgUnitId=${units.township.id}`));
    expect(page.total).toBe(2);
  });

  it("shows the county each township's and village's reporting, with drill-down", async () => {
    // village 1 reports May late; village 2 reports nothing
    const r = ok<ObligationRecordDto>(await village.post('/api/obligations/records', { definitionId: 'obl-village-petition-report', orgUnitId: units.village1.id, period: '2026-05', heldOn: '2026-06-15', body: '本月无新增信访事项。' }));
    expect(r.onTime).toBe(false);
    const top = await rate(county, 'obl-village-petition-report', '2026-05');
    const xf = top.children.find((c) => c.orgUnitId === units.township.id)!;
    expect(xf.late).toBe(1);
    expect(xf.onTime).toBe(0);
    expect(xf.missing).toBe(xf.expected - 1);
    expect(top.total.expected).toBe(top.children.reduce((a, c) => a + c.expected, 0));
    const down = await rate(county, 'obl-village-petition-report', '2026-05', units.township.id);
    expect(down.children.find((c) => c.orgUnitId === units.village1.id)).toMatchObject({ expected: 1, late: 1, recordId: r.id, recordedOn: '2026-06-15' });
    expect(down.children.find((c) => c.orgUnitId === units.village2.id)).toMatchObject({ expected: 1, missing: 1, recordId: null });
    // the township's own meeting seen from the county, and from the township itself
    const meetings = await rate(county, 'obl-township-meeting', '2026-06');
    expect(meetings.children.find((c) => c.orgUnitId === units.township.id)).toMatchObject({ expected: 1, onTime: 1, rate: 100 });
    expect((await rate(township, 'obl-township-meeting', '2026-06')).children).toHaveLength(1);
    // another township's range sees none of it
    expect((await far.get(`/api/obligations/reporting?definitionId=obl-village-petition-report&period=2026-05&orgUnitId=${units.township.id}`)).statusCode).toBe(404);
    expect((await county.get('/api/obligations/reporting?definitionId=obl-village-petition-report&period=2026-Q2')).statusCode).toBe(400);

    // the dispute summary: read from disputes' submissions
    ok(await village.post('/api/disputes/summary/submit', { month: '2026-06' }));
    const own = await owed(village);
    expect(own.items.find((i) => i.definitionId === 'obl-dispute-summary' && i.period === '2026-06')!.state).toBe('onTime');
    const ds = await rate(county, 'obl-dispute-summary', '2026-06', units.township.id);
    expect(ds.children.find((c) => c.orgUnitId === units.village1.id)).toMatchObject({ onTime: 1 });
    expect((await village.post('/api/obligations/records', { definitionId: 'obl-dispute-summary', orgUnitId: units.village1.id, period: '2026-06', heldOn: '2026-06-15', body: 'x' })).statusCode).toBe(400);

    // figures over the county for May: the two late records
    const fig = await computeFigures(t.db.handle.db, { path: (await sys.selectFrom('org_units').select('path').where('id', '=', units.county.id).executeTakeFirstOrThrow()).path, from: '2026-05-01', to: '2026-05-31' }, ['obligations.owed', 'obligations.onTime', 'obligations.late', 'obligations.onTimeRate']);
    expect(fig['obligations.late']).toBe(2);
    expect(fig['obligations.onTime']).toBe(0);
    expect(fig['obligations.owed']).toBeGreaterThan(top.total.expected);
    expect(fig['obligations.onTimeRate']).toBe(0);
  });

  it("a township's own obligation applies to its villages only; its due-day option changes the due day", async () => {
    const before = await counts();
    await refused(village.post('/api/obligations/definitions', { orgUnitId: units.village1.id, name: '自查', level: 'village', periodKind: 'month', dueDays: 10, recordKind: 'report' }), 400, '只有县级服务中心或乡镇', counts, before);
    await refused(township.post('/api/obligations/definitions', { orgUnitId: units.township.id, name: '自查', level: 'county', periodKind: 'month', dueDays: 10, recordKind: 'report' }), 400, '层级不能高于', counts, before);
    await refused(township.post('/api/obligations/definitions', { orgUnitId: units.township.id, name: '', level: 'village', periodKind: 'month', dueDays: 10, recordKind: 'report' }), 400, '请填写名称', counts, before);
    const def = ok<ObligationDefDto>(await township.post('/api/obligations/definitions', { orgUnitId: units.township.id, name: '村服务站月度自查', basis: '孝丰镇规定', level: 'village', periodKind: 'month', dueDays: 10, dueWorking: false, recordKind: 'report', note: '每月自查服务站台账' }));
    const mine = (await owed(village)).items.find((i) => i.definitionId === def.id && i.period === '2026-05');
    expect(mine).toMatchObject({ dueDay: '2026-06-10', overdue: true });
    expect((await owed(far)).items.some((i) => i.definitionId === def.id)).toBe(false);
    expect(ok<{ items: ObligationDefDto[] }>(await far.get('/api/obligations/definitions')).items.some((d) => d.id === def.id)).toBe(false);
    expect(ok<{ items: ObligationDefDto[] }>(await county.get('/api/obligations/definitions')).items.some((d) => d.id === def.id)).toBe(true);
    // working days: 2026-05-31 + 10 working days = 2026-06-12
    const working = ok<ObligationDefDto>(await township.put(`/api/obligations/definitions/${def.id}`, { version: def.version, active: true, name: def.name, basis: def.basis, level: 'village', periodKind: 'month', dueDays: 10, dueWorking: true, recordKind: 'report', note: def.note }));
    expect((await owed(village)).items.find((i) => i.definitionId === def.id && i.period === '2026-05')!.dueDay).toBe('2026-06-12');
    // a county-wide reader cannot change the township's, a default cannot be changed
    expect((await far.put(`/api/obligations/definitions/${def.id}`, { version: working.version, active: false, name: def.name, level: 'village', periodKind: 'month', dueDays: 10, recordKind: 'report' })).statusCode).toBe(404);
    expect((await county.put('/api/obligations/definitions/obl-township-meeting', { version: 1, active: false, name: 'x', level: 'township', periodKind: 'month', dueDays: 1, recordKind: 'meeting' })).statusCode).toBe(403);
    // stopped: owed no more
    ok(await township.put(`/api/obligations/definitions/${def.id}`, { version: working.version, active: false, name: def.name, level: 'village', periodKind: 'month', dueDays: 10, dueWorking: true, recordKind: 'report' }));
    expect((await owed(village)).items.some((i) => i.definitionId === def.id)).toBe(false);
  });

  it('sets ledgers’ responsible persons (station head) and writes them into the ledger export', async () => {
    const before = await counts();
    await refused(township.put('/api/ledger-responsibles', { orgUnitId: units.township.id, ledger: '工作制度落实台账', personName: '张卫东', version: 0 }), 403, '负责人指定', counts, before);
    await refused(townshipHead.put('/api/ledger-responsibles', { orgUnitId: units.township.id, ledger: '不存在的台账', personName: '张卫东', version: 0 }), 400, '没有这个台账', counts, before);
    const set = ok<ResponsibleList>(await townshipHead.put('/api/ledger-responsibles', { orgUnitId: units.township.id, ledger: '工作制度落实台账', personName: '张卫东', phone: '13857201234', version: 0 }));
    expect(set.items.find((i) => i.ledger === '工作制度落实台账')).toMatchObject({ personName: '张卫东', version: 1 });
    await refused(townshipHead.put('/api/ledger-responsibles', { orgUnitId: units.township.id, ledger: '工作制度落实台账', personName: '李四', version: 0 }), 409, '刚被他人指定', counts, await counts());
    expect(ok<ResponsibleList>(await county.get(`/api/ledger-responsibles?orgUnitId=${units.township.id}`)).items.find((i) => i.ledger === '工作制度落实台账')!.personName).toBe('张卫东');
    expect((await far.get(`/api/ledger-responsibles?orgUnitId=${units.township.id}`)).statusCode).toBe(404);

    const res = await county.get(`/api/ledgers/obligations?orgUnitId=${units.township.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('工作制度落实台账');
    expect(String(ws.getRow(2).getCell(1).value)).toBe('台账责任人：张卫东　联系电话：13857201234');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(OBLIGATION_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(3 + 3); // the township's two meetings and village 1's report
    // without a person: 未指定
    const other = await county.get(`/api/ledgers/obligations?orgUnitId=${units.village1.id}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0].getRow(2).getCell(1).value)).toBe('台账责任人：未指定');
  });

  it('locks a period after its due day + 30 days', async () => {
    const rec = ok<{ items: ObligationRecordDto[] }>(await township.get(`/api/obligations/records?orgUnitId=${units.township.id}&period=2026-05&definitionId=obl-township-meeting`)).items[0];
    t.clock.set('2026-07-06T02:00:00.000Z'); // May's due day 06-05 + 30 = 07-05
    try {
      const late = await t.login('township');
      const full = ok<ObligationRecordDto>(await late.get(`/api/obligations/records/${rec.id}`));
      expect(full.canEdit).toBe(false);
      await refused(late.put(`/api/obligations/records/${rec.id}`, { ...meeting({ period: '2026-05', heldOn: '2026-05-28', files: [] }), version: full.version }), 409, '已于 2026-07-05 锁定', counts, await counts());
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
    }
  });
});
