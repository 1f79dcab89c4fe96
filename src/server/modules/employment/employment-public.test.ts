// Employment's public side, interests, decline reasons and figures through the real API on every
// database: a veteran's public account linked to their registry record sees the open openings of
// their own line ranked for their profile with the reasons (not another village's, not expired
// ones, no employer phone or contact name), says 我有意向 once (a second time is a Chinese 409),
// withdraws and says it again; an unlinked account gets nothing matched and a 409 on interest; the
// village worker sees the interest in the work queue and on the opening, and one recommendation
// takes it off the queue (then the person can no longer withdraw); another village's worker sees
// none of it. A recommendation declined with a reason of the fixed list (其他 needs the words) and
// the figures count by reason, by discharge-year cohort and interests, equal to the rows behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { EmployerDto, EmploymentFigures, EmploymentProfileDto, InterestDto, OpeningDto, PublicOpeningDto, PublicOpeningList, RecommendationDto } from '../../../shared/schemas/employment';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';

const PASSWORD = 'Veteran@2026';

function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}

describe.each(dbKinds)('employment public side on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let employer: EmployerDto;
  let forklift: OpeningDto;
  let cook: OpeningDto;
  let elsewhere: OpeningDto;
  let expired: OpeningDto;
  let seq = 700;
  let phoneSeq = 7000;
  let me: { person: { id: string }; account: Agent };

  async function signUp(name: string, idNumber: string, phone: string) {
    const a = t.agent();
    const c = ok<{ challenge: string; difficulty: number }>(await a.get('/api/public/accounts/challenge'));
    const res = await a.post('/api/public/accounts', { name, idNumber, phone, password: PASSWORD, privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION, pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) } });
    expect(res.statusCode, res.body).toBe(200);
    return a;
  }
  async function veteran(name: string, unitId: string, over: Record<string, unknown> = {}) {
    const phone = `1370574${++phoneSeq}`;
    const idNumber = makeId('19850101', ++seq);
    const person = await registerApproved(village, county, simpleForm(unitId, name, idNumber, { phone, ...over }));
    return { person, account: await signUp(name, idNumber, phone) };
  }
  const openingBody = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.county.id, employerId: employer.id, position: '叉车司机', skills: ['forklift'], industry: 'transport', placeUnitId: units.county.id, workTime: 'full', payMin: 4500, payMax: 6500, headcount: 2, validFrom: '2026-06-01', validTo: '2026-12-31', veteransPreferred: true, description: '', ...over });
  const queue = async (by: Agent) => ok<{ items: WorkItemDto[] }>(await by.get('/api/work-queue')).items.filter((i) => i.provider === 'employment');

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    employer = ok<EmployerDto>(await county.post('/api/employment/employers', { orgUnitId: units.county.id, name: '安吉现代物流有限公司', kind: 'enterprise', contactName: '周经理', contactPhone: '13905720099', address: '递铺街道' }));
    forklift = ok<OpeningDto>(await county.post('/api/employment/openings', openingBody()));
    cook = ok<OpeningDto>(await county.post('/api/employment/openings', openingBody({ position: '食堂厨师', skills: ['cook'], industry: 'catering', payMin: 3000, payMax: 3500 })));
    // owned by village2: not of village1's line; and an opening no longer valid
    elsewhere = ok<OpeningDto>(await county.post('/api/employment/openings', openingBody({ orgUnitId: units.village2.id, position: '村保洁员' })));
    expired = ok<OpeningDto>(await county.post('/api/employment/openings', openingBody({ position: '过期岗位', validFrom: '2026-01-01', validTo: '2026-05-31' })));
    me = await veteran('郑意向', units.village1.id, { dischargeDate: '2024-09-01' });
    ok(await village.put(`/api/employment/profiles/${me.person.id}`, { version: 0, status: 'unemployed', seeking: true, skills: ['forklift'], industries: ['transport'], workTime: 'full', placeUnitIds: [], payMin: 4000 }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a linked veteran sees the open openings of their line ranked with reasons, and nothing of the employer’s contacts', async () => {
    const list = ok<PublicOpeningList>(await me.account.get('/api/public/employment/openings'));
    expect(list).toMatchObject({ linked: true, hasIntention: true });
    const ids = list.items.map((o) => o.id);
    expect(ids.slice(0, 2)).toEqual([forklift.id, cook.id]);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(expired.id);
    expect(list.items[0].reasons).toEqual(expect.arrayContaining(['技能：叉车证 ✓']));
    expect(list.items[0].score).toBeGreaterThan(list.items[1].score);
    const body = JSON.stringify(list);
    expect(body).not.toContain('周经理');
    expect(body).not.toContain('1390572');
    expect(body).not.toContain('递铺街道');
    expect(Object.keys(list.items[0])).not.toContain('contactPhoneMasked');
    // one opening; another line's or an expired one is 404
    expect(ok<PublicOpeningDto>(await me.account.get(`/api/public/employment/openings/${forklift.id}`))).toMatchObject({ position: '叉车司机', employerName: '安吉现代物流有限公司', interestedOn: null, recommendation: null });
    expectRefused(await me.account.get(`/api/public/employment/openings/${elsewhere.id}`), 404);
    expectRefused(await me.account.get(`/api/public/employment/openings/${expired.id}`), 404);
    // no public session: 401; a staff session is not a public one
    expectRefused(await t.agent().get('/api/public/employment/openings'), 401);
    expectRefused(await village.get('/api/public/employment/openings'), 401);
    // 我的 shows the best matches
    const overview = ok<PublicOverviewDto>(await me.account.get('/api/public/me/overview'));
    const section = overview.sections.find((s) => s.key === 'employment')!;
    expect(section.items[0]).toMatchObject({ id: forklift.id, link: `/public/jobs/${forklift.id}` });
  });

  it('an unlinked account has nothing matched and cannot say it is interested', async () => {
    const stranger = await signUp('王未登', makeId('19900101', ++seq), `1370575${++phoneSeq}`);
    expect(ok<PublicOpeningList>(await stranger.get('/api/public/employment/openings'))).toEqual({ linked: false, hasIntention: false, items: [], total: 0 });
    const before = await sys.selectFrom('job_interests').select('id').execute();
    expectRefused(await pubPost(stranger, `/api/public/employment/openings/${forklift.id}/interest`), 409, /尚未关联退役军人档案/);
    expect(await sys.selectFrom('job_interests').select('id').execute()).toHaveLength(before.length);
  });

  it('interest is said once, withdrawn, said again; the worker sees it in the queue and on the opening and recommends it in one step', async () => {
    const said = ok<PublicOpeningDto>(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest`));
    expect(said.interestedOn).toBe('2026-06-15');
    expectRefused(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest`), 409, /已表示过/);
    expectRefused(await pubPost(me.account, `/api/public/employment/openings/${elsewhere.id}/interest`), 404);
    expect(await sys.selectFrom('job_interests').select('id').where('recipient_id', '=', me.person.id).execute()).toHaveLength(1);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', forklift.id).execute()).map((a) => a.action)).toContain('public.job-interest');
    ok(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest/withdraw`));
    expectRefused(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest/withdraw`), 409, /尚未/);
    expect((await queue(village)).filter((i) => i.link === `/employment/openings/${forklift.id}`)).toHaveLength(0);
    ok(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest`));

    // the village worker: in the queue and on the opening; village2's worker: nothing
    const item = (await queue(village)).find((i) => i.link === `/employment/openings/${forklift.id}`)!;
    expect(item.title).toBe('岗位意向：郑意向——安吉现代物流有限公司 叉车司机');
    expect((await queue(village2)).map((i) => i.link)).not.toContain(`/employment/openings/${forklift.id}`);
    const onOpening = ok<Page<InterestDto>>(await village.get(`/api/employment/interests?openingId=${forklift.id}`));
    expect(onOpening.items).toEqual([expect.objectContaining({ recipientId: me.person.id, recipientName: '郑意向', on: '2026-06-15', recommendationId: null })]);
    expect(ok<Page<InterestDto>>(await village2.get(`/api/employment/interests?openingId=${forklift.id}`)).items).toEqual([]);
    expect(ok<Page<InterestDto>>(await village.get('/api/employment/interests?pending=1')).items.map((i) => i.openingId)).toEqual([forklift.id]);

    // one click: the recommendation takes it off the queue; the person sees the stage and cannot withdraw
    const rec = ok<RecommendationDto>(await village.post('/api/employment/recommendations', { openingId: forklift.id, recipientId: me.person.id, note: '本人网上表示有意向' }));
    expect((await queue(village)).map((i) => i.link)).not.toContain(`/employment/openings/${forklift.id}`);
    expect(ok<Page<InterestDto>>(await village.get(`/api/employment/interests?openingId=${forklift.id}`)).items[0].recommendationId).toBe(rec.id);
    expect(ok<PublicOpeningDto>(await me.account.get(`/api/public/employment/openings/${forklift.id}`))).toMatchObject({ recommendation: 'recommended', interestedOn: '2026-06-15' });
    expectRefused(await pubPost(me.account, `/api/public/employment/openings/${forklift.id}/interest/withdraw`), 409, /已推荐/);
  });

  it('a declined recommendation takes a reason of the fixed list (其他 with the words); figures count by reason, cohort and interests', async () => {
    const other = await veteran('冯厨艺', units.village1.id, { dischargeDate: '2025-03-01', employmentStatus: 'employed' });
    ok<EmploymentProfileDto>(await village.put(`/api/employment/profiles/${other.person.id}`, { version: 0, status: 'unemployed', seeking: true, skills: ['cook'] }));
    const r1 = ok<RecommendationDto>(await village.post('/api/employment/recommendations', { openingId: cook.id, recipientId: other.person.id }));
    const before = await sys.selectFrom('case_actions').select('id').execute();
    expectRefused(await village.post(`/api/employment/recommendations/${r1.id}/actions`, { action: 'decline', version: r1.version, on: '2026-06-15', reason: 'other', reasonNote: '' }), 400, /具体原因/);
    expectRefused(await village.post(`/api/employment/recommendations/${r1.id}/actions`, { action: 'decline', version: r1.version, on: '2026-06-15', reason: 'nope' }), 400, chinese);
    expect(await sys.selectFrom('case_actions').select('id').execute()).toHaveLength(before.length);
    const d1 = ok<RecommendationDto>(await village.post(`/api/employment/recommendations/${r1.id}/actions`, { action: 'decline', version: r1.version, on: '2026-06-15', reason: 'other', reasonNote: '需照顾老人，不能上夜班' }));
    expect(d1).toMatchObject({ status: 'declined', declineReason: 'other', declineNote: '需照顾老人，不能上夜班' });
    const r2 = ok<RecommendationDto>(await village.post('/api/employment/recommendations', { openingId: forklift.id, recipientId: other.person.id }));
    ok(await village.post(`/api/employment/recommendations/${r2.id}/actions`, { action: 'decline', version: r2.version, on: '2026-06-15', reason: 'pay' }));

    const f = ok<EmploymentFigures>(await county.get('/api/employment/figures?from=2026-06-01&to=2026-06-30'));
    const byReason = Object.fromEntries(f.declinedByReason.map((x) => [x.reason, x.n]));
    expect(byReason).toEqual({ pay: 1, major: 0, place: 0, person: 0, employer: 0, other: 1 });
    expect(f.declined).toBe(2);
    expect(f.recommended).toBe(3);
    expect(f).toMatchObject({ interests: 1, interestsRecommended: 1 });
    const mirror = await sys.selectFrom('job_recommendations').select(['id', 'decline_reason']).where('status', '=', 'declined').execute();
    expect(Object.fromEntries(mirror.map((m) => [m.id, m.decline_reason]))).toEqual({ [r1.id]: 'other', [r2.id]: 'pay' });
    // cohorts equal the profiles behind them
    const all = ok<Page<EmploymentProfileDto>>(await county.get('/api/employment/profiles?pageSize=200'));
    expect(f.cohorts.reduce((n, c) => n + c.people, 0)).toBe(all.total);
    const y2024 = f.cohorts.find((c) => c.year === 2024)!;
    const in2024 = all.items.filter((p) => p.dischargeDate?.startsWith('2024'));
    expect(y2024.people).toBe(in2024.length);
    expect(y2024.employed).toBe(in2024.filter((p) => p.status === 'employed' || p.status === 'selfEmployed').length);
    // the period outside: nothing declined
    const july = ok<EmploymentFigures>(await county.get('/api/employment/figures?from=2026-07-01&to=2026-07-31'));
    expect(july.declined).toBe(0);
    expect(july.interests).toBe(0);
  });
});
