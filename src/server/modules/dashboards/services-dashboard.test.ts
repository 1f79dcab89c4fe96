// 统计看板 · 政策服务 through the real API on both databases: applications closed with one run and
// with two move the 最多跑一次 figure of the unit and of the unit below it, for the month, the
// quarter and the year; the applications list filtered as the click-through filters it gives the
// applications behind the figure; bookings completed and not shown move the booking figures (equal
// to the direct count of /api/appointments/stats); another village sees none of it; a user without
// services:read is refused (403) while the registry part stays open to them.
import { localItemBody } from '../service-items/service-items-test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { systemDb } from '../../db/system';
import { columnKit } from '../../db/columns';
import { appointmentRollups } from '../../db/migrations/0029-appointment-rollups';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import type { ServicesDashboard } from '../../../shared/schemas/dashboards';
import type { ApplicationDetail, ApplicationDto } from '../../../shared/schemas/applications';
import type { AppointmentDto } from '../../../shared/schemas/appointments';
import type { ServiceItemDto } from '../../../shared/schemas/service-items';
import { chinese, demoUnits, expectRefused, makeId, MANY_LOGINS, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { itemsOf, pubPost, registerPublic } from '../appointments/appointments-test-support';

describe.each(dbKinds)('services dashboard on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let village2: Agent;
  let item: ServiceItemDto;
  let personId: string;

  const dash = async (by: Agent, period: string, unitId?: string) => ok<ServicesDashboard>(await by.get(`/api/dashboards/services?period=${period}${unitId ? `&unitId=${unitId}` : ''}`));
  const act = async (id: string, action: string, comment: string, data?: unknown) => {
    const d = ok<ApplicationDetail>(await county.get(`/api/applications/${id}`));
    return ok<ApplicationDetail>(await county.post(`/api/applications/${id}/actions`, { action, comment, version: d.version, data }));
  };
  /** an application received in person at the village (one run), `extraRuns` more runs, then decided by the county */
  const closeWithRuns = async (extraRuns: number) => {
    const d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: personId, itemId: item.id, received: [true], channel: 'inPerson' }));
    for (let i = 0; i < extraRuns; i++) ok(await village.post(`/api/applications/${d.id}/runs`, { reason: 'signature', day: '2026-06-15' }));
    await act(d.id, 'opinionToDecision', '符合条件', { agree: true });
    const done = await act(d.id, 'approve', '同意');
    expect(done).toMatchObject({ status: 'approved', runs: 1 + extraRuns, closedOn: '2026-06-15' });
    return d.id;
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    village2 = await t.login('village2');
    item = ok<ServiceItemDto>(
      await county.post('/api/service-items', localItemBody(units.county.id, { name: '本县退役军人免费体检', materials: [{ name: '身份证', form: 'copy', count: 1, note: '' }] })),
    );
    personId = (await registerApproved(village, county, simpleForm(units.village1.id, '李长河', makeId('19680101', 41)))).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an application closed with one run raises the 最多跑一次 figure, one closed with two runs only the closed count; the list gives the applications behind it', async () => {
    const before = await dash(county, '2026-06');
    const row = (d: ServicesDashboard) => d.children.find((c) => c.id === units.township.id)!;
    expect(row(before)).toMatchObject({ own: false, hasChildren: true });
    const one = await closeWithRuns(0);
    let d = await dash(county, '2026-06');
    expect(d.applications.closed - before.applications.closed).toBe(1);
    expect(d.applications.atMostOneRun - before.applications.atMostOneRun).toBe(1);
    expect(row(d).applications.closed - row(before).applications.closed).toBe(1);
    const two = await closeWithRuns(1);
    d = await dash(county, '2026-06');
    expect(d.applications.closed - before.applications.closed).toBe(2);
    expect(d.applications.atMostOneRun - before.applications.atMostOneRun).toBe(1);
    expect(row(d).applications).toMatchObject({ closed: row(before).applications.closed + 2, atMostOneRun: row(before).applications.atMostOneRun + 1 });
    expect(d.applications.oneRunRate).toBeCloseTo(d.applications.atMostOneRun / d.applications.closed, 9);
    // the applications by item and status, the county step counted (on time)
    expect(d.applications.byItemStatus.find((x) => x.itemId === item.id && x.status === 'approved')?.n).toBe(2);
    expect(d.applications.steps.find((s) => s.level === 'county')).toMatchObject({ onTime: 2, late: 0, rate: 1 });
    // the quarter and the year hold the month; another month holds none of it
    for (const p of ['2026-Q2', '2026']) expect((await dash(county, p)).applications).toMatchObject({ closed: d.applications.closed, atMostOneRun: d.applications.atMostOneRun });
    expect((await dash(county, '2026-05')).applications.closed).toBe(0);
    expect((await dash(county, '2026-Q3')).periodLabel).toBe('2026年第三季度');
    // the township drilled into: the village's row
    const town = await dash(county, '2026-Q2', units.township.id);
    expect(town.unit).toMatchObject({ id: units.township.id, parentId: units.county.id });
    expect(town.children.find((c) => c.id === units.village1.id)?.applications).toMatchObject({ closed: 2, atMostOneRun: 1, oneRunRate: 0.5 });
    // the click-through: closed in the period under the unit, with at most one run / more
    const list = async (q: string) => ok<Page<ApplicationDto>>(await county.get(`/api/applications?orgUnitId=${units.village1.id}&closedIn=2026-Q2${q}`));
    expect((await list('&manyRuns=false')).items.map((x) => x.id)).toEqual([one]);
    expect((await list('&manyRuns=true')).items.map((x) => x.id)).toEqual([two]);
    expect((await list('')).total).toBe(2);
    expect(ok<Page<ApplicationDto>>(await county.get(`/api/applications?orgUnitId=${units.village1.id}&closedIn=2026-05`)).total).toBe(0);
    expectRefused(await county.get('/api/applications?closedIn=2026-Q5'), 400, chinese);
    // the village's own figure
    expect((await dash(village, '2026-06')).applications).toMatchObject({ closed: 2, atMostOneRun: 1 });
  });

  it('bookings completed and not shown move the booking figures, equal to the direct count', async () => {
    const head = await t.login('townshiphead');
    ok(
      await head.put(`/api/appointments/schedule/${units.village1.id}`, {
        slotMinutes: 30,
        capacity: 2,
        ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
        version: 0,
      }),
    );
    const bookable = (await itemsOf(t, units.village1.id)).find((i) => i.name.startsWith('残疾等级评定'))!;
    const before = await dash(county, '2026-06');
    for (const [name, id] of [
      ['周振华', makeId('19600301', 11)],
      ['钱国强', makeId('19600302', 12)],
    ]) {
      const vet = t.agent();
      await registerPublic(vet, name, id);
      ok(await pubPost(vet, '/api/public/appointments', { orgUnitId: units.village1.id, itemId: bookable.id, day: '2026-06-16', start: '09:00' }));
    }
    let d = await dash(county, '2026-06');
    expect(d.bookings.bookings - before.bookings.bookings).toBe(2);
    expect(d.bookings.open - before.bookings.open).toBe(2);
    // the day comes: one is handled, the other does not come
    t.clock.set('2026-06-16T01:30:00.000Z');
    village = await t.login('village');
    county = await t.login('county');
    const day = ok<{ items: AppointmentDto[] }>(await village.get('/api/appointments/day?day=2026-06-16')).items;
    const [a, b] = [day.find((x) => x.personName === '周振华')!, day.find((x) => x.personName === '钱国强')!];
    ok(await village.post(`/api/appointments/${a.id}/complete`, { version: a.version }));
    ok(await village.post(`/api/appointments/${b.id}/no-show`, { version: b.version }));
    d = await dash(county, '2026-06');
    expect(d.bookings).toMatchObject({
      bookings: before.bookings.bookings + 2,
      completed: before.bookings.completed + 1,
      noShows: before.bookings.noShows + 1,
      open: before.bookings.open,
    });
    expect(d.bookings.noShowRate).toBeCloseTo(d.bookings.noShows / (d.bookings.noShows + d.bookings.completed), 9);
    // the roll-up equals the direct count, for the county and each township
    const direct = ok<{ rows: { orgUnitId: string; bookings: number; noShows: number; completed: number; cancelled: number }[]; total: { bookings: number; noShows: number; completed: number } }>(
      await county.get('/api/appointments/stats?from=2026-06-01&to=2026-06-30'),
    );
    expect(d.bookings).toMatchObject(direct.total);
    for (const r of direct.rows.filter((x) => x.orgUnitId !== units.county.id)) {
      const mine = d.children.find((c) => c.id === r.orgUnitId)!;
      expect(mine.bookings, r.orgUnitId).toMatchObject({ bookings: r.bookings, noShows: r.noShows, completed: r.completed, cancelled: r.cancelled });
    }
    expect((await dash(village, '2026-Q2')).bookings).toMatchObject({ bookings: 2, completed: 1, noShows: 1, noShowRate: 0.5 });
    expect((await dash(village, '2026-07')).bookings.bookings).toBe(0);
    // migration 0029 counts bookings made before it the same way
    const sys = systemDb(t.db.handle.db);
    const kept = await sys.selectFrom('rollups').selectAll().where('metric', '=', 'appt-status').where('n', '<>', 0).orderBy('unit_id').orderBy('bucket').execute();
    await sys.deleteFrom('rollups').where('metric', '=', 'appt-status').execute();
    await appointmentRollups.up(t.db.handle.db as unknown as Kysely<unknown>, columnKit(t.db.handle.dialect));
    const counted = await sys.selectFrom('rollups').selectAll().where('metric', '=', 'appt-status').where('n', '<>', 0).orderBy('unit_id').orderBy('bucket').execute();
    expect(counted.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(kept.map((r) => ({ ...r, n: Number(r.n) })));
    expect(kept.length).toBeGreaterThan(0);
  });

  it("keeps another village out, refuses bad periods in Chinese, and is refused to a user without services:read", async () => {
    village2 = await t.login('village2'); // the clock moved a day on
    const other = await dash(village2, '2026-06');
    expect(other.unit.id).toBe(units.village2.id);
    expect(other.applications).toMatchObject({ closed: 0, atMostOneRun: 0, byItemStatus: [] });
    expect(other.bookings.bookings).toBe(0);
    expectRefused(await village2.get(`/api/dashboards/services?period=2026-06&unitId=${units.village1.id}`), 404);
    expectRefused(await village.get(`/api/dashboards/services?period=2026-06&unitId=${units.county.id}`), 404);
    for (const p of ['2026-13', '2026-6', '26', '2026-Q0', '']) expectRefused(await county.get(`/api/dashboards/services?period=${p}`), 400, chinese);
    expectRefused(await county.get('/api/dashboards/services'), 400, chinese);
    await t.createUser({ username: 'mediator-dash', roles: ['mediator'], orgUnitId: units.village1.id });
    const mediator = await t.login('mediator-dash');
    expectRefused(await mediator.get('/api/dashboards/services?period=2026-06'), 403);
    expect((await mediator.get('/api/dashboards/registry')).statusCode).toBe(200);
  });
});
