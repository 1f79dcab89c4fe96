// The demo work seed on both databases: three hard problems at three stages (studied by the
// township, reviewed by the county, resolved) and last month's two obligation records, made
// through the real services, visible through the API to the units in range, and seeded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, json, type TestApp } from '../../../test/helpers/app';
import { systemDb } from '../db/system';
import { seedDemoWork } from './demo-work';

type Page = { items: { title: string; status: string; orgUnitName?: string }[]; total: number };

describe.each(dbKinds)('demo work seed on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves hard problems and obligation records through the services, once', async () => {
    const sys = systemDb(t.db.handle.db);
    const at = t.clock.now().toISOString();
    expect(await seedDemoWork(sys, { crypto: t.app.ctx.crypto, at, dialect: t.app.ctx.dialect })).toEqual({ hardProblems: 3, records: 2 });
    expect(await seedDemoWork(sys, { crypto: t.app.ctx.crypto, at, dialect: t.app.ctx.dialect })).toEqual({ hardProblems: 0, records: 0 });

    const county = await t.login('county');
    const all = json<Page>(await county.get('/api/hard-problems?page=1&pageSize=20'));
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.status).sort()).toEqual(['county', 'resolved', 'township']);
    // the second village sees none of the first village's problems
    const village2 = await t.login('village2');
    expect(json<Page>(await village2.get('/api/hard-problems?page=1&pageSize=20')).total).toBe(0);
    const village = await t.login('village');
    expect(json<Page>(await village.get('/api/hard-problems?page=1&pageSize=20')).total).toBe(2);

    const township = await t.login('township');
    const records = json<Page>(await township.get('/api/obligations/records?page=1&pageSize=20'));
    expect(records.total).toBe(2);
  });
});
