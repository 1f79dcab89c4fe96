// Appointments through the real API on every database: a unit head's weekly schedule makes slots
// (none on a holiday, weekend or closure; a 调休 Saturday has them), veterans book online for an
// item (capacity, per-person limits that follow the settings), cancel their own; staff see the
// day list, confirm, complete (with an application), mark no-show; another village sees nothing;
// bad input is a Chinese 4xx that changes nothing. (Today: Monday 2026-06-15.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { workbookOf } from '../../../../test/helpers/xlsx';
import { demoUnits, expectRefused, ok, MANY_LOGINS, registerApproved, simpleForm, makeId, type Units } from '../recipients/recipients-test-support';
import { itemsOf, pubPost, registerPublic, signInPublic } from './appointments-test-support';
import type { AppointmentDto, PublicAppointmentDto, ScheduleDto, SlotsDto } from '../../../shared/schemas/appointments';

const SCHEDULE = {
  slotMinutes: 30,
  capacity: 2,
  ranges: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
};
let ITEM = '';
let OTHER_ITEM = '';

describe.each(dbKinds)('appointments on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let head: Agent; // 孝丰镇 station head: in range of village1
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let vetA: Agent;
  let vetB: Agent;
  let vetC: Agent;
  let phoneA = '';

  const snapshot = async () => {
    const sys = systemDb(t.db.handle.db);
    return JSON.stringify({
      s: await sys.selectFrom('appointment_schedules').selectAll().execute(),
      c: await sys.selectFrom('appointment_closures').selectAll().orderBy('id').execute(),
      a: await sys.selectFrom('appointments').selectAll().orderBy('id').execute(),
      settings: await sys.selectFrom('settings').selectAll().orderBy('key').execute(),
    });
  };
  const bookAs = (a: Agent, day: string, start: string, itemId = ITEM) => pubPost(a, '/api/public/appointments', { orgUnitId: units.village1.id, itemId, day, start });

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    units = await demoUnits(t);
    const catalog = await itemsOf(t, units.village1.id);
    ITEM = catalog.find((i) => i.name.startsWith('残疾等级评定'))!.id;
    OTHER_ITEM = catalog.find((i) => i.name === '遗属定期抚恤')!.id;
    head = await t.login('townshiphead');
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    vetA = t.agent();
    vetB = t.agent();
    vetC = t.agent();
    phoneA = (await registerPublic(vetA, '周振华')).phone;
    await registerPublic(vetB, '钱国强');
    await registerPublic(vetC, '吴建平');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a unit without a schedule offers nothing to book', async () => {
    const s = ok<SlotsDto>(await t.agent().get(`/api/public/org-units/${units.village1.id}/slots`));
    expect(s.days.every((d) => d.slots.length === 0 && d.closed === '未开放预约')).toBe(true);
    expectRefused(await bookAs(vetA, '2026-06-16', '09:00'), 400, /尚未开放/);
  });

  it('the schedule is kept by a unit head; a worker cannot change it; bad input changes nothing', async () => {
    const before = await snapshot();
    expectRefused(await village.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, version: 0 }), 403, /负责人/);
    expectRefused(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, ranges: [...SCHEDULE.ranges, { weekday: 1, start: '10:30', end: '12:00' }], version: 0 }), 400, /重叠/);
    expectRefused(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, ranges: [{ weekday: 2, start: '11:00', end: '09:00' }], version: 0 }), 400, /晚于开始/);
    expectRefused(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, ranges: [{ weekday: 6, start: '09:00', end: '10:00' }], version: 0 }), 400, /周一至周五/);
    expectRefused(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, capacity: 0, version: 0 }), 400, /至少可约/);
    // another township's unit is outside the head's range
    expectRefused(await head.put(`/api/appointments/schedule/${units.hanggaiVillage.id}`, { ...SCHEDULE, version: 0 }), 404);
    expect(await snapshot()).toBe(before);
    const s = ok<ScheduleDto>(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, version: 0 }));
    expect(s).toMatchObject({ version: 1, slotMinutes: 30, capacity: 2, canEdit: true });
    expect(s.ranges).toHaveLength(5);
    // a stale version is refused
    expectRefused(await head.put(`/api/appointments/schedule/${units.village1.id}`, { ...SCHEDULE, version: 0 }), 409, /他人修改/);
    // the village worker reads it (with the office hours beside it) but may not edit
    const read = ok<ScheduleDto>(await village.get('/api/appointments/schedule'));
    expect(read).toMatchObject({ orgUnitId: units.village1.id, version: 1, canEdit: false });
    expect(typeof read.officeHours).toBe('string');
  });

  it('slots follow the schedule and the legal calendar; a closure closes its days', async () => {
    ok(await head.post(`/api/appointments/closures/${units.village1.id}`, { from: '2026-06-22', to: '2026-06-23', reason: '集中培训' }));
    const s = ok<SlotsDto>(await t.agent().get(`/api/public/org-units/${units.village1.id}/slots`));
    const day = (d: string) => s.days.find((x) => x.day === d)!;
    expect(s.days[0].day).toBe('2026-06-16'); // from tomorrow
    expect(s.days).toHaveLength(14);
    expect(day('2026-06-16').slots.map((x) => x.start)).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(day('2026-06-16').slots[0]).toMatchObject({ capacity: 2, booked: 0, left: 2 });
    expect(day('2026-06-19')).toMatchObject({ closed: '法定节假日', slots: [] }); // 端午节 (a Friday)
    expect(day('2026-06-20')).toMatchObject({ closed: '法定节假日', slots: [] });
    expect(day('2026-06-27')).toMatchObject({ closed: '休息日', slots: [] }); // an ordinary Saturday
    expect(day('2026-06-22')).toMatchObject({ closed: '暂停预约：集中培训', slots: [] });
    expect(day('2026-06-24').slots).toHaveLength(4);
    // a 调休 working Sunday (2026-09-20) has Monday's slots; staff read any days of their range
    const sep = ok<SlotsDto>(await village.get('/api/appointments/slots?from=2026-09-19&days=2'));
    expect(sep.days.map((d) => [d.day, d.slots.length])).toEqual([['2026-09-19', 0], ['2026-09-20', 4]]);
    // closures: listed, bad input refused, removed by the head
    const cl = ok<{ items: { id: string; from: string }[] }>(await village.get('/api/appointments/closures'));
    expect(cl.items.map((c) => c.from)).toEqual(['2026-06-22']);
    const before = await snapshot();
    expectRefused(await head.post(`/api/appointments/closures/${units.village1.id}`, { from: '2026-06-25', to: '2026-06-24', reason: '检修' }), 400, /不能早于开始/);
    expectRefused(await head.post(`/api/appointments/closures/${units.village1.id}`, { from: '2026-06-25', to: '2026-06-25', reason: '' }), 400, /停办原因/);
    expectRefused(await village.post(`/api/appointments/closures/${units.village1.id}`, { from: '2026-06-25', to: '2026-06-25', reason: '检修' }), 403);
    expectRefused(await village.request('DELETE', `/api/appointments/closures/${cl.items[0].id}`), 403);
    expect(await snapshot()).toBe(before);
  });

  it('books an open slot with the materials shown first; refuses closed days, unknown slots and items', async () => {
    const items = ok<{ items: { id: string; materials: { name: string }[] }[] }>(await t.agent().get(`/api/public/org-units/${units.village1.id}/bookable-items`));
    expect(items.items.find((i) => i.id === ITEM)?.materials.map((m) => m.name)).toContain('本人身份证件');
    const before = await snapshot();
    expectRefused(await bookAs(vetA, '2026-06-19', '09:00'), 400, /法定节假日/);
    expectRefused(await bookAs(vetA, '2026-06-27', '09:00'), 400, /休息日/);
    expectRefused(await bookAs(vetA, '2026-06-22', '09:00'), 400, /集中培训/);
    expectRefused(await bookAs(vetA, '2026-06-16', '09:15'), 400, /时段/);
    expectRefused(await bookAs(vetA, '2026-06-15', '10:30'), 400, /只能预约/); // today is not offered
    expectRefused(await bookAs(vetA, '2026-07-30', '09:00'), 400, /只能预约/);
    expectRefused(await bookAs(vetA, '2026-06-16', '09:00', 'no-such-item'), 404, /服务事项/);
    // an item of another county's or a retired item is the same 404 (service-items' serviceItemForUse)
    expectRefused(await bookAs(vetA, '2026-06-31', '09:00'), 400, /不存在/);
    expectRefused(await village.post('/api/public/appointments', { orgUnitId: units.village1.id, itemId: ITEM, day: '2026-06-16', start: '09:00' }), 401);
    expect(await snapshot()).toBe(before);
    const a = ok<PublicAppointmentDto>(await bookAs(vetA, '2026-06-16', '09:00'));
    expect(a).toMatchObject({ status: 'booked', statusLabel: '已预约', itemName: '残疾等级评定（伤残评定）', day: '2026-06-16', start: '09:00', end: '09:30', canCancel: true });
  });

  it('a full slot refuses; one item per day per person', async () => {
    expectRefused(await bookAs(vetA, '2026-06-16', '10:00'), 409, /同一事项每天最多预约 1 次/);
    ok(await bookAs(vetB, '2026-06-16', '09:00'));
    expectRefused(await bookAs(vetC, '2026-06-16', '09:00'), 409, /已约满/);
    const s = ok<SlotsDto>(await t.agent().get(`/api/public/org-units/${units.village1.id}/slots`));
    expect(s.days[0].slots[0]).toMatchObject({ booked: 2, left: 0 });
    ok(await bookAs(vetC, '2026-06-16', '09:30'));
  });

  it('the per-person limits are settings: changing them changes what a person may book', async () => {
    // default: 3 open bookings per account
    ok(await bookAs(vetA, '2026-06-17', '09:00'));
    ok(await bookAs(vetA, '2026-06-18', '09:00', OTHER_ITEM));
    expectRefused(await bookAs(vetA, '2026-06-24', '09:00'), 409, /最多同时有 3 个/);
    // only a county-level reviewer changes them
    expectRefused(await head.put('/api/appointment-settings', { maxOpenPerAccount: 5, maxPerItemPerDay: 2, bookAheadDays: 14 }), 403);
    expectRefused(await county.put('/api/appointment-settings', { maxOpenPerAccount: 0, maxPerItemPerDay: 2, bookAheadDays: 14 }), 400, /至少 1 个/);
    ok(await county.put('/api/appointment-settings', { maxOpenPerAccount: 5, maxPerItemPerDay: 2, bookAheadDays: 14 }));
    ok(await bookAs(vetA, '2026-06-24', '09:00'));
    // two of one item on one day now pass, a third not
    ok(await bookAs(vetA, '2026-06-17', '09:30'));
    expect((await bookAs(vetA, '2026-06-17', '10:00')).statusCode).toBe(409);
    ok(await county.put('/api/appointment-settings', { maxOpenPerAccount: 3, maxPerItemPerDay: 1, bookAheadDays: 14 }));
  });

  it('a person cancels their own booking; never another person’s', async () => {
    const mine = ok<{ items: PublicAppointmentDto[] }>(await vetA.get('/api/public/appointments'));
    expect(mine.items.length).toBe(5);
    const target = mine.items.find((i) => i.day === '2026-06-24')!;
    const others = ok<{ items: PublicAppointmentDto[] }>(await vetB.get('/api/public/appointments'));
    expect(others.items.map((i) => i.id)).not.toContain(target.id);
    const before = await snapshot();
    expectRefused(await pubPost(vetB, `/api/public/appointments/${target.id}/cancel`, { version: target.version }), 404);
    expect(await snapshot()).toBe(before);
    const c = ok<PublicAppointmentDto>(await pubPost(vetA, `/api/public/appointments/${target.id}/cancel`, { version: target.version }));
    expect(c).toMatchObject({ status: 'cancelled', canCancel: false });
    expectRefused(await pubPost(vetA, `/api/public/appointments/${target.id}/cancel`, { version: c.version }), 409, /已取消/);
  });

  it('staff see the day list, confirm, complete with an application, and mark no-show on the day', async () => {
    // a worker's list of tomorrow (the village) and the township's (its villages)
    const list = ok<{ day: string; items: AppointmentDto[] }>(await village.get('/api/appointments/day?day=2026-06-16'));
    expect(list.items.map((i) => i.personName).sort()).toEqual(['吴建平', '周振华', '钱国强'].sort());
    expect(list.items[0].phoneMasked).toMatch(/\*/);
    const a = list.items.find((i) => i.personName === '周振华')!;
    const b = list.items.find((i) => i.personName === '钱国强')!;
    const c = list.items.find((i) => i.personName === '吴建平')!;
    expect(ok<{ items: AppointmentDto[] }>(await head.get('/api/appointments/day?day=2026-06-16')).items).toHaveLength(3);
    // another village sees none of them and cannot act
    expect(ok<{ items: AppointmentDto[] }>(await village2.get('/api/appointments/day?day=2026-06-16')).items).toHaveLength(0);
    const before = await snapshot();
    expectRefused(await village2.post(`/api/appointments/${a.id}/confirm`, { version: a.version }), 404);
    expectRefused(await village2.get(`/api/appointments/${a.id}`), 404);
    expectRefused(await village.post(`/api/appointments/${a.id}/confirm`, { version: a.version + 5 }), 409, /他人处理/);
    expectRefused(await village.post(`/api/appointments/${b.id}/no-show`, { version: b.version }), 409, /未到/);
    expectRefused(await village.post(`/api/appointments/${c.id}/cancel`, { version: c.version }), 400, /原因/);
    expect(await snapshot()).toBe(before);
    const confirmed = ok<AppointmentDto>(await village.post(`/api/appointments/${a.id}/confirm`, { version: a.version }));
    expect(confirmed).toMatchObject({ status: 'confirmed', statusLabel: '已确认' });
    // the day comes
    t.clock.set('2026-06-16T01:30:00.000Z');
    [village, head, village2] = [await t.login('village'), await t.login('townshiphead'), await t.login('village2')];
    await signInPublic(vetA, phoneA);
    // the application handled at the booking: one of the worker's range, for the booked item
    const county = await t.login('county');
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '周振华', makeId('19700316', 71)));
    const applyFor = async (itemId: string) => {
      const item = ok<{ materials: unknown[] }>(await village.get(`/api/service-items/${itemId}`));
      return ok<{ id: string }>(await village.post('/api/applications', { recipientId: person.id, itemId, received: item.materials.map(() => true), channel: 'inPerson' })).id;
    };
    const app = await applyFor(ITEM);
    const otherItemApp = await applyFor(OTHER_ITEM);
    const beforeLink = await snapshot();
    expectRefused(await village.post(`/api/appointments/${a.id}/complete`, { version: confirmed.version, applicationId: 'app-0001' }), 404);
    expectRefused(await village.post(`/api/appointments/${a.id}/complete`, { version: confirmed.version, applicationId: otherItemApp }), 400, /事项/);
    expect(await snapshot()).toBe(beforeLink);
    const done = ok<AppointmentDto>(await village.post(`/api/appointments/${a.id}/complete`, { version: confirmed.version, applicationId: app }));
    expect(done).toMatchObject({ status: 'completed', applicationId: app });
    const ns = ok<AppointmentDto>(await village.post(`/api/appointments/${b.id}/no-show`, { version: b.version }));
    expect(ns.status).toBe('noShow');
    ok(await village.post(`/api/appointments/${c.id}/cancel`, { version: c.version, comment: '本人电话告知改期' }));
    expectRefused(await village.post(`/api/appointments/${a.id}/confirm`, { version: done.version }), 409, /已办理/);
    // the person sees the outcome
    const mine = ok<{ items: PublicAppointmentDto[] }>(await vetA.get('/api/public/appointments'));
    expect(mine.items.find((i) => i.id === a.id)).toMatchObject({ status: 'completed', canCancel: false });
    // the case's status is the last logged one
    expect(await statusMismatchesUnscoped(systemDb(t.db.handle.db))).toEqual([]);
    const cases = ok<{ items: { id: string; type: string; status: string }[] }>(await village.get('/api/cases?type=appointment&pageSize=50'));
    expect(cases.items.find((x) => x.id === a.id)?.status).toBe('completed');
  });

  it('the ledger lists, filters, sorts and exports; the dashboard counts bookings and no-shows', async () => {
    const all = ok<{ items: AppointmentDto[]; total: number }>(await head.get(`/api/appointments?orgUnitId=${units.village1.id}&from=2026-06-16&to=2026-06-30&sort=day`));
    expect(all.total).toBe(7);
    expect(all.items[0].day).toBe('2026-06-16');
    const noShows = ok<{ items: AppointmentDto[] }>(await head.get('/api/appointments?status=noShow'));
    expect(noShows.items.map((i) => i.personName)).toEqual(['钱国强']);
    expect(ok<{ total: number }>(await head.get(`/api/appointments?itemId=${OTHER_ITEM}`)).total).toBe(1);
    expect(ok<{ total: number }>(await village2.get('/api/appointments')).total).toBe(0);
    expectRefused(await head.get('/api/appointments?from=2026-06-30&to=2026-06-01'), 400, /不能早于/);
    const res = await head.get(`/api/ledgers/appointments?orgUnitId=${units.village1.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const ws = (await workbookOf(res.rawPayload)).worksheets[0];
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain('残疾等级评定（伤残评定）');
    expect(texts).toContain('未到场');
    expect(texts.some((x) => /^139\*{4}\d{4}$|\*/.test(x))).toBe(true);
    expect(texts.some((x) => /^1390572\d{4}$/.test(x))).toBe(false); // phones masked
    const stats = ok<{ rows: { orgUnitId: string; bookings: number; noShows: number; completed: number; cancelled: number }[]; total: { bookings: number; noShows: number } }>(
      await head.get('/api/appointments/stats?from=2026-06-01&to=2026-06-30'),
    );
    expect(stats.rows.find((r) => r.orgUnitId === units.village1.id)).toMatchObject({ bookings: 7, noShows: 1, completed: 1, cancelled: 2 });
    expect(stats.total).toMatchObject({ bookings: 7, noShows: 1 });
    expect(ok<{ total: { bookings: number } }>(await village2.get('/api/appointments/stats?from=2026-06-01&to=2026-06-30')).total.bookings).toBe(0);
  });
});
