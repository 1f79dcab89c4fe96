// The demo portal seed on both databases: the demo county and 孝丰镇 get a weekly schedule, two
// commitments and two supervisors; their public pages show them and offer slots; seeding again
// adds nothing, and a unit that already has its own lists keeps them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, json, type TestApp } from '../../../test/helpers/app';
import { systemDb, type SystemDb } from '../db/system';
import { DEMO_COUNTY, DEMO_TOWNSHIP } from './demo';
import { seedDemoPortal } from './demo-portal';

describe.each(dbKinds)('demo portal seed on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  const counts = async () =>
    Promise.all((['appointment_schedules', 'service_commitments', 'service_supervisors'] as const).map(async (table) => (await sys.selectFrom(table).selectAll().execute()).length));
  const unitId = async (code: string) => (await sys.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fills the county and the township, shows them on the public pages with slots, and is idempotent', async () => {
    const before = await counts();
    // the test demo (seedDemo) has none: the portal seed runs with the full demo only
    expect(before).toEqual([0, 0, 0]);
    const township = await unitId(DEMO_TOWNSHIP);
    // the township head's own commitments are kept
    const head = await t.login('townshiphead');
    expect((await head.put(`/api/portal/units/${township}/commitments`, { items: ['站长自己写的承诺'] })).statusCode).toBe(200);

    expect(await seedDemoPortal(sys, { at: '2026-06-15T02:00:00.000Z' })).toEqual({ schedules: 2, commitments: 2, supervisors: 4 });
    expect(await seedDemoPortal(sys, { at: '2026-06-15T02:00:00.000Z' })).toEqual({ schedules: 0, commitments: 0, supervisors: 0 });
    expect(await counts()).toEqual([2, 3, 4]);

    const anon = t.agent();
    const county = json<{ commitments: string[]; supervisors: { name: string; phone: string }[] }>(await anon.get(`/api/public/org-units/${await unitId(DEMO_COUNTY)}/portal`));
    expect(county.commitments).toHaveLength(2);
    expect(county.supervisors.map((s) => s.name)).toEqual(['周国平', '沈美华']);
    const own = json<{ commitments: string[]; supervisors: unknown[] }>(await anon.get(`/api/public/org-units/${township}/portal`));
    expect(own.commitments).toEqual(['站长自己写的承诺']);
    expect(own.supervisors).toHaveLength(2);
    for (const code of [DEMO_COUNTY, DEMO_TOWNSHIP]) {
      const slots = json<{ days: { slots: { left: number }[] }[] }>(await anon.get(`/api/public/org-units/${await unitId(code)}/slots`));
      expect(slots.days.flatMap((d) => d.slots).some((s) => s.left > 0)).toBe(true);
      const items = json<{ items: unknown[] }>(await anon.get(`/api/public/org-units/${await unitId(code)}/bookable-items`));
      expect(items.items.length).toBeGreaterThan(0);
    }
  });
});
