// Care records 关爱服务记录 through the real API on every database: each kind recorded with the persons
// concerned, bad input refused in Chinese with nothing written, the details encrypted at rest and
// masked everywhere but the audited reveal, an edit that keeps or replaces them, the range guard
// (another village gets 404), list filters, the recipient's records, and the .xlsx ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { DETAILS_MASK, type CareRecordDto, type CareRecordFigures } from '../../../shared/schemas/care-records';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { CARE_RECORDS_LEDGER_HEADERS } from './care-records.export';

describe.each(dbKinds)('care records on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let a: RecipientDetail;
  let b: RecipientDetail;
  let other: RecipientDetail;
  let seq = 800;

  const newPerson = async (by: Agent, unitId: string, name: string) => registerApproved(by, county, simpleForm(unitId, name, makeId('1958-03-0' + ((seq % 9) + 1), ++seq)));
  const insurance = { insurer: '中国人寿安吉支公司', product: '困难家庭意外伤害保险', periodFrom: '2026-01-01', periodTo: '2026-12-31', premiumFen: 12050, paidBy: '县关爱基金' };
  const body = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.village1.id,
    kind: 'counselling',
    day: '2026-06-10',
    title: '心理疏导谈话',
    place: '村服务站',
    organiser: '村服务站',
    by: '刘秀英',
    summary: '了解近况，情绪平稳',
    details: '失眠三个月，对退役后就业感到焦虑，建议转介心理咨询师',
    headcount: 1,
    people: [{ recipientId: a.id, note: '' }],
    ...over,
  });
  const count = async (table: 'care_records' | 'care_record_people' | 'audit_logs') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('care_records'), await count('care_record_people')];
  const create = async (by: Agent, over: Record<string, unknown> = {}) => ok<CareRecordDto>(await by.post('/api/care-records', body(over)));
  const list = async (by: Agent, q = '') => ok<Page<CareRecordDto>>(await by.get(`/api/care-records?pageSize=200${q}`));

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    a = await newPerson(village, units.village1.id, '周关爱');
    b = await newPerson(village, units.village1.id, '吴体检');
    other = await newPerson(village2, units.village2.id, '郑邻村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records each kind with the persons concerned', async () => {
    const consult = await create(village, { kind: 'consultation', title: '劳动合同咨询', details: '', summary: '解答解除劳动合同补偿问题' });
    expect(consult).toMatchObject({ kind: 'consultation', hasDetails: false, detailsMasked: '', peopleCount: 1, insurance: null });
    const talk = await create(village);
    expect(talk).toMatchObject({ kind: 'counselling', hasDetails: true, detailsMasked: DETAILS_MASK, headcount: 1 });
    expect(JSON.stringify(talk)).not.toContain('失眠');
    const event = await create(township, { kind: 'lawEducation', orgUnitId: units.township.id, title: '民法典进村宣讲', details: '', headcount: 35, people: [{ recipientId: a.id, note: '' }, { recipientId: b.id, note: '带家属' }, { recipientId: other.id, note: '' }] });
    expect(event.people.map((p) => p.recipientName).sort()).toEqual(['吴体检', '周关爱', '郑邻村'].sort());
    expect(event.people.find((p) => p.recipientId === b.id)?.note).toBe('带家属');
    expect(event.people[0].recipientIdMasked).toContain('*');
    const check = await create(village, { kind: 'healthCheck', title: '优抚对象年度体检', details: '血压 150/95，建议复查', headcount: 2, people: [{ recipientId: a.id, note: '' }, { recipientId: b.id, note: '' }] });
    expect(check.peopleCount).toBe(2);
    const ins = await create(county, { kind: 'insurance', orgUnitId: units.county.id, title: '困难家庭意外险', details: '', insurance, people: [{ recipientId: b.id, note: '一户' }] });
    expect(ins.insurance).toEqual(insurance);
    expect(ins.orgUnitName).toBeTruthy();
    const audits = await sys.selectFrom('audit_logs').select('action').where('target_id', 'in', [consult.id, talk.id, event.id, check.id, ins.id]).execute();
    expect(audits.map((x) => x.action)).toEqual(Array(5).fill('care-record.create'));
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const before = await counts();
    const bad: [Record<string, unknown>, number, RegExp][] = [
      [{ kind: 'party' }, 400, /类别/],
      [{ headcount: 0 }, 400, /人数不能少于/],
      [{ headcount: -1 }, 400, /人数/],
      [{ kind: 'insurance', details: '', insurance: { ...insurance, periodFrom: '2026-12-31', periodTo: '2026-01-01' } }, 400, /保障期止不能早于保障期起/],
      [{ kind: 'insurance', details: '', insurance: { ...insurance, premiumFen: -100 } }, 400, /保费不能为负数/],
      [{ kind: 'insurance', details: '', insurance: null }, 400, /保险信息/],
      [{ insurance }, 400, /只有困难家庭保险/],
      [{ title: '' }, 400, /主题/],
      [{ day: '2026-02-30' }, 400, /日期不存在/],
      [{ day: '2099-01-01' }, 400, /晚于今天/],
      [{ people: [{ recipientId: a.id, note: '' }, { recipientId: a.id, note: '' }], headcount: 2 }, 400, /只能选一次/],
      [{ people: [{ recipientId: other.id, note: '' }] }, 400, /不在本记录所属单位的范围内/],
      [{ orgUnitId: units.village2.id }, 404, /单位/],
    ];
    for (const [over, status, msg] of bad) {
      const by = over.people && (over.people as { recipientId: string }[])[0].recipientId === other.id ? township : village;
      expect(expectRefused(await by.post('/api/care-records', body(over)), status, msg).message).toMatch(chinese);
    }
    expectRefused(await village.post('/api/care-records', body({ people: [{ recipientId: other.id, note: '' }] })), 404, /服务对象/);
    expect(await counts()).toEqual(before);
  });

  it('keeps details encrypted at rest, masked in lists and the ledger, revealed once audited', async () => {
    const r = await create(village, { kind: 'healthCheck', title: '体检结果', details: '空腹血糖 8.9 mmol/L，糖尿病待确诊', headcount: 1 });
    const row = await sys.selectFrom('care_records').select('details_enc').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.details_enc).toBeTruthy();
    expect(row.details_enc).not.toContain('血糖');
    expect(row.details_enc).not.toContain('糖尿病');
    const listed = (await list(village, '&kind=healthCheck')).items.find((x) => x.id === r.id)!;
    expect(listed.detailsMasked).toBe(DETAILS_MASK);
    expect(JSON.stringify(await list(village))).not.toContain('血糖');
    const before = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', r.id).where('action', '=', 'care-record.reveal').execute();
    expect(before).toHaveLength(0);
    expect(ok<{ details: string }>(await village.post(`/api/care-records/${r.id}/reveal`, {})).details).toBe('空腹血糖 8.9 mmol/L，糖尿病待确诊');
    const after = await sys.selectFrom('audit_logs').select(['action', 'user_id']).where('target_id', '=', r.id).where('action', '=', 'care-record.reveal').execute();
    expect(after).toHaveLength(1);
    expectRefused(await village2.post(`/api/care-records/${r.id}/reveal`, {}), 404);
    const none = await create(village, { kind: 'consultation', details: '' });
    expectRefused(await village.post(`/api/care-records/${none.id}/reveal`, {}), 404, /详情/);

    // an edit without details keeps them; with new ones replaces them; a stale version is 409
    const e1 = ok<CareRecordDto>(await village.put(`/api/care-records/${r.id}`, { ...body({ kind: undefined, orgUnitId: undefined, details: undefined, title: '体检结果（复查）' }), version: r.version }));
    expect(e1).toMatchObject({ title: '体检结果（复查）', hasDetails: true, version: r.version + 1 });
    expect(ok<{ details: string }>(await village.post(`/api/care-records/${r.id}/reveal`, {})).details).toContain('血糖');
    expectRefused(await village.put(`/api/care-records/${r.id}`, { ...body({ kind: undefined, orgUnitId: undefined }), version: r.version }), 409, /刷新/);
    const e2 = ok<CareRecordDto>(await village.put(`/api/care-records/${r.id}`, { ...body({ kind: undefined, orgUnitId: undefined, details: '复查正常', headcount: 2, people: [{ recipientId: a.id, note: '' }, { recipientId: b.id, note: '' }] }), version: e1.version }));
    expect(e2.people.map((p) => p.recipientId).sort()).toEqual([a.id, b.id].sort());
    expect(ok<{ details: string }>(await village.post(`/api/care-records/${r.id}/reveal`, {})).details).toBe('复查正常');
    const n = await counts();
    expectRefused(await village.put(`/api/care-records/${r.id}`, { ...body({ kind: undefined, orgUnitId: undefined, headcount: 0 }), version: e2.version }), 400, /人数不能少于/);
    expect(await counts()).toEqual(n);
    expect(ok<CareRecordDto>(await village.get(`/api/care-records/${r.id}`)).version).toBe(e2.version);
  });

  it('guards the range: another village gets 404, the units above see it', async () => {
    const r = await create(village, { title: '越权测试' });
    expectRefused(await village2.get(`/api/care-records/${r.id}`), 404);
    expectRefused(await village2.put(`/api/care-records/${r.id}`, { ...body({ kind: undefined, orgUnitId: undefined }), version: r.version }), 404);
    expect((await list(village2)).items.map((x) => x.id)).not.toContain(r.id);
    expect((await list(township)).items.map((x) => x.id)).toContain(r.id);
    expect(ok<CareRecordDto>(await county.get(`/api/care-records/${r.id}`)).title).toBe('越权测试');
    expectRefused(await village2.get(`/api/care-records?orgUnitId=${units.village1.id}`), 404);
  });

  it('filters by kind, unit, person and period, sorts by day, and exports the ledger (audited, details masked)', async () => {
    const old = await create(village, { kind: 'consultation', title: '早先咨询', day: '2026-03-01', details: '', people: [{ recipientId: b.id, note: '' }] });
    const mine = (await list(township, `&recipientId=${b.id}`)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.people.some((p) => p.recipientId === b.id))).toBe(true);
    const days = mine.map((x) => x.day);
    expect(days).toEqual([...days].sort().reverse());
    expect((await list(township, `&recipientId=${b.id}&order=asc`)).items[0].id).toBe(old.id);
    const period = (await list(village, '&from=2026-02-01&to=2026-03-31')).items;
    expect(period.map((x) => x.id)).toEqual([old.id]);
    expectRefused(await village.get('/api/care-records?from=2026-04-01&to=2026-03-01'), 400, /截止日期不能早于起始日期/);
    expect((await list(county, `&kind=insurance`)).items.every((x) => x.kind === 'insurance')).toBe(true);
    expect((await list(county, `&orgUnitId=${units.village1.id}`)).items.every((x) => x.orgUnitId === units.village1.id)).toBe(true);

    const exportsBefore = await sys.selectFrom('audit_logs').select('action').where('action', '=', 'care-record.export').execute();
    const res = await township.get(`/api/ledgers/care-records?orgUnitId=${units.village1.id}&kind=healthCheck`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/关爱服务记录台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(CARE_RECORDS_LEDGER_HEADERS);
    expect(ws.rowCount).toBeGreaterThan(3);
    for (let i = 4; i <= ws.rowCount; i++) expect(ws.getRow(i).getCell(2).value).toBe('健康体检');
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    expect(all.join('|')).not.toMatch(/血糖|血压|复查正常/);
    expect(all).toContain(DETAILS_MASK);
    const insRes = await county.get(`/api/ledgers/care-records?kind=insurance`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(insRes.rawPayload as unknown as ArrayBuffer);
    const insRow = wb2.worksheets[0].getRow(4);
    expect(insRow.getCell(16).value).toBe('120.50');
    expect(insRow.getCell(15).value).toBe('2026-01-01 至 2026-12-31');
    const exportsAfter = await sys.selectFrom('audit_logs').select('action').where('action', '=', 'care-record.export').execute();
    expect(exportsAfter.length).toBe(exportsBefore.length + 2);
    expectRefused(await village.get(`/api/ledgers/care-records?orgUnitId=${units.village2.id}`), 404);
  });

  it('counts records per kind and child unit for a period, with law education attendance, each equal to the records behind it', async () => {
    await create(village, { kind: 'lawEducation', day: '2026-02-03', title: '法律明白人培训', details: '', headcount: 20, people: [{ recipientId: a.id, note: '' }, { recipientId: b.id, note: '' }] });
    await create(village, { kind: 'consultation', day: '2026-02-27', title: '赡养纠纷咨询', details: '' });
    await create(village2, { kind: 'lawEducation', orgUnitId: units.village2.id, day: '2026-02-14', title: '反诈宣讲', details: '', headcount: 40, people: [{ recipientId: other.id, note: '' }] });
    await create(township, { kind: 'healthCheck', orgUnitId: units.township.id, day: '2026-02-20', title: '镇级体检', details: '', headcount: 1, people: [{ recipientId: a.id, note: '' }] });
    await create(village, { kind: 'lawEducation', day: '2026-03-01', title: '期外宣讲', details: '', headcount: 99, people: [] });
    const [from, to] = ['2026-02-01', '2026-02-28'];
    const recs = (await sys.selectFrom('care_records').select(['id', 'org_path', 'kind', 'day', 'headcount']).execute()).filter((r) => r.day >= from && r.day <= to);
    const ppl = await sys.selectFrom('care_record_people').select(['record_id']).execute();
    type Fig = CareRecordFigures;
    const check = (fig: Fig, path: string) => {
      const behind = recs.filter((r) => r.org_path.startsWith(path));
      for (const k of fig.byKind) {
        const ofKind = behind.filter((r) => r.kind === k.kind);
        expect([k.kind, k.records, k.headcount, k.people]).toEqual([k.kind, ofKind.length, ofKind.reduce((s, r) => s + Number(r.headcount), 0), ppl.filter((p) => ofKind.some((r) => r.id === p.record_id)).length]);
      }
      expect(fig.total.records).toBe(behind.length);
      const law = fig.byKind.find((k) => k.kind === 'lawEducation')!;
      expect(fig.lawEducation).toEqual({ events: law.records, headcount: law.headcount, attendees: law.people });
      return behind;
    };
    const q = `from=${from}&to=${to}`;
    const cf = ok<CareRecordFigures>(await county.get(`/api/care-records/figures?${q}`));
    check(cf, units.county.path);
    expect(cf.lawEducation).toEqual({ events: 2, headcount: 60, attendees: 3 });
    expect(cf.byKind.map((k) => k.kind)).toEqual(['consultation', 'counselling', 'lawEducation', 'healthCheck', 'insurance']);
    const tf = ok<CareRecordFigures>(await township.get(`/api/care-records/figures?${q}`));
    check(tf, units.township.path);
    // by child unit: the township's own level, then its villages, adding up to the total
    expect(tf.byUnit[0]).toMatchObject({ key: units.township.id, records: 1, byKind: { healthCheck: 1 } });
    expect(tf.byUnit.find((u) => u.key === units.village1.id)).toMatchObject({ records: 2, byKind: { lawEducation: 1, consultation: 1 } });
    expect(tf.byUnit.find((u) => u.key === units.village2.id)).toMatchObject({ records: 1, byKind: { lawEducation: 1 } });
    expect(tf.byUnit.reduce((s, u) => s + u.records, 0)).toBe(tf.total.records);
    // a village sees its own range only
    const vf = ok<CareRecordFigures>(await village2.get(`/api/care-records/figures?${q}`));
    check(vf, units.village2.path);
    expect(vf.lawEducation).toEqual({ events: 1, headcount: 40, attendees: 1 });
    expectRefused(await village2.get(`/api/care-records/figures?${q}&orgUnitId=${units.village1.id}`), 404);
    expectRefused(await county.get(`/api/care-records/figures?from=${to}&to=${from}`), 400, /不能早于/);
    expectRefused(await county.get('/api/care-records/figures'), 400, /日期/);
  });
});
