// Honors 荣誉 through the real API on every database: honors with documents and their ledger; a
// star-rating campaign 评星级 run by the county (criteria, levels, period; bad input refused in
// Chinese with nothing written), nominations by a village station in its range, the county's review
// from its work queue, publication only when all are reviewed; the public honor wall showing nobody
// without a recorded consent and nobody after it is withdrawn; 送喜报 for a serving member's family
// as a case with a due day in the work queue, delivered with a photo; and the range guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { HonorDto, HonorWallConsentDto, MeritNoticeDetail, PublicHonorWall, StarCampaignDetail } from '../../../shared/schemas/honors';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { HONOR_LEDGER_HEADERS } from './honors.export';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const photo = { name: '照片.png', mime: 'image/png', dataBase64: PNG };

describe.each(dbKinds)('honors on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let anon: Agent;
  let hero: RecipientDetail;
  let other: RecipientDetail;
  let far: RecipientDetail;
  let seq = 600;

  const newPerson = async (by: Agent, unitId: string, name: string, over: Record<string, unknown> = {}) =>
    registerApproved(by, county, simpleForm(unitId, name, makeId('1975-03-0' + ((seq % 9) + 1), ++seq), over));
  const count = async (table: 'honors' | 'star_rating_campaigns' | 'star_rating_nominations' | 'honor_wall_consents' | 'merit_notices' | 'cases' | 'files') =>
    Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['honors', 'star_rating_campaigns', 'star_rating_nominations', 'honor_wall_consents', 'merit_notices', 'cases', 'files'] as const).map(count));
  const queue = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items;
  const wall = async (unitId: string) => ok<PublicHonorWall>(await anon.get(`/api/public/org-units/${unitId}/honor-wall`));
  const campaignBody = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.county.id, title: '2026年度星级退役军人评选', criteria: '爱党爱国、遵纪守法、积极参与志愿服务', levels: [5, 4, 3], periodFrom: '2026-06-01', periodTo: '2026-06-30', ...over });

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    anon = t.agent();
    hero = await newPerson(village, units.village1.id, '周星级');
    other = await newPerson(village, units.village1.id, '吴落选');
    far = await newPerson(village2, units.village2.id, '郑二村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs a star-rating campaign: criteria by the county, nominations by a station, review, publication', async () => {
    const before = await counts();
    expectRefused(await county.post('/api/honors/campaigns', campaignBody({ periodTo: '2026-05-01' })), 400, /截止日期不能早于开始日期/);
    expectRefused(await county.post('/api/honors/campaigns', campaignBody({ levels: [] })), 400, /至少选择一个星级/);
    expectRefused(await county.post('/api/honors/campaigns', campaignBody({ criteria: '' })), 400, /评选标准/);
    expectRefused(await village.post('/api/honors/campaigns', campaignBody()), 404, /单位/);
    expect(await counts()).toEqual(before);

    let c = ok<StarCampaignDetail>(await county.post('/api/honors/campaigns', campaignBody()));
    expect([c.status, c.levels, c.canManage]).toEqual(['open', [3, 4, 5], true]);
    // the stations below see it and nominate people of their range
    const seen = ok<StarCampaignDetail>(await village.get(`/api/honors/campaigns/${c.id}`));
    expect([seen.canManage, seen.canNominate]).toEqual([false, true]);
    const nom = (who: string, level: number, a = village, unit = units.village1.id) => a.post(`/api/honors/campaigns/${c.id}/nominations`, { recipientId: who, orgUnitId: unit, level, reason: '常年义务巡河，带头参与乡村振兴' });
    const mid = await counts();
    expectRefused(await nom(hero.id, 1), 400, /只评三星、四星、五星/);
    expectRefused(await nom(far.id, 5), 404, /服务对象/);
    expectRefused(await nom(hero.id, 5, village2, units.village2.id), 404, /服务对象/);
    expectRefused(await village.post(`/api/honors/campaigns/${c.id}/nominations`, { recipientId: hero.id, orgUnitId: units.village1.id, level: 5, reason: '' }), 400, /推荐理由/);
    expect(await counts()).toEqual(mid);
    ok(await nom(hero.id, 5));
    expectRefused(await nom(hero.id, 4), 409, /不能重复推荐/);
    c = ok<StarCampaignDetail>(await nom(other.id, 3));
    expect(c.nominations.map((n) => [n.recipientName, n.status, n.canReview])).toEqual([
      ['周星级', 'nominated', false],
      ['吴落选', 'nominated', false],
    ]);
    // village2 sees the campaign but not village1's nominations
    expect(ok<StarCampaignDetail>(await village2.get(`/api/honors/campaigns/${c.id}`)).nominations).toEqual([]);

    // the county reviews from its work queue; the station cannot review its own nomination
    c = ok<StarCampaignDetail>(await county.get(`/api/honors/campaigns/${c.id}`));
    const [nHero, nOther] = c.nominations;
    expect((await queue(county)).filter((i) => i.typeLabel === '评星级推荐').map((i) => i.id).sort()).toEqual([nHero.id, nOther.id].sort());
    expectRefused(await village.post(`/api/honors/campaigns/${c.id}/nominations/${nHero.id}/review`, { version: nHero.version, decision: 'approve', comment: '' }), 403);
    expectRefused(await county.post(`/api/honors/campaigns/${c.id}/nominations/${nOther.id}/review`, { version: nOther.version, decision: 'reject', comment: '' }), 400, /须填写意见/);
    ok(await county.post(`/api/honors/campaigns/${c.id}/nominations/${nHero.id}/review`, { version: nHero.version, decision: 'approve', comment: '事迹突出' }));
    expectRefused(await county.post(`/api/honors/campaigns/${c.id}/publish`, { version: c.version, publishedOn: '2026-06-15' }), 409, /1 个推荐人选未评审/);
    ok(await county.post(`/api/honors/campaigns/${c.id}/nominations/${nOther.id}/review`, { version: nOther.version, decision: 'reject', comment: '材料不足' }));
    expectRefused(await village.post(`/api/honors/campaigns/${c.id}/publish`, { version: c.version, publishedOn: '2026-06-15' }), 404);
    expectRefused(await county.post(`/api/honors/campaigns/${c.id}/publish`, { version: c.version, publishedOn: '2026-06-16' }), 400, /公布日期不能晚于今天/);
    c = ok<StarCampaignDetail>(await county.post(`/api/honors/campaigns/${c.id}/publish`, { version: c.version, publishedOn: '2026-06-15' }));
    expect([c.status, c.publishedOn, c.counts]).toEqual(['published', '2026-06-15', { nominated: 0, approved: 1, rejected: 1 }]);
    expect(c.nominations.map((n) => [n.recipientName, n.status, n.reviewComment])).toEqual([
      ['周星级', 'approved', '事迹突出'],
      ['吴落选', 'rejected', '材料不足'],
    ]);
    expectRefused(await nom(far.id, 5, village2, units.village2.id), 409, /已公布或撤销/);
    expect((await queue(county)).filter((i) => i.typeLabel === '评星级推荐')).toEqual([]);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('refuses nominations outside the period and cancels a campaign only with a reason', async () => {
    const later = ok<StarCampaignDetail>(await county.post('/api/honors/campaigns', campaignBody({ title: '下半年评选', periodFrom: '2026-07-01', periodTo: '2026-07-31' })));
    const before = await counts();
    expectRefused(await village.post(`/api/honors/campaigns/${later.id}/nominations`, { recipientId: other.id, orgUnitId: units.village1.id, level: 5, reason: '热心公益' }), 400, /不在推荐期内/);
    expectRefused(await county.post(`/api/honors/campaigns/${later.id}/cancel`, { version: later.version, reason: '' }), 400, /撤销原因/);
    expectRefused(await village.post(`/api/honors/campaigns/${later.id}/cancel`, { version: later.version, reason: '越权' }), 404);
    expect(await counts()).toEqual(before);
    const c = ok<StarCampaignDetail>(await county.post(`/api/honors/campaigns/${later.id}/cancel`, { version: later.version, reason: '与年度评选合并' }));
    expect([c.status, c.canNominate, c.log.map((l) => l.action)]).toEqual(['cancelled', false, ['open', 'cancel']]);
  });

  it('shows a rated person on the public honor wall only with a recorded consent, and not after it is withdrawn', async () => {
    // rated and published, but no consent: nobody on the wall
    expect((await wall(units.village1.id)).entries).toEqual([]);
    expect((await wall(units.county.id)).entries).toEqual([]);
    const before = await counts();
    expectRefused(await village.put(`/api/honors/consents/${hero.id}`, { version: 0, method: 'written', consentedOn: '2026-06-20', citation: '巡河十年' }), 400, /同意日期不能晚于今天/);
    expectRefused(await village.put(`/api/honors/consents/${hero.id}`, { version: 0, method: 'written', consentedOn: '2026-06-10', citation: '' }), 400, /展示事迹/);
    expectRefused(await village2.put(`/api/honors/consents/${hero.id}`, { version: 0, method: 'written', consentedOn: '2026-06-10', citation: '巡河十年' }), 404);
    expect(await counts()).toEqual(before);

    const w = ok<HonorWallConsentDto>(await village.put(`/api/honors/consents/${hero.id}`, { version: 0, method: 'written', consentedOn: '2026-06-10', citation: '义务巡河十年，带领村民护水', photo }));
    expect([w.active, w.method, w.recordedByName !== null, w.hasPhoto]).toEqual([true, 'written', true, true]);
    // a consent alone does not put an unrated person on the wall
    ok(await village.put(`/api/honors/consents/${other.id}`, { version: 0, method: 'oral', consentedOn: '2026-06-10', citation: '热心公益' }));
    for (const unit of [units.village1.id, units.township.id, units.county.id]) {
      const entries = (await wall(unit)).entries;
      expect(entries.map((e) => [e.name, e.citation, e.stars.map((s) => s.level)])).toEqual([['周星级', '义务巡河十年，带领村民护水', [5]]]);
    }
    expect((await wall(units.village2.id)).entries).toEqual([]);
    const url = (await wall(units.village1.id)).entries[0].photoUrl!;
    const pic = await anon.get(url);
    expect([pic.statusCode, pic.headers['content-type']]).toEqual([200, 'image/png']);

    expectRefused(await village.post(`/api/honors/consents/${hero.id}/withdraw`, { version: w.version, reason: '' }), 400, /撤回原因/);
    const gone = ok<HonorWallConsentDto>(await village.post(`/api/honors/consents/${hero.id}/withdraw`, { version: w.version, reason: '本人要求撤下' }));
    expect([gone.active, gone.withdrawReason]).toEqual([false, '本人要求撤下']);
    expect((await wall(units.county.id)).entries).toEqual([]);
    expect((await anon.get(url)).statusCode).toBe(404);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', hero.id).where('action', 'like', 'honor-wall.%').orderBy('seq').execute()).map((a) => a.action)).toEqual(['honor-wall.consent', 'honor-wall.withdraw']);
  });

  it('records honors with documents, lists them in range and exports the ledger', async () => {
    const body = { recipientId: hero.id, title: '浙江省优秀退役军人', level: 'provincial', giver: '浙江省退役军人事务厅', awardedOn: '2026-05-20', documents: [{ name: '证书.png', mime: 'image/png', dataBase64: PNG }] };
    const before = await counts();
    expectRefused(await village.post('/api/honors', { ...body, awardedOn: '2026-07-01' }), 400, /授予日期不能晚于今天/);
    expectRefused(await village.post('/api/honors', { ...body, documents: [{ name: '假.png', mime: 'image/png', dataBase64: 'aGVsbG8=' }] }), 400, /文件内容与类型不符/);
    expectRefused(await village2.post('/api/honors', body), 404);
    expect(await counts()).toEqual(before);
    const h = ok<HonorDto>(await village.post('/api/honors', body));
    expect([h.orgUnitId, h.documents.length]).toEqual([units.village1.id, 1]);
    expect(ok<Page<HonorDto>>(await county.get('/api/honors?year=2026')).items.map((x) => x.title)).toEqual(['浙江省优秀退役军人']);
    expect(ok<Page<HonorDto>>(await village2.get('/api/honors')).items).toEqual([]);
    expectRefused(await village2.get(`/api/honors/${h.id}`), 404);
    expect((await village.get(`/api/honors/${h.id}/files/${h.documents[0].id}`)).statusCode).toBe(200);

    const res = await county.get(`/api/ledgers/honors?orgUnitId=${units.township.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/荣誉表彰台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(HONOR_LEDGER_HEADERS);
    expect([ws.getRow(4).getCell(2).value, ws.getRow(4).getCell(5).value, ws.getRow(4).getCell(6).value, ws.getRow(4).getCell(9).value]).toEqual(['周星级', '浙江省优秀退役军人', '省级', 1]);
    expect(String(ws.getRow(4).getCell(3).value)).toContain('*');
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'honor.export').execute()).map((a) => a.username)).toEqual(['county']);

    // once honored and consenting again, the wall shows the honor with the rating
    const c = ok<HonorWallConsentDto>(await village.get(`/api/honors/consents/${hero.id}`));
    ok(await village.put(`/api/honors/consents/${hero.id}`, { version: c.version, method: 'online', consentedOn: '2026-06-15', citation: '义务巡河十年' }));
    const e = (await wall(units.village1.id)).entries[0];
    expect([e.name, e.honors.map((x) => x.title), e.stars.length, e.photoUrl !== null]).toEqual(['周星级', ['浙江省优秀退役军人'], 1, true]);
  });

  it('sends a merit notice to a serving member\'s family as a task with a due day in the work queue', async () => {
    const family = await newPerson(village, units.village1.id, '孙军属', { kind: 'militaryFamily', recipientGroup: 'militaryFamily' });
    const body = { recipientId: family.id, orgUnitId: units.village1.id, servingName: '孙现役', merit: '荣立三等功', servingUnit: '某部', awardedOn: '2026-06-01' };
    const before = await counts();
    expectRefused(await village.post('/api/honors/merit-notices', { ...body, recipientId: hero.id }), 400, /不是现役军人家属/);
    expectRefused(await village.post('/api/honors/merit-notices', { ...body, orgUnitId: units.village2.id }), 404, /单位/);
    expectRefused(await village.post('/api/honors/merit-notices', { ...body, merit: '' }), 400, /立功受奖情况/);
    expect(await counts()).toEqual(before);
    const m = ok<MeritNoticeDetail>(await village.post('/api/honors/merit-notices', body));
    // 15 natural days from registration (2026-06-15), counted by the kernel's calendar
    expect([m.status, m.dueDay, m.overdue]).toEqual(['pending', '2026-06-30', false]);
    expect((await queue(village)).find((i) => i.id === m.id)?.dueDay).toBe('2026-06-30');
    expect((await queue(village2)).map((i) => i.id)).not.toContain(m.id);
    expectRefused(await village2.get(`/api/honors/merit-notices/${m.id}`), 404);
    expectRefused(await village.post(`/api/honors/merit-notices/${m.id}/deliver`, { version: m.version, deliveredOn: '2026-06-14', deliveredBy: '村书记' }), 400, /送达日期不能早于登记日期/);
    const d = ok<MeritNoticeDetail>(await village.post(`/api/honors/merit-notices/${m.id}/deliver`, { version: m.version, deliveredOn: '2026-06-15', deliveredBy: '镇武装部、村书记', photo }));
    expect([d.status, d.deliveredOn, d.deliveredBy, d.files.length, d.log.map((l) => l.action)]).toEqual(['delivered', '2026-06-15', '镇武装部、村书记', 1, ['open', 'deliver']]);
    expect((await queue(village)).map((i) => i.id)).not.toContain(m.id);
    expectRefused(await village.post(`/api/honors/merit-notices/${m.id}/cancel`, { version: d.version, reason: '误登' }), 409);
    expect((await village.get(`/api/honors/merit-notices/${m.id}/files/${d.files[0].id}`)).statusCode).toBe(200);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });
});
