// "My visits" (GET /api/visits?mine=true): the visits a user recorded or took part in, found through
// the visit_visitors rows (an index by user), not a LIKE on the JSON text of every visit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { countQueries } from '../helpers/query-count';

describe.each(dbKinds)('visitors as rows on %s', (kind) => {
  let t: TestApp;
  let village: Agent;
  let helper: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind);
    village = await t.login('village');
    await t.createUser({ username: 'visit-helper', roles: ['worker'], orgUnitId: village.me!.orgUnit.id });
    helper = await t.login('visit-helper');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the visits a user took part in without a LIKE on JSON text', async () => {
    const first17 = '33052319620202005';
    const r = await village.post('/api/recipients', { kind: 'veteran', orgUnitId: village.me!.orgUnit.id, name: '走访同行', idNumber: first17 + idCheckCharacter(first17), recipientGroup: 'dischargedSoldier', careCategories: [] });
    expect(r.statusCode, r.body).toBe(200);
    const recipientId = json<{ id: string }>(r).id;
    const v = await village.post('/api/visits', { clientKey: randomUUID(), recipientId, visitedOn: '2026-06-15', visitType: 'home', visitors: '刘秀英、同行人', visitorUserIds: [helper.me!.id] });
    expect(v.statusCode, v.body).toBe(201);
    const visitId = json<{ id: string }>(v).id;

    const { result, queries } = await countQueries(t.db.handle.db, () => helper.get('/api/visits?mine=true'));
    expect(result.statusCode, result.body).toBe(200);
    expect(json<{ items: { id: string }[] }>(result).items.map((i) => i.id)).toEqual([visitId]);
    const visitQueries = queries.filter((q) => /from "visits"/.test(q));
    expect(visitQueries.length).toBeGreaterThan(0);
    for (const q of visitQueries) {
      expect(q).not.toMatch(/visitor_user_ids"? like/i);
      expect(q).toMatch(/visit_visitors/);
    }
    // someone who neither recorded nor took part sees none of it as theirs
    const other = json<{ items: { id: string }[] }>(await (await t.login('township')).get('/api/visits?mine=true'));
    expect(other.items.map((i) => i.id)).not.toContain(visitId);
  });
});
