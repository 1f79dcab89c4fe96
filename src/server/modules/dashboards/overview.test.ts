// 统计看板 · 总览 (issue 16) through the real API on both databases: the figure catalogue; the county's
// dashboard counts people, visits, petitions and disputes made through the modules' own routes, and
// each number equals the total of the module's list filtered as the dashboard's link filters it; the
// row of a unit below equals that unit's own dashboard; the monthly rows the job writes give the same
// numbers as the live counts (and a unit move makes the dashboard count live again until the job
// reruns); a village never gets a sibling's numbers; a user without a module's read permission does
// not get its figures; a bad period is a Chinese 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import type { FigureCatalogue, OverviewDashboard } from '../../../shared/schemas/dashboards';
import { chinese, demoUnits, expectRefused, makeId, MANY_LOGINS, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { petitionBody, registerPetition } from '../petitions/petitions-test-support';
import { periodMonths } from '../../../shared/rules/periods';
import { writeFigureMonths } from '.';
import { visibleFigures } from './overview.service';

describe.each(dbKinds)('overview dashboard on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let village2: Agent;
  let keySeq = 0;
  const dash = async (by: Agent, period: string, unitId?: string) => ok<OverviewDashboard>(await by.get(`/api/dashboards/overview?period=${period}${unitId ? `&unitId=${unitId}` : ''}`));
  const made = (res: { statusCode: number; body: string }) => expect([200, 201], res.body).toContain(res.statusCode);
  const total = async (by: Agent, url: string) => ok<Page<unknown>>(await by.get(url)).total;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    village2 = await t.login('village2');
    const villageUserId = json<{ id: string }>(await village.get('/api/me')).id;
    const village2UserId = json<{ id: string }>(await village2.get('/api/me')).id;
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await registerApproved(village, county, simpleForm(units.village1.id, `张${'一二三'[i]}`, makeId('19700101', 60 + i))));
    const other = await registerApproved(village2, county, simpleForm(units.village2.id, '王五', makeId('19700101', 70)));
    const visit = (by: Agent, recipientId: string, visitedOn: string) =>
      by.post('/api/visits', { clientKey: `dash-${kind}-${++keySeq}-abcdef`, recipientId, visitedOn, visitType: 'home', visitors: '刘秀英' });
    made(await visit(village, people[0].id, '2026-06-10'));
    made(await visit(village, people[1].id, '2026-06-11'));
    made(await visit(village, people[1].id, '2026-05-20'));
    made(await visit(village2, other.id, '2026-06-12'));
    await registerPetition(village, petitionBody(units.village1.id, villageUserId, { receivedOn: '2026-06-10' }));
    await registerPetition(village, petitionBody(units.village1.id, villageUserId, { receivedOn: '2026-04-02', petitionerName: '钱七' }));
    await registerPetition(village2, petitionBody(units.village2.id, village2UserId, { receivedOn: '2026-06-11', petitionerName: '孙八' }));
    const dispute = (by: Agent, orgUnitId: string, responsibleUserId: string, foundOn: string) =>
      by.post('/api/disputes', {
        orgUnitId,
        foundOn,
        method: 'homeVisit',
        parties: [{ name: '王大山' }, { name: '李小河' }],
        summary: '退役军人王大山与邻居李小河因宅基地边界发生争执',
        riskLevel: 'medium',
        responsibleUserId,
        deadline: '2026-06-30',
        plan: '村调委会牵头调解',
      });
    made(await dispute(village, units.village1.id, villageUserId, '2026-06-08'));
    made(await dispute(village2, units.village2.id, village2UserId, '2026-06-09'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the catalogue lists every module figure with a Chinese label and formula; rates name their parts', async () => {
    const cat = ok<FigureCatalogue>(await county.get('/api/figures'));
    const keys = cat.items.map((f) => f.key);
    for (const k of ['recipients.registered', 'recipients.employmentRate', 'visits.coverage', 'petitions.onTimeRate', 'disputes.found', 'applications.oneRunRate', 'assistance.amountFen', 'funds.paidFen', 'employment.hires', 'trainings.started', 'ventures.started', 'legalAid.applied', 'rights.onTimeRate', 'appointments.completed', 'feedback.submitted', 'party.meetings', 'honors.awarded', 'education.activities'])
      expect(keys).toContain(k);
    for (const f of cat.items) {
      expect(f.label, f.key).toMatch(chinese);
      expect(f.formula, f.key).toMatch(chinese);
      if (f.unit === 'percent') expect(keys, f.key).toEqual(expect.arrayContaining([f.numerator, f.denominator]));
    }
  });

  it('each number equals the records behind it: the module lists filtered as the dashboard links filter them', async () => {
    const d = await dash(county, '2026-06');
    expect(d).toMatchObject({ periodLabel: '2026年6月', from: '2026-06-01', to: '2026-06-30', asOf: null });
    const v = d.values;
    const c = `orgUnitId=${units.county.id}`;
    expect(v['visits.done']).toBe(3);
    expect(v['visits.done']).toBe(await total(county, `/api/visits?${c}&from=${d.from}&to=${d.to}`));
    expect(v['petitions.received']).toBe(2);
    expect(v['petitions.received']).toBe(await total(county, `/api/petitions?${c}&receivedFrom=${d.from}&receivedTo=${d.to}`));
    expect(v['disputes.found']).toBe(await total(county, `/api/disputes?${c}&foundFrom=${d.from}&foundTo=${d.to}`));
    expect(v['disputes.found']).toBeGreaterThanOrEqual(2);
    expect(v['recipients.registered']).toBe(await total(county, `/api/recipients?${c}&status=registered`));
    const year = await dash(county, '2026');
    expect(year.values['visits.done']).toBe(4);
    expect(year.values['petitions.received']).toBe(await total(county, `/api/petitions?${c}&receivedFrom=2026-01-01&receivedTo=2026-12-31`));
    for (const p of ['2026-Q2', '2026-H1']) expect((await dash(county, p)).values['visits.done']).toBe(4);
    // a rate is its two parts
    expect(v['recipients.employmentRate']).toBe(v['recipients.workingOrSeeking'] ? Math.round((v['recipients.working']! / v['recipients.workingOrSeeking']!) * 1000) / 10 : null);
  });

  it('a row below equals that unit’s own dashboard; a village sees its own numbers only', async () => {
    const d = await dash(county, '2026-06');
    const row = d.children.find((c) => c.id === units.township.id)!;
    expect(row.hasChildren).toBe(true);
    const own = await dash(county, '2026-06', units.township.id);
    for (const k of d.childKeys) expect(row.values[k], k).toEqual(own.values[k]);
    const v1 = await dash(village, '2026-06');
    expect(v1.unit.id).toBe(units.village1.id);
    expect(v1.values['visits.done']).toBe(2);
    expect(v1.values['petitions.received']).toBe(1);
    const v2 = await dash(village2, '2026-06');
    expect(v2.values['visits.done']).toBe(1);
    expectRefused(await village2.get(`/api/dashboards/overview?period=2026-06&unitId=${units.village1.id}`), 404, chinese);
    expectRefused(await village.get(`/api/dashboards/overview?period=2026-06&unitId=${units.township.id}`), 404, chinese);
  });

  it('the monthly rows give the live numbers; a unit changed after them is counted live again', async () => {
    const live = await dash(county, '2026');
    const r = await writeFigureMonths(t.db.handle.db, { now: t.clock.now(), months: periodMonths('2026') });
    expect(r.rows).toBeGreaterThan(0);
    const rows = await dash(county, '2026');
    expect(rows.asOf).toBe(t.clock.now().toISOString());
    expect(rows.values).toEqual(live.values);
    expect(rows.children).toEqual(live.children);
    // a new record after the run: the monthly rows are behind until the next run
    t.clock.advance(60);
    const p = await registerApproved(village, county, simpleForm(units.village1.id, '赵九', makeId('19700101', 80)));
    made(await village.post('/api/visits', { clientKey: `dash-${kind}-${++keySeq}-abcdef`, recipientId: p.id, visitedOn: '2026-06-14', visitType: 'home', visitors: '刘秀英' }));
    expect((await dash(county, '2026-06')).values['visits.done']).toBe(3);
    await writeFigureMonths(t.db.handle.db, { now: t.clock.now(), months: ['2026-06'] });
    expect((await dash(county, '2026-06')).values['visits.done']).toBe(4);
    // the org tree changed after the rows were written: counted live (and equal)
    t.clock.advance(60);
    await systemDb(t.db.handle.db).updateTable('org_units').set({ updated_at: t.clock.now().toISOString() }).where('id', '=', units.village2.id).execute();
    const after = await dash(county, '2026-06');
    expect(after.asOf).toBeNull();
    expect(after.values['visits.done']).toBe(4);
  });

  it('figures of a module need its read permission; a bad period is a Chinese 400', async () => {
    // a mediator (registry and disputes only) gets those modules' figures and no others
    const mediator = visibleFigures({ roles: ['mediator'] }).map((f) => f.module);
    expect(mediator).toContain('disputes');
    expect(mediator).toContain('recipients');
    expect(mediator).not.toContain('petitions');
    expect(mediator).not.toContain('visits');
    // an administrator reads no business data: no dashboard
    expectRefused(await (await t.login('admin')).get('/api/dashboards/overview?period=2026-06'), 403);
    for (const bad of ['2026-13', '2026-Q5', 'x']) expectRefused(await county.get(`/api/dashboards/overview?period=${bad}`), 400, chinese);
  });
});
