// 我的 (GET /api/public/me/overview) through the real API on every database: each account sees
// its own petitions with their stage and next step and never another account's; the registry
// link follows the account's ID number hash (a registered record); no public session, no page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import { MANY_LOGINS, demoUnits, expectRefused, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';
import { actOk, newPersonId, ok } from '../petitions/petitions-test-support';
import { solveChallenge } from './public-accounts-test-support';

const PASSWORD = 'Veteran@2026';
let phoneSeq = 3000;

function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}

describe.each(dbKinds)('我的 (public overview) on %s', (kind) => {
  let t: TestApp;
  let units: Units;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    units = await demoUnits(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signUp(name: string, idNumber = newPersonId('1968-05-01'), phone?: string) {
    const a = t.agent();
    const c = ok<{ challenge: string; difficulty: number }>(await a.get('/api/public/accounts/challenge'));
    phoneSeq += 1;
    const res = await a.post('/api/public/accounts', {
      name,
      idNumber,
      phone: phone ?? `1390572${phoneSeq}`,
      password: PASSWORD,
      privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
      pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return a;
  }

  const petition = (request: string) => ({ orgUnitId: units.township.id, type: 'claim', category: 'placement', address: '孝丰镇城东社区 8 幢', request, facts: '2024 年退役，至今未安排工作。' });

  it('gathers the account’s own petitions with their next step, and never another account’s', async () => {
    const first = await signUp('郑志远');
    const second = await signUp('冯晓东');
    // an empty page for a new account: the section is there, with its empty text
    const empty = ok<PublicOverviewDto>(await first.get('/api/public/me/overview'));
    expect(empty.name).toBe('郑**');
    expect(empty.registry).toEqual({ linked: false, unitName: null });
    const section = empty.sections.find((s) => s.key === 'petitions')!;
    expect(section).toMatchObject({ title: '我的信访', items: [], total: 0, moreLink: '/public/petitions/new' });
    expect(section.emptyText).toMatch(/还没有/);

    const a1 = ok<{ id: string; registrationNo: string }>(await pubPost(first, '/api/public/petitions', petition('请求落实退役安置待遇')));
    const a2 = ok<{ id: string }>(await pubPost(first, '/api/public/petitions', petition('请求补发优待金')));
    const b1 = ok<{ id: string }>(await pubPost(second, '/api/public/petitions', petition('请求核查参战身份')));

    const mine = ok<PublicOverviewDto>(await first.get('/api/public/me/overview')).sections.find((s) => s.key === 'petitions')!;
    expect(mine.total).toBe(2);
    expect(mine.items.map((i) => i.id).sort()).toEqual([a1.id, a2.id].sort());
    const one = mine.items.find((i) => i.id === a1.id)!;
    expect(one).toMatchObject({ statusLabel: '待受理', tone: 'warning', dueDay: '2026-06-30', link: `/public/petitions/${a1.id}` });
    expect(one.subtitle).toContain(a1.registrationNo);
    expect(one.nextStep).toMatch(/等待受理.*2026-06-30/);
    expect(mine.moreLink).toBe('/public/petitions');

    const theirs = ok<PublicOverviewDto>(await second.get('/api/public/me/overview')).sections.find((s) => s.key === 'petitions')!;
    expect(theirs.items.map((i) => i.id)).toEqual([b1.id]);
    expect(JSON.stringify(theirs)).not.toContain('退役安置');

    // staff move it on: the next step follows the stage
    const townshipHead = await t.login('townshiphead');
    await actOk(townshipHead, a1.id, 'accept', { acceptedOn: '2026-06-15' });
    const after = ok<PublicOverviewDto>(await first.get('/api/public/me/overview')).sections.find((s) => s.key === 'petitions')!.items.find((i) => i.id === a1.id)!;
    expect(after).toMatchObject({ statusLabel: '办理中', tone: 'processing' });
    expect(after.nextStep).toMatch(/办理中，将书面答复/);
  });

  it('links the account to the registry record whose ID number and mobile are both its own, and shows that person’s applications', async () => {
    const village = await t.login('village');
    const county = await t.login('county');
    const idNumber = newPersonId('1971-09-09');
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '陶德胜', idNumber, { phone: '13905729101' }));
    // a second person whose account is opened with their ID number but another mobile
    const idNumber2 = newPersonId('1972-03-03');
    const person2 = await registerApproved(village, county, simpleForm(units.village1.id, '柏永生', idNumber2, { phone: '13905729102' }));
    const items = ok<{ items: { id: string; materials: unknown[]; handoff: string | null }[] }>(await village.get('/api/service-items?pageSize=50&kind=national')).items.filter((i) => !i.handoff);
    for (const p of [person, person2]) {
      ok(await village.post('/api/applications', { recipientId: p.id, itemId: items[0].id, received: items[0].materials.map(() => true), channel: 'inPerson' }));
    }
    const linked = await signUp('陶德胜', idNumber, '13905729101');
    const wrongPhone = await signUp('柏永生', idNumber2, '13905729199');
    const mine = ok<PublicOverviewDto>(await linked.get('/api/public/me/overview'));
    expect(mine.registry).toEqual({ linked: true, unitName: units.village1.name });
    const apps = mine.sections.find((s) => s.key === 'applications')!;
    expect(apps.total).toBe(1);
    expect(apps.items[0]).toMatchObject({ statusLabel: '审核中' });
    expect(apps.items[0].nextStep).toMatch(/村\(居\)委会意见中/);
    const theirs = ok<PublicOverviewDto>(await wrongPhone.get('/api/public/me/overview'));
    expect(theirs.registry).toEqual({ linked: false, unitName: null });
    expect(theirs.sections.find((s) => s.key === 'applications')).toMatchObject({ total: 0, items: [] });
    // the sections come in page order: petitions, applications, assistance (帮扶援助 online), appointments,
    // employment (为我匹配的岗位, for a linked veteran), surveys (满意度调查 waiting for the person's answer)
    expect(mine.sections.map((s) => s.key)).toEqual(['petitions', 'applications', 'assistance', 'appointments', 'employment', 'surveys']);
  });

  it('needs a public session: none, or a staff one, is refused', async () => {
    expectRefused(await t.agent().get('/api/public/me/overview'), 401);
    expectRefused(await (await t.login('county')).get('/api/public/me/overview'), 401);
  });
});

