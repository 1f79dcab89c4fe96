// Education 教育管理 through the real API on every database: an exemplar recommended by a village up
// the chain (township forwards, county returns, village resubmits, county forwards, city accepts into
// its pool), only the reviewing unit's own staff acting, the history in the kernel's log with the
// status derived from it; the gazetteer mark from the registry's merits and care categories and the
// honor level, with its list filter agreeing with the rows; documents encrypted and audited; bad
// input refused in Chinese with nothing written; activities with invitations (all or nothing, the
// organiser's range) and attendance (not before the day), visible on the person's page; both ledgers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { ActivityDetail, ActivityDto, EducationOfRecipient, ExemplarDetail, ExemplarDto } from '../../../shared/schemas/education';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { ACTIVITY_LEDGER_HEADERS, EXEMPLAR_LEDGER_HEADERS } from './education.export';

const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

type Queue = { items: WorkItemDto[] };

describe.each(dbKinds)('education on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let city: Agent;
  let hero: RecipientDetail;
  let plain: RecipientDetail;
  let other: RecipientDetail;
  let seq = 500;

  const person = (by: Agent, unitId: string, name: string, over: Record<string, unknown> = {}) => registerApproved(by, county, simpleForm(unitId, name, makeId('1975-03-0' + ((seq % 9) + 1), ++seq), over));
  const exemplarBody = (recipientId: string, over: Record<string, unknown> = {}) => ({
    recipientId,
    orgUnitId: units.village1.id,
    kind: 'pool',
    category: 'entrepreneur',
    honorLevel: 'none',
    title: '退役不褪色 带头创业',
    reason: '退役后创办农业合作社，带动二十余户增收。',
    ...over,
  });
  const count = async (table: 'exemplars' | 'activities' | 'activity_attendees' | 'cases' | 'case_actions' | 'files') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['exemplars', 'activities', 'activity_attendees', 'cases', 'case_actions', 'files'] as const).map(count));
  const act = async (a: Agent, e: { id: string; version: number }, action: string, comment = '同意') => a.post(`/api/education/exemplars/${e.id}/actions`, { action, comment, version: e.version });
  const list = async (a: Agent, q = '') => ok<Page<ExemplarDto>>(await a.get(`/api/education/exemplars?pageSize=200${q}`));

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    city = await t.login('cityreviewer');
    hero = await person(village, units.village1.id, '周立功', { merits: [{ name: '抗洪抢险', level: 'second', year: 1998 }] });
    plain = await person(village, units.village1.id, '吴平常');
    other = await person(village2, units.village2.id, '郑二村', { careCategories: ['warVeteran'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('recommends an exemplar up the chain: only the reviewing unit acts, a return goes back, the city accepts into its pool', async () => {
    let e = ok<ExemplarDetail>(await village.post('/api/education/exemplars', exemplarBody(hero.id)));
    expect(e).toMatchObject({ status: 'reviewing', reviewingUnitId: units.township.id, gazetteer: ['merit2'], allowed: ['withdraw'] });
    expect(e.merits).toEqual(['抗洪抢险（二等功，1998年）']);
    // a second open recommendation of the same kind is refused; a committee one is a different kind
    const before = await counts();
    expectRefused(await village.post('/api/education/exemplars', exemplarBody(hero.id)), 409, /正在审核/);
    expect(await counts()).toEqual(before);
    // in the township's work queue, linking to the case page
    const q = ok<Queue>(await township.get('/api/work-queue')).items;
    expect(q.find((i) => i.id === e.id)?.link).toBe(`/education/exemplars/${e.id}`);
    // the county cannot speak for the township; a forward needs a comment
    expectRefused(await act(county, e, 'forward'), 403);
    expectRefused(await act(township, e, 'forward', ''), 400);
    expect(ok<ExemplarDetail>(await township.get(`/api/education/exemplars/${e.id}`)).allowed.sort()).toEqual(['accept', 'forward', 'return', 'withdraw'].sort());
    e = ok<ExemplarDetail>(await act(township, e, 'forward', '事迹属实，同意上报'));
    expect(e).toMatchObject({ status: 'reviewing', reviewingUnitId: units.county.id });
    e = ok<ExemplarDetail>(await act(county, e, 'return', '请补充合作社带动增收的证明材料'));
    expect(e).toMatchObject({ status: 'returned', reviewingUnitId: null });
    expectRefused(await act(county, e, 'forward'), 409);
    // the village adds a document and resubmits: back at the township
    const up = ok<ExemplarDetail>(await village.post(`/api/education/exemplars/${e.id}/files`, { name: '合作社证明.png', mime: 'image/png', dataBase64: TINY_PNG }));
    expect(up.files.map((f) => f.name)).toEqual(['合作社证明.png']);
    const file = await county.get(`/api/education/exemplars/${e.id}/files/${up.files[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('base64')).toBe(TINY_PNG);
    const stored = await sys.selectFrom('files').select('data_enc').where('id', '=', up.files[0].id).executeTakeFirstOrThrow();
    expect(stored.data_enc).not.toContain(TINY_PNG.slice(0, 20));
    e = ok<ExemplarDetail>(await act(village, up, 'resubmit', '已补充材料'));
    expect(e).toMatchObject({ status: 'reviewing', reviewingUnitId: units.township.id });
    e = ok<ExemplarDetail>(await act(township, e, 'forward', '同意上报'));
    e = ok<ExemplarDetail>(await act(county, e, 'forward', '同意报市局'));
    const cityId = (await sys.selectFrom('org_units').select('id').where('code', '=', '3305').executeTakeFirstOrThrow()).id;
    expect(e.reviewingUnitId).toBe(cityId);
    // the city is the top of the chain: accept or return, no forward
    const atCity = ok<ExemplarDetail>(await city.get(`/api/education/exemplars/${e.id}`));
    expect(atCity.allowed).not.toContain('forward');
    expectRefused(await act(city, e, 'forward'), 403);
    e = ok<ExemplarDetail>(await act(city, e, 'accept', '纳入市级优秀退役军人典型资源库'));
    expect(e).toMatchObject({ status: 'accepted', acceptedLevel: 'city', acceptedUnitName: atCity.reviewingUnitName, reviewingUnitId: null });
    expect(e.opinions.map((o) => `${o.action}:${o.unitName}`)).toEqual([
      `forward:${e.opinions[0].unitName}`,
      `return:${e.opinions[1].unitName}`,
      `resubmit:${e.opinions[2].unitName}`,
      `forward:${e.opinions[3].unitName}`,
      `forward:${e.opinions[4].unitName}`,
      `accept:${atCity.reviewingUnitName}`,
    ]);
    expect(e.log.map((l) => l.action)).toEqual(['open', 'forward', 'return', 'resubmit', 'forward', 'forward', 'accept']);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    // the accepted pool: the village sees its own recommendation as accepted
    expect((await list(village, '&status=accepted')).items.map((x) => x.id)).toContain(e.id);
    // audit: the documents' upload and download
    const actions = (await sys.selectFrom('audit_logs').select('action').where('target_id', '=', e.id).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['exemplar.create', 'exemplar.file-add', 'exemplar.file-view', 'case.exemplar.accept']));
  });

  it('refuses bad recommendations in Chinese and writes nothing; the range guard answers 404', async () => {
    const before = await counts();
    expectRefused(await village.post('/api/education/exemplars', exemplarBody(plain.id, { title: '' })), 400, /事迹标题/);
    expectRefused(await village.post('/api/education/exemplars', exemplarBody(plain.id, { category: 'hero' })), 400, /典型类别/);
    expectRefused(await township.post('/api/education/exemplars', exemplarBody(plain.id, { orgUnitId: units.village2.id })), 400, /所在单位或其上级/);
    expectRefused(await city.post('/api/education/exemplars', exemplarBody(plain.id, { orgUnitId: (await sys.selectFrom('org_units').select('id').where('code', '=', '3305').executeTakeFirstOrThrow()).id })), 400, /县级及以下/);
    expectRefused(await village2.post('/api/education/exemplars', exemplarBody(plain.id)), 404);
    expect(await counts()).toEqual(before);
    const e = ok<ExemplarDetail>(await village.post('/api/education/exemplars', exemplarBody(plain.id, { kind: 'committee', category: 'governance' })));
    expectRefused(await village2.get(`/api/education/exemplars/${e.id}`), 404);
    expectRefused(await act(village2, e, 'withdraw', '越界'), 404);
    expectRefused(await village.post(`/api/education/exemplars/${e.id}/files`, { name: '假图片.png', mime: 'image/png', dataBase64: Buffer.from('not a png').toString('base64') }), 400, /类型不符/);
    const w = ok<ExemplarDetail>(await act(village, e, 'withdraw', '本人暂不参加两委换届'));
    expect(w.status).toBe('withdrawn');
  });

  it('marks those named for major celebrations and the gazetteer, and the filter agrees with the marks', async () => {
    const war = ok<ExemplarDetail>(await village2.post('/api/education/exemplars', exemplarBody(other.id, { orgUnitId: units.village2.id })));
    expect(war.gazetteer).toEqual(['war']);
    const prov = ok<ExemplarDetail>(await village.post('/api/education/exemplars', exemplarBody(plain.id, { honorLevel: 'provincial', category: 'moral' })));
    expect(prov.gazetteer).toEqual(['provincialHonor']);
    const all = await list(county);
    const marked = await list(county, '&gazetteer=true');
    const unmarked = await list(county, '&gazetteer=false');
    expect(marked.items.map((x) => x.id).sort()).toEqual(all.items.filter((x) => x.gazetteer.length > 0).map((x) => x.id).sort());
    expect(unmarked.items.map((x) => x.id).sort()).toEqual(all.items.filter((x) => x.gazetteer.length === 0).map((x) => x.id).sort());
    expect(marked.items.map((x) => x.id)).toEqual(expect.arrayContaining([war.id, prov.id]));
    // the village sees its own only
    expect((await list(village2)).items.every((x) => x.orgUnitId === units.village2.id)).toBe(true);
    // the registry's people with a ground (no recommendation needed), with their latest recommendation
    const g = ok<Page<{ recipientId: string; grounds: string[]; exemplarId: string | null }>>(await county.get('/api/education/gazetteer?pageSize=200'));
    expect(g.items.find((x) => x.recipientId === hero.id)?.grounds).toEqual(['merit2']);
    expect(g.items.find((x) => x.recipientId === other.id)).toMatchObject({ grounds: ['war'], exemplarId: war.id });
    expect(g.items.find((x) => x.recipientId === plain.id)?.grounds).toEqual(['provincialHonor']);
    expect(ok<Page<{ recipientId: string }>>(await village2.get('/api/education/gazetteer?pageSize=200')).items.map((x) => x.recipientId)).toEqual([other.id]);
    // 待我审核: the township's queue
    expect((await list(township, '&waitingOnMe=true')).items.map((x) => x.id).sort()).toEqual([war.id, prov.id].sort());
    // the ledger: masked ID numbers, the marks spelled out
    const res = await county.get('/api/ledgers/exemplars?gazetteer=true');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual([undefined, ...EXEMPLAR_LEDGER_HEADERS]);
    expect(ws.rowCount - 3).toBe(marked.items.length);
    const names = Array.from({ length: ws.rowCount - 3 }, (_, i) => String(ws.getRow(i + 4).getCell(2).value));
    expect(names).toEqual(expect.arrayContaining(['郑二村', '吴平常', '周立功']));
    const ids = Array.from({ length: ws.rowCount - 3 }, (_, i) => String(ws.getRow(i + 4).getCell(3).value));
    expect(ids.every((x) => x.includes('*'))).toBe(true);
  });

  it('runs an activity: invitations all or nothing within the organiser, attendance not before the day, shown on the person', async () => {
    const body = { orgUnitId: units.village1.id, topic: '“八一”建军节烈士陵园祭扫', kind: 'commemoration', placeKind: 'cemetery', place: '安吉县烈士陵园', heldOn: '2026-06-01' };
    // bad input: Chinese 400s, nothing written
    const before = await counts();
    expectRefused(await village.post('/api/education/activities', { ...body, topic: '' }), 400, /活动主题/);
    expectRefused(await village.post('/api/education/activities', { ...body, heldOn: '2026-02-30' }), 400, /活动日期不存在/);
    expectRefused(await village2.post('/api/education/activities', body), 404);
    expectRefused(await village.get('/api/education/activities?from=2026-06-02&to=2026-06-01'), 400, /结束日期/);
    expect(await counts()).toEqual(before);
    let a = ok<ActivityDetail>(await village.post('/api/education/activities', body));
    expect(a).toMatchObject({ invited: 0, attended: 0, orgUnitName: units.village1.name });
    // someone outside the organiser's range spoils the whole invitation
    const mid = await counts();
    expectRefused(await township.post(`/api/education/activities/${a.id}/invitations`, { version: a.version, recipientIds: [hero.id, other.id] }), 400, /组织单位辖区/);
    expectRefused(await village2.post(`/api/education/activities/${a.id}/invitations`, { version: a.version, recipientIds: [other.id] }), 404);
    expect(await counts()).toEqual(mid);
    a = ok<ActivityDetail>(await village.post(`/api/education/activities/${a.id}/invitations`, { version: a.version, recipientIds: [hero.id, plain.id] }));
    expect(a.attendees.map((x) => [x.name, x.attended])).toEqual(expect.arrayContaining([['周立功', null], ['吴平常', null]]));
    expectRefused(await village.post(`/api/education/activities/${a.id}/invitations`, { version: a.version, recipientIds: [hero.id] }), 409, /已在邀请名单/);
    expectRefused(await village.post(`/api/education/activities/${a.id}/invitations`, { version: a.version - 1, recipientIds: [plain.id] }), 409);
    // attendance: only invited people, all or nothing
    const mid2 = await counts();
    expectRefused(await village.post(`/api/education/activities/${a.id}/attendance`, { version: a.version, entries: [{ recipientId: hero.id, attended: true }, { recipientId: other.id, attended: true }] }), 400, /邀请名单/);
    expect(await counts()).toEqual(mid2);
    expect((await sys.selectFrom('activity_attendees').select('attended').where('activity_id', '=', a.id).execute()).every((r) => r.attended === null)).toBe(true);
    a = ok<ActivityDetail>(await village.post(`/api/education/activities/${a.id}/attendance`, { version: a.version, entries: [{ recipientId: hero.id, attended: true }, { recipientId: plain.id, attended: false }] }));
    expect(a).toMatchObject({ invited: 2, attended: 1 });
    // a future activity cannot be marked yet
    const future = ok<ActivityDetail>(await village.post('/api/education/activities', { ...body, topic: '国庆座谈', kind: 'forum', placeKind: 'station', place: '村服务站', heldOn: '2099-10-01' }));
    const f2 = ok<ActivityDetail>(await village.post(`/api/education/activities/${future.id}/invitations`, { version: future.version, recipientIds: [hero.id] }));
    expectRefused(await village.post(`/api/education/activities/${future.id}/attendance`, { version: f2.version, entries: [{ recipientId: hero.id, attended: true }] }), 400, /未到/);
    // the person's page
    const p = ok<EducationOfRecipient>(await village.get(`/api/education/recipients/${hero.id}`));
    expect(p.activities.map((x) => [x.topic, x.attended])).toEqual([
      ['国庆座谈', null],
      ['“八一”建军节烈士陵园祭扫', true],
    ]);
    expect(p.gazetteer).toEqual(['merit2']);
    expect(p.exemplars.length).toBeGreaterThan(0);
    expectRefused(await village2.get(`/api/education/recipients/${hero.id}`), 404);
    // lists and the ledger
    expect(ok<Page<ActivityDto>>(await township.get('/api/education/activities?kind=commemoration')).items.map((x) => x.id)).toContain(a.id);
    expect(ok<Page<ActivityDto>>(await village2.get('/api/education/activities')).items.map((x) => x.id)).not.toContain(a.id);
    const res = await village.get(`/api/ledgers/education-activities?orgUnitId=${units.village1.id}&from=2026-01-01&to=2026-12-31`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual([undefined, ...ACTIVITY_LEDGER_HEADERS]);
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(4).getCell(3).value).toBe('“八一”建军节烈士陵园祭扫');
    expect(ws.getRow(4).getCell(5).value).toBe('烈士陵园');
    expect(ws.getRow(4).getCell(10).value).toBe('周立功');
    const audits = (await sys.selectFrom('audit_logs').select('action').where('target_id', '=', a.id).execute()).map((r) => r.action);
    expect(audits).toEqual(expect.arrayContaining(['activity.create', 'activity.invite', 'activity.attendance']));
  });
  it('edits an activity: its range only, optimistic, the day not past today once attendance was marked', async () => {
    const body = { orgUnitId: units.village1.id, topic: '清明祭英烈', kind: 'commemoration', placeKind: 'cemetery', place: '安吉县烈士陵园', heldOn: '2026-04-04' };
    let a = ok<ActivityDetail>(await village.post('/api/education/activities', body));
    const { orgUnitId: _u, ...fields } = body;
    expectRefused(await village.put(`/api/education/activities/${a.id}`, { ...fields, version: a.version, topic: '' }), 400, /活动主题/);
    expectRefused(await village2.put(`/api/education/activities/${a.id}`, { ...fields, version: a.version }), 404);
    a = ok<ActivityDetail>(await village.put(`/api/education/activities/${a.id}`, { ...fields, version: a.version, topic: '清明节烈士陵园祭扫', place: '县烈士陵园', note: '带队：村书记' }));
    expect(a).toMatchObject({ topic: '清明节烈士陵园祭扫', place: '县烈士陵园', note: '带队：村书记', version: 2 });
    expectRefused(await village.put(`/api/education/activities/${a.id}`, { ...fields, version: 1 }), 409);
    a = ok<ActivityDetail>(await village.post(`/api/education/activities/${a.id}/invitations`, { version: a.version, recipientIds: [hero.id] }));
    a = ok<ActivityDetail>(await village.post(`/api/education/activities/${a.id}/attendance`, { version: a.version, entries: [{ recipientId: hero.id, attended: true }] }));
    expectRefused(await village.put(`/api/education/activities/${a.id}`, { ...fields, version: a.version, heldOn: '2099-04-04' }), 400, /已登记出勤/);
    expect(ok<ActivityDetail>(await village.get(`/api/education/activities/${a.id}`)).heldOn).toBe('2026-04-04');
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', a.id).where('action', '=', 'activity.update').execute()).length).toBe(1);
  });
  it('revises the recommendation text only while it is returned to the recommender, through the kernel (logged, versioned)', async () => {
    let e = ok<ExemplarDetail>(await village.post('/api/education/exemplars', exemplarBody(plain.id, { kind: 'committee', category: 'governance', title: '调解能手' })));
    const text = { category: 'governance', honorLevel: 'county', title: '矛盾调解的“老兵”', reason: '退役后担任村调解员，五年调解纠纷百余起。' };
    // at the township for review: not the recommender's to change
    expectRefused(await village.put(`/api/education/exemplars/${e.id}/text`, { ...text, version: e.version }), 409, /退回/);
    e = ok<ExemplarDetail>(await act(township, e, 'return', '请充实具体事迹'));
    expect(e.allowed.sort()).toEqual(expect.arrayContaining(['revise', 'resubmit', 'withdraw']));
    expectRefused(await village.put(`/api/education/exemplars/${e.id}/text`, { ...text, version: e.version, reason: '' }), 400, /推荐理由/);
    expectRefused(await village2.put(`/api/education/exemplars/${e.id}/text`, { ...text, version: e.version }), 404);
    e = ok<ExemplarDetail>(await village.put(`/api/education/exemplars/${e.id}/text`, { ...text, version: e.version }));
    expect(e).toMatchObject({ status: 'returned', title: '矛盾调解的“老兵”', honorLevel: 'county', reason: text.reason });
    expectRefused(await village.put(`/api/education/exemplars/${e.id}/text`, { ...text, version: e.version - 1 }), 409);
    e = ok<ExemplarDetail>(await act(village, e, 'resubmit', '已充实事迹'));
    expect(e.log.map((l) => l.action)).toEqual(['open', 'return', 'revise', 'resubmit']);
    expect(e.opinions.map((o) => o.action)).toEqual(['return', 'resubmit']);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });
});
