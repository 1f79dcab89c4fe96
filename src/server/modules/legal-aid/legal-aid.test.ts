// Legal aid 法律援助 through the real API on every database: an application for a registered
// recipient with the route advised by Part 10 四(二)(三), bad input refused in Chinese with nothing
// written, the directory 名录 kept by the county and seen below it, referral to an entry (of the
// right kind, active, at the case's unit or above), the acknowledgement 回执 with its working-day
// deadline in the work queue, follow-ups, the closing 案结事了 and read-only after it, the range
// guard, list filters, figures, the .xlsx ledger, and the pass-on from a visit's follow-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { LegalAidDetail, LegalAidDto, LegalAidFigures, LegalAidPartnerDto } from '../../../shared/schemas/legal-aid';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, register as registerRecipient, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { LEGAL_AID_LEDGER_HEADERS } from './legal-aid.export';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('legal aid on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let person: RecipientDetail;
  let center: LegalAidPartnerDto;
  let firm: LegalAidPartnerDto;
  let court: LegalAidPartnerDto;
  let seq = 700;

  const newPerson = async (by: Agent, unitId: string, name: string) => registerApproved(by, county, simpleForm(unitId, name, makeId('1960-04-0' + ((seq % 9) + 1), ++seq)));
  const body = (over: Record<string, unknown> = {}) => ({
    recipientId: person.id,
    orgUnitId: units.village1.id,
    appliedOn: '2026-06-05',
    matterKind: 'labor',
    matter: '在某物流公司工作三年，被辞退后未获经济补偿，工资拖欠两个月',
    opposingParty: '安吉某物流有限公司',
    claims: '支付拖欠工资及解除劳动合同经济补偿',
    priorSteps: false,
    route: 'arbitration',
    ...over,
  });
  const partnerBody = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.county.id,
    name: '安吉县法律援助中心',
    kind: 'center',
    address: '安吉县递铺街道昌硕东路 1 号',
    phone: '0572-5123348',
    lawyers: '王律师、李律师',
    areas: '劳动争议、婚姻家庭',
    ...over,
  });
  const create = async (a: Agent, over: Record<string, unknown> = {}) => ok<LegalAidDetail>(await a.post('/api/legal-aid', body(over)));
  const detail = async (a: Agent, id: string) => ok<LegalAidDetail>(await a.get(`/api/legal-aid/${id}`));
  const list = async (a: Agent, q = '') => ok<Page<LegalAidDto>>(await a.get(`/api/legal-aid?pageSize=200${q}`));
  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue')).items;
  const count = async (table: 'legal_aid_cases' | 'legal_aid_partners' | 'cases' | 'case_actions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('legal_aid_cases'), await count('legal_aid_partners'), await count('cases'), await count('case_actions')];
  const refer = async (a: Agent, c: LegalAidDetail, partnerId: string, referredOn = '2026-06-08') => ok<LegalAidDetail>(await a.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId, referredOn, note: '已电话联系' }));

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    person = await newPerson(village, units.village1.id, '孙维权');
    center = ok<LegalAidPartnerDto>(await county.post('/api/legal-aid/partners', partnerBody()));
    firm = ok<LegalAidPartnerDto>(await county.post('/api/legal-aid/partners', partnerBody({ name: '浙江昌硕律师事务所', kind: 'lawFirm', phone: '0572-5200000' })));
    court = ok<LegalAidPartnerDto>(await county.post('/api/legal-aid/partners', partnerBody({ name: '安吉县人民法院诉讼服务中心', kind: 'judicial', phone: '12368', lawyers: '' })));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a directory at the county that the villages below see and only its range changes', async () => {
    expect([center.kind, center.orgUnitId, center.active, center.canEdit]).toEqual(['center', units.county.id, true, true]);
    // a village sees its county's entries (kept above it) but cannot change them
    const seen = ok<{ items: LegalAidPartnerDto[] }>(await village.get(`/api/legal-aid/partners?forUnitId=${units.village1.id}`)).items;
    expect(seen.map((p) => p.name).sort()).toEqual([center.name, firm.name, court.name].sort());
    expect(seen.every((p) => !p.canEdit)).toBe(true);
    expect(ok<{ items: LegalAidPartnerDto[] }>(await village.get('/api/legal-aid/partners?kind=judicial')).items.map((p) => p.id)).toEqual([court.id]);
    expect(ok<LegalAidPartnerDto>(await village.get(`/api/legal-aid/partners/${center.id}`)).phone).toBe('0572-5123348');
    const before = await counts();
    expectRefused(await village.put(`/api/legal-aid/partners/${center.id}`, { ...partnerBody(), version: center.version, active: false }), 404);
    expectRefused(await village.post('/api/legal-aid/partners', partnerBody()), 404, /单位/);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ name: '' }, /机构名称/],
      [{ kind: 'bank' }, /机构类别/],
      [{ phone: '请打电话' }, /联系电话/],
      [{ name: '名'.repeat(101) }, /机构名称最多/],
    ];
    for (const [over, msg] of bad) expect(expectRefused(await county.post('/api/legal-aid/partners', partnerBody(over)), 400, msg).message).toMatch(chinese);
    expectRefused(await county.put(`/api/legal-aid/partners/${center.id}`, { ...partnerBody(), version: center.version + 1, active: true }), 409, /刷新/);
    expect(await counts()).toEqual(before);
    // an edit keeps it at its unit and bumps the version; the change is audited
    const edited = ok<LegalAidPartnerDto>(await county.put(`/api/legal-aid/partners/${center.id}`, { ...partnerBody({ lawyers: '王律师、李律师、赵律师' }), version: center.version, active: true }));
    expect([edited.lawyers, edited.version, edited.orgUnitId]).toEqual(['王律师、李律师、赵律师', center.version + 1, units.county.id]);
    center = edited;
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', center.id).execute()).map((a) => a.action)).toEqual(['legal-aid-partner.create', 'legal-aid-partner.update']);
  });

  it('registers an application for a registered recipient with the advised route, as a case of the kernel', async () => {
    const c = await create(village);
    expect([c.status, c.recipientName, c.route, c.priorSteps, c.matterKind, c.canEdit]).toEqual(['registered', '孙维权', 'arbitration', false, 'labor', true]);
    expect(c.recipientIdMasked).not.toContain(makeId('1960-04-02', 701).slice(6, 14));
    expect(c.log.map((l) => l.action)).toEqual(['open']);
    const row = await sys.selectFrom('cases').select(['case_type', 'status', 'subject_id', 'open', 'due_day']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_type: 'legal-aid', status: 'registered', subject_id: person.id, open: 1, due_day: null });
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', c.id).execute()).map((a) => a.action)).toContain('legal-aid.create');
    // a matter already through mediation, arbitration or a court goes to the judicial departments
    const later = await create(village, { priorSteps: true, route: 'judicial' });
    expect(later.route).toBe('judicial');
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const other = await newPerson(village2, units.village2.id, '吴外村');
    const draft = await registerRecipient(village, simpleForm(units.village1.id, '郑草稿', makeId('1961-01-02', ++seq)));
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ matter: '' }, 400, /申请事项/],
      [{ claims: undefined }, 400, /请求事项/],
      [{ matterKind: 'tax' }, 400, /事项类别/],
      [{ route: 'judicial' }, 400, /应建议调解、仲裁或诉讼/],
      [{ priorSteps: true, route: 'litigation' }, 400, /向司法等有关部门反映/],
      [{ priorSteps: 'yes' }, 400, /是否已经过/],
      [{ recipientId: other.id }, 404, /服务对象/],
      [{ recipientId: draft.id }, 400, /尚未审核入库/],
      [{ orgUnitId: units.village2.id }, 404, /单位/],
      [{ appliedOn: '2026-06-16' }, 400, /晚于今天/],
      [{ appliedOn: '2026-02-30' }, 400, /不存在/],
      [{ fromFollowUpId: '0'.repeat(20) }, 404, /后续事项/],
    ];
    const base = await counts();
    for (const [over, status, msg] of cases) {
      const err = expectRefused(await village.post('/api/legal-aid', body(over)), status, msg);
      expect(err.message, JSON.stringify(over)).toMatch(chinese);
    }
    // the township registers for a person of its village; a village cannot register above itself
    expect((await create(township, { orgUnitId: units.township.id })).orgUnitId).toBe(units.township.id);
    const after = await counts();
    expect(after[0]).toBe(base[0] + 1);
  });

  it('refers to a directory entry, takes the acknowledgement within 5 working days, follows up to 案结事了', async () => {
    let c = await create(village);
    // refusals: an unknown or out-of-range entry, a stopped one, the wrong kind for the route, bad days
    const own = ok<LegalAidPartnerDto>(await village2.post('/api/legal-aid/partners', partnerBody({ orgUnitId: units.village2.id, name: '外村调解室', kind: 'judicial' })));
    const stopped = ok<LegalAidPartnerDto>(await county.post('/api/legal-aid/partners', partnerBody({ name: '已停用的所' })));
    ok(await county.put(`/api/legal-aid/partners/${stopped.id}`, { ...partnerBody({ name: '已停用的所' }), version: stopped.version, active: false }));
    const before = await counts();
    const r = (over: Record<string, unknown>) => village.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId: center.id, referredOn: '2026-06-08', ...over });
    expectRefused(await r({ partnerId: own.id }), 400, /名录/);
    expectRefused(await r({ partnerId: 'nope' }), 400, /名录/);
    expectRefused(await r({ partnerId: stopped.id }), 400, /已停用/);
    expectRefused(await r({ referredOn: '2026-06-04' }), 400, /不能早于申请日期/);
    expectRefused(await r({ referredOn: '2026-06-16' }), 400, /晚于今天/);
    expectRefused(await r({ version: c.version + 1 }), 409, /刷新/);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/acknowledge`, { version: c.version, acknowledgedOn: '2026-06-10', receiver: '张主任' }), 409);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-10', progress: '未转介先跟踪' }), 409);
    const lit = await create(village, { route: 'litigation' });
    expectRefused(await village.post(`/api/legal-aid/${lit.id}/refer`, { version: lit.version, partnerId: court.id, referredOn: '2026-06-08' }), 400, /法律援助中心或合作律师事务所/);
    const jud = await create(village, { priorSteps: true, route: 'judicial' });
    expectRefused(await village.post(`/api/legal-aid/${jud.id}/refer`, { version: jud.version, partnerId: firm.id, referredOn: '2026-06-08' }), 400, /司法部门/);
    const mid = await counts();
    expect([mid[1], mid[3]]).toEqual([before[1], before[3] + 2]);

    // referred on Monday 06-08: the receipt is due 5 working days later, Monday 06-15 (today)
    c = await refer(village, c, center.id);
    expect([c.status, c.partnerName, c.referredOn, c.ackDueDay, c.ackDueSoon, c.ackOverdue]).toEqual(['referred', '安吉县法律援助中心', '2026-06-08', '2026-06-15', true, false]);
    expect((await sys.selectFrom('cases').select('due_day').where('id', '=', c.id).executeTakeFirstOrThrow()).due_day).toBe('2026-06-15');
    expect((await queue(village)).find((i) => i.link === `/legal-aid/${c.id}`)).toMatchObject({ dueDay: '2026-06-15', dueSoon: true });
    // referred on 06-01: due 06-08, past
    const late = await refer(village, await create(village, { appliedOn: '2026-06-01' }), firm.id, '2026-06-01');
    expect([late.ackDueDay, late.ackOverdue]).toEqual(['2026-06-08', true]);
    expect((await list(village, '&ackOverdue=true')).items.map((x) => x.id)).toEqual([late.id]);
    expect((await list(village, '&ackOverdue=false')).items.map((x) => x.id)).not.toContain(late.id);

    const a = (over: Record<string, unknown>) => village.post(`/api/legal-aid/${c.id}/acknowledge`, { version: c.version, acknowledgedOn: '2026-06-10', receiver: '张主任', ...over });
    expectRefused(await a({ acknowledgedOn: '2026-06-07' }), 400, /不能早于转介日期/);
    expectRefused(await a({ receiver: '' }), 400, /接收人/);
    c = ok<LegalAidDetail>(await a({}));
    expect([c.status, c.acknowledgedOn, c.ackReceiver, c.ackDueDay]).toEqual(['following', '2026-06-10', '张主任', '2026-06-15']);
    // no longer waiting for a receipt: the case has no due day, and is in no one's queue as overdue
    expect((await sys.selectFrom('cases').select('due_day').where('id', '=', c.id).executeTakeFirstOrThrow()).due_day).toBeNull();

    expectRefused(await village.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-09', progress: '早于回执' }), 400, /回执日期/);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-12', progress: '' }), 400, /进展情况/);
    c = ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-12', progress: '中心已指派王律师，已向劳动仲裁委提交申请' }));
    c = ok<LegalAidDetail>(await township.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-14', progress: '仲裁委已受理，定于7月开庭' }));
    expect(c.followUps.map((f) => [f.on, f.progress])).toEqual([
      ['2026-06-12', '中心已指派王律师，已向劳动仲裁委提交申请'],
      ['2026-06-14', '仲裁委已受理，定于7月开庭'],
    ]);
    expect(c.followUpCount).toBe(2);

    expectRefused(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'resolved', outcome: '' }), 400, /办理结果/);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'won', outcome: '结' }), 400, /结案情况/);
    c = ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'resolved', outcome: '调解结案，公司支付工资及补偿共 3.6 万元' }));
    expect([c.status, c.closedOn, c.outcomeKind, c.canEdit]).toEqual(['closed', '2026-06-15', 'resolved', false]);
    expect(c.log.map((l) => l.action)).toEqual(['open', 'refer', 'acknowledge', 'followUp', 'followUp', 'close']);
    expect(await sys.selectFrom('cases').select(['status', 'open', 'due_day']).where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({ status: 'closed', open: 0, due_day: null });
    const n = await counts();
    expectRefused(await village.post(`/api/legal-aid/${c.id}/follow-ups`, { version: c.version, on: '2026-06-15', progress: '再记' }), 409, /案结事了/);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'resolved', outcome: '再结' }), 409, /案结事了/);
    expect(await counts()).toEqual(n);
    expect((await queue(village)).filter((i) => i.link === `/legal-aid/${c.id}`)).toEqual([]);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('closes at once when the applicant takes the advised route himself', async () => {
    let c = await create(village, { route: 'mediation' });
    c = ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'guided', outcome: '已告知向村人民调解委员会申请调解' }));
    expect([c.status, c.partnerId, c.outcomeKind]).toEqual(['closed', null, 'guided']);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-04', outcomeKind: 'guided', outcome: '早' }), 409);
  });

  it('keeps cases inside the range: another village neither reads nor changes them; the township and county see them', async () => {
    const c = await create(village);
    const before = await counts();
    expectRefused(await village2.get(`/api/legal-aid/${c.id}`), 404);
    expectRefused(await village2.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId: center.id, referredOn: '2026-06-08' }), 404);
    expectRefused(await village2.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'resolved', outcome: '越权' }), 404);
    expectRefused(await village2.get(`/api/legal-aid?orgUnitId=${units.village1.id}`), 404);
    expectRefused(await village2.get(`/api/legal-aid/figures?orgUnitId=${units.village1.id}`), 404);
    expect((await list(village2)).items.map((x) => x.id)).not.toContain(c.id);
    expect(await counts()).toEqual(before);
    expect((await detail(township, c.id)).id).toBe(c.id);
    expect((await list(county, `&orgUnitId=${units.village1.id}`)).items.map((x) => x.id)).toContain(c.id);
    expect((await list(township, `&recipientId=${person.id}`)).items.every((x) => x.recipientId === person.id)).toBe(true);
  });

  it('lists with filters and sorting, counts figures, and exports the ledger as .xlsx (audited)', async () => {
    const fam = await create(village, { matterKind: 'family', appliedOn: '2026-06-02', route: 'litigation' });
    expect((await list(village, '&matterKind=family')).items.map((x) => x.id)).toEqual([fam.id]);
    expect((await list(village, '&route=litigation&status=registered')).items.map((x) => x.id)).toContain(fam.id);
    const byDay = (await list(village, '&sort=appliedOn&order=asc')).items.map((x) => x.appliedOn);
    expect(byDay).toEqual([...byDay].sort());
    expectRefused(await village.get('/api/legal-aid?sort=name'), 400, /排序/);
    expectRefused(await village.get('/api/legal-aid?status=maybe'), 400, /状态/);
    const all = (await list(county)).items;
    const fig = ok<LegalAidFigures>(await county.get('/api/legal-aid/figures'));
    expect(fig.total).toBe(all.length);
    expect(fig.closed).toBe(all.filter((x) => x.status === 'closed').length);
    expect(fig.open + fig.closed).toBe(fig.total);
    expect([fig.ackOnTime, fig.ackLate, fig.ackOverdueOpen]).toEqual([1, 0, 1]);
    expect(fig.byRoute.litigation).toBeGreaterThanOrEqual(1);

    const res = await township.get(`/api/ledgers/legal-aid?orgUnitId=${units.village1.id}&matterKind=family`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/法律援助台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(LEGAL_AID_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(4).getCell(2).value).toBe('孙维权');
    expect(String(ws.getRow(4).getCell(3).value)).toContain('*');
    expect(ws.getRow(4).getCell(6).value).toBe('婚姻家庭');
    expectRefused(await village.get(`/api/ledgers/legal-aid?orgUnitId=${units.village2.id}`), 404);
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'legal-aid.export').execute()).map((a) => a.username)).toEqual(['township']);
  });

  it('counts figures for a period and by child unit, each equal to the cases behind it, within range', async () => {
    const far = await newPerson(village2, units.village2.id, '钱邻村');
    await create(village, { appliedOn: '2026-03-10' });
    await create(village, { appliedOn: '2026-04-30', route: 'mediation' });
    await create(village2, { recipientId: far.id, orgUnitId: units.village2.id, appliedOn: '2026-04-01' });
    await create(village2, { recipientId: far.id, orgUnitId: units.village2.id, appliedOn: '2026-05-01' });
    const rows = await sys.selectFrom('legal_aid_cases').select(['org_unit_id', 'org_path', 'applied_on', 'status', 'route', 'closed_on', 'acknowledged_on', 'ack_due_day']).execute();
    const [from, to] = ['2026-03-01', '2026-04-30'];
    const inPeriod = (d: string | null) => d !== null && d >= from && d <= to;
    const under = (unit: { path: string }) => rows.filter((r) => r.org_path.startsWith(unit.path));
    const check = (fig: LegalAidFigures, behind: typeof rows) => {
      const applied = behind.filter((r) => inPeriod(r.applied_on));
      expect(fig.total).toBe(applied.length);
      expect(fig.closed).toBe(applied.filter((r) => r.status === 'closed').length);
      expect(fig.open).toBe(applied.filter((r) => r.status !== 'closed').length);
      expect(fig.closedInPeriod).toBe(behind.filter((r) => inPeriod(r.closed_on)).length);
      expect(fig.byRoute.mediation ?? 0).toBe(applied.filter((r) => r.route === 'mediation').length);
      expect(fig.ackOnTime).toBe(behind.filter((r) => inPeriod(r.acknowledged_on) && r.acknowledged_on! <= r.ack_due_day!).length);
      expect(fig.ackLate).toBe(behind.filter((r) => inPeriod(r.acknowledged_on) && r.acknowledged_on! > r.ack_due_day!).length);
    };
    const q = `from=${from}&to=${to}`;
    const countyFig = ok<LegalAidFigures>(await county.get(`/api/legal-aid/figures?${q}`));
    check(countyFig, rows);
    expect([countyFig.from, countyFig.to, countyFig.total]).toEqual([from, to, 3]);
    // by child unit: the county's townships add up to the county's applied (nothing recorded at the county itself)
    expect(countyFig.byUnit.reduce((s, u) => s + u.applied, 0)).toBe(3);
    const town = ok<LegalAidFigures>(await county.get(`/api/legal-aid/figures?${q}&orgUnitId=${units.township.id}`));
    check(town, under(units.township));
    expect(town.byUnit.find((u) => u.key === units.village1.id)?.applied).toBe(under(units.village1).filter((r) => inPeriod(r.applied_on)).length);
    expect(town.byUnit.find((u) => u.key === units.village2.id)?.applied).toBe(1);
    // a village sees its own range only; another village's unit is not found; a bad period is a Chinese 400
    const v2 = ok<LegalAidFigures>(await village2.get(`/api/legal-aid/figures?${q}`));
    check(v2, under(units.village2));
    expect(v2.total).toBe(1);
    expectRefused(await village2.get(`/api/legal-aid/figures?${q}&orgUnitId=${units.village1.id}`), 404);
    expectRefused(await county.get(`/api/legal-aid/figures?from=${from}`), 400, /同时填写/);
    expectRefused(await county.get(`/api/legal-aid/figures?from=${to}&to=${from}`), 400, /不能早于/);
    // without a period: all time, as before
    expect(ok<LegalAidFigures>(await county.get('/api/legal-aid/figures')).total).toBe(rows.length);
  });

  it('keeps case materials encrypted at rest, each upload and view audited, none after closing', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    let c = await create(village);
    const before = await count('legal_aid_cases');
    expectRefused(await village.post(`/api/legal-aid/${c.id}/files`, { name: '劳动合同.png', mime: 'application/pdf', dataBase64: png }), 400, /文件内容与类型不符/);
    expectRefused(await village.post(`/api/legal-aid/${c.id}/files`, { name: '劳动合同.exe', mime: 'application/x-msdownload', dataBase64: png }), 400, /只能上传/);
    expectRefused(await village2.post(`/api/legal-aid/${c.id}/files`, { name: '越权.png', mime: 'image/png', dataBase64: png }), 404);
    const f = ok<{ id: string; name: string; size: number }>(await village.post(`/api/legal-aid/${c.id}/files`, { name: '劳动合同.png', mime: 'image/png', dataBase64: png }));
    expect(f.name).toBe('劳动合同.png');
    const stored = await sys.selectFrom('files').select(['data_enc', 'owner_type', 'org_path']).where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(stored.owner_type).toBe('legal-aid');
    expect(stored.data_enc).not.toContain(png.slice(0, 20));
    expect(ok<{ items: { id: string }[] }>(await township.get(`/api/legal-aid/${c.id}/files`)).items.map((x) => x.id)).toEqual([f.id]);
    expectRefused(await village2.get(`/api/legal-aid/${c.id}/files`), 404);
    expectRefused(await village2.get(`/api/legal-aid/${c.id}/files/${f.id}`), 404);
    const got = await village.get(`/api/legal-aid/${c.id}/files/${f.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('image/png');
    expect(Buffer.from(got.rawPayload).toString('base64')).toBe(png);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', c.id).execute()).map((a) => a.action).filter((a) => a.startsWith('legal-aid.material')).sort()).toEqual(['legal-aid.material-add', 'legal-aid.material-view']);
    c = ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/close`, { version: c.version, closedOn: '2026-06-15', outcomeKind: 'withdrawn', outcome: '申请人撤回' }));
    expectRefused(await village.post(`/api/legal-aid/${c.id}/files`, { name: '补充.png', mime: 'image/png', dataBase64: png }), 409, /案结事了/);
    expect(await count('legal_aid_cases')).toBe(before);
  });

  it('opens from a visit follow-up in one step: the follow-up closes naming the case, once, all or nothing', async () => {
    const r = await newPerson(village, units.village1.id, '钱讨薪');
    const visit = await village.post('/api/visits', {
      clientKey: `legal-aid-pass-on-${kind}`,
      recipientId: r.id,
      visitedOn: '2026-06-14',
      visitType: 'home',
      visitors: '刘秀英',
      followUps: [{ need: '工地拖欠工资，想请律师' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const [followUpId] = (visit.json() as { followUps: { id: string }[] }).followUps.map((f) => f.id);
    const from = (over: Record<string, unknown> = {}) => body({ recipientId: r.id, fromFollowUpId: followUpId, ...over });
    const before = await counts();
    expectRefused(await village.post('/api/legal-aid', from({ recipientId: person.id })), 400, /不是此服务对象/);
    expect(await counts()).toEqual(before);
    const c = ok<LegalAidDetail>(await village.post('/api/legal-aid', from()));
    const f = await sys.selectFrom('visit_follow_ups').select(['status', 'passed_to']).where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f).toEqual({ status: 'passedOn', passed_to: `legalAid:${c.id}` });
    const n = await counts();
    expectRefused(await village.post('/api/legal-aid', from()), 409, /已转办/);
    expect(await counts()).toEqual(n);
  });
});
