// The daily run: off in tests (buildApp without jobs), generates the whole deployment when started,
// and stops with the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type TestApp } from '../../../../test/helpers/app';
import { systemDb } from '../../db/system';
import { defaultVisitSettings } from '../../../shared/schemas/visits';
import { MANY_LOGINS, demoUnits, makeId, ok, registerApproved } from '../recipients/recipients-test-support';
import { startVisitJob } from './visits.job';

describe.each(dbKinds)('the visits job on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  }, 60_000);
  afterAll(async () => t?.close());

  it('generates for the whole deployment when it runs, and not before', async () => {
    const units = await demoUnits(t);
    const village = await t.login('village');
    const county = await t.login('county');
    const sys = systemDb(t.db.handle.db);
    await registerApproved(village, county, { kind: 'veteran', orgUnitId: units.village1.id, name: '定时任务', idNumber: makeId('1970-02-02', 301), recipientGroup: 'dischargedSoldier' });
    await registerApproved(county, county, { kind: 'veteran', orgUnitId: units.hanggaiVillage.id, name: '定时任务二', idNumber: makeId('1970-02-03', 303), recipientGroup: 'dischargedSoldier' });
    ok(await county.put('/api/visit-settings', { ...defaultVisitSettings, horizonDays: 40 }));
    const armyDay = async () => Number((await sys.selectFrom('due_visits').select((eb) => eb.fn.countAll<number>().as('n')).where('reason', '=', 'armyDay').executeTakeFirstOrThrow()).n);
    // the test app runs no job: nothing is owed for Army Day yet
    expect(await armyDay()).toBe(0);
    const job = startVisitJob(t.app, { firstMs: 3_600_000, everyMs: 3_600_000, stopOnClose: false });
    await job.runNow();
    expect(await armyDay()).toBe(2);
    await job.runNow();
    expect(await armyDay()).toBe(2);
    await job.stop();
  });
});
