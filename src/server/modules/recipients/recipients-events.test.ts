// Domain events run in the publisher's transaction: the registry's recipientsRegistered reaches
// visits from a review approval and from an Excel import alike, and a subscriber that fails
// rolls the whole write back (the approval, the import, and what visits already did in it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { systemDb, type SystemDb } from '../../db/system';
import { AppError } from '../../platform/errors';
import { subscribe, subscribersOf } from '../../platform/events';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { ledgerWorkbook, upload, veteranRow } from '../imports/imports-test-support';
import { act, demoUnits, expectRefused, makeId, MANY_LOGINS, ok, openCaseOf, register, veteranForm, type Units } from './recipients-test-support';
import { recipientsRegistered } from './recipients.events';

describe.each(dbKinds)('recipients events on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let village: Agent;
  let county: Agent;
  let units: Units;
  const refuse = async () => {
    throw new AppError(409, 'TEST_REFUSED', '测试：订阅者拒绝');
  };
  const triggersOf = async (recipientId: string) => sys.selectFrom('visit_triggers').select(['kind']).where('recipient_id', '=', recipientId).execute();

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    county = await t.login('county');
  }, 60_000);
  afterAll(async () => t?.close());

  it('visits subscribes once, however many apps are built', () => {
    expect(subscribersOf(recipientsRegistered)).toEqual(['owedOnRegistration']);
  });

  it('a failing subscriber rolls the approval back with what visits did before it; without it the approval owes 退役返乡', async () => {
    const r = await register(village, veteranForm(units.village1.id, { name: '事件甲', idNumber: makeId('2003-05-05', 411), enlistmentDate: '2022-09-01', dischargeDate: '2026-04-01' }));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    const c = await openCaseOf(county, r.id);

    const off = subscribe(recipientsRegistered, refuse);
    try {
      expectRefused(await act(county, c.id, 'approve'), 409, /订阅者拒绝/);
    } finally {
      off();
    }
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).status).toBe('pending');
    expect(await triggersOf(r.id)).toEqual([]);
    expect((await openCaseOf(county, r.id)).status).toBe('pending');

    ok(await act(county, c.id, 'approve'));
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).status).toBe('registered');
    expect(await triggersOf(r.id)).toEqual([{ kind: 'returnHome' }]);
  });

  it('a failing subscriber rolls a county import back: nothing imported', async () => {
    const count = async () => Number((await sys.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const file = await ledgerWorkbook([veteranRow('事件乙', makeId('2003-06-06', 413), { '所属村(社区)': '330523105004', 入伍时间: '2022-09-01', 退役时间: '2026-04-01' })]);
    const off = subscribe(recipientsRegistered, refuse);
    try {
      // the answer is already streaming: the refusal arrives as the import's failed result
      const res = await upload(county, file);
      expect(res.result).toEqual({ type: 'failed', rows: 0, errorCount: 1, errors: [{ row: 0, column: '', message: '测试：订阅者拒绝' }] });
    } finally {
      off();
    }
    expect(await count()).toBe(before);
  });
});
