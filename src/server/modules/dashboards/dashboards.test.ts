import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../db/system';
import { seedDemoRecipients } from '../../cli/demo';
import type { RegistryDashboard } from '../../../shared/schemas/dashboards';
import { createTestApp, json, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';

describe.each(dbKinds)('registry dashboard on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoRecipients(systemDb(t.db.handle.db), { count: 400, crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows the county's figures, equal to direct counts, with a row per township that drills down", async () => {
    const county = await t.login('county');
    const d = json<RegistryDashboard>(await county.get('/api/dashboards/registry'));
    const sys = systemDb(t.db.handle.db);
    const all = await sys.selectFrom('recipients').select(['status', 'deceased', 'care_mask', 'recipient_group', 'situations_filled', 'org_path']).where('merged_into', 'is', null).execute();
    expect(d.unit.level).toBe('county');
    expect(d.totals.total).toBe(all.length);
    expect(d.totals.deceased).toBe(all.filter((r) => r.deceased).length);
    expect(d.totals.priorityCare).toBe(all.filter((r) => !r.deceased && r.care_mask !== 0).length);
    expect(d.totals.pending).toBe(all.filter((r) => r.status === 'pending').length);
    const living = all.filter((r) => !r.deceased);
    expect(d.totals.completeness).toBeCloseTo(living.reduce((s, r) => s + r.situations_filled, 0) / (7 * living.length), 6);
    const soldiers = living.filter((r) => r.recipient_group === 'dischargedSoldier').length;
    expect(d.byGroup.find((g) => g.key === 'dischargedSoldier')?.n).toBe(soldiers);
    expect(d.byGroup.find((g) => g.key === 'dischargedSoldier')?.label).toBe('退役士兵');
    expect(d.byAgeBand.reduce((s, b) => s + b.n, 0)).toBe(living.length);
    expect(d.children.length).toBe(15);
    expect(d.children.reduce((s, c) => s + c.total, 0)).toBe(all.length);
    const town = d.children.find((c) => c.total > 0)!;
    const down = json<RegistryDashboard>(await county.get(`/api/dashboards/registry?unitId=${town.id}`));
    expect(down.totals.total).toBe(town.total);
    expect(down.unit.parentId).not.toBeNull();
  });

  it("keeps a village worker to their own village", async () => {
    const village = await t.login('village');
    const d = json<RegistryDashboard>(await village.get('/api/dashboards/registry'));
    expect(d.unit.id).toBe(village.me!.orgUnit.id);
    const sys = systemDb(t.db.handle.db);
    const path = (await sys.selectFrom('org_units').select('path').where('id', '=', d.unit.id).executeTakeFirstOrThrow()).path;
    const mine = await sys.selectFrom('recipients').select('id').where('org_path', '>=', path).where('org_path', '<', path + '~').where('merged_into', 'is', null).execute();
    expect(d.totals.total).toBe(mine.length);
    const county = (await sys.selectFrom('org_units').select('id').where('code', '=', '330523').executeTakeFirstOrThrow()).id;
    expect((await village.get(`/api/dashboards/registry?unitId=${county}`)).statusCode).toBe(404);
    expect((await village.get('/api/dashboards/registry?unitId=bad id!')).statusCode).toBe(400);
  });
});
