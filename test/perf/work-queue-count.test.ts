// The header badge polls the work queue every minute: its number comes from one count query per
// provider (GET /api/work-queue/count), with no cap; the queue's own count is the full count too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../src/server/db/system';
import { newId } from '../../src/server/platform/ids';
import { idCheckCharacter } from '../../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { countQueries } from '../helpers/query-count';

type Queue = { items: { id: string; overdue: boolean }[]; count: number; overdue: number };

describe.each(dbKinds)('work-queue count on %s', (kind) => {
  let t: TestApp;
  let village: Agent;
  const sys = () => systemDb(t.db.handle.db);

  beforeAll(async () => {
    t = await createTestApp(kind);
    village = await t.login('village');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts more than 500 owed visits right, overdue ones apart, in a few queries', async () => {
    const before = json<Queue>(await village.get('/api/work-queue'));
    const first17 = '33052319600101004';
    const res = await village.post('/api/recipients', { kind: 'veteran', orgUnitId: village.me!.orgUnit.id, name: '待办计数', idNumber: first17 + idCheckCharacter(first17), recipientGroup: 'dischargedSoldier', careCategories: [] });
    expect(res.statusCode, res.body).toBe(200);
    const recipientId = json<{ id: string }>(res).id;
    const unit = await sys().selectFrom('org_units').select(['id', 'path']).where('id', '=', village.me!.orgUnit.id).executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    const N = 620;
    const rows = Array.from({ length: N }, (_, i) => ({
      id: newId(), recipient_id: recipientId, org_unit_id: unit.id, org_path: unit.path, owner_unit_id: unit.id, owner_path: unit.path,
      reason: 'festival', trigger_id: null, trigger_kind: null, occasion_day: '2026-06-10', window_start: '2026-06-01',
      // TEST_NOW is 2026-06-15: every third window has closed
      window_end: i % 3 === 0 ? '2026-06-10' : '2026-06-30', dedupe_key: `test:${i}:${recipientId}`, assigned_user_id: null,
      status: 'owed', visit_id: null, done_on: null, created_at: at, updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 100) await sys().insertInto('due_visits').values(rows.slice(i, i + 100)).execute();
    const overdue = rows.filter((r) => r.window_end < '2026-06-15').length;

    const { result: badge, queries } = await countQueries(t.db.handle.db, () => village.get('/api/work-queue/count'));
    expect(badge.statusCode, badge.body).toBe(200);
    expect(json<{ count: number; overdue: number }>(badge)).toEqual({ count: before.count + N, overdue: before.overdue + overdue });
    // the session, then one count per provider: no items read; the obligations provider derives what the
    // unit owes from its definitions, the calendar, its records and its dispute summaries (four small reads of
    // one unit's rows, however many items there are)
    expect(queries.length).toBeLessThanOrEqual(16);
    expect(queries.filter((q) => /from "due_visits"/.test(q) && !/count\(\*\)/.test(q))).toEqual([]);

    const queue = json<Queue>(await village.get('/api/work-queue'));
    expect(queue.count).toBe(before.count + N);
    expect(queue.overdue).toBe(before.overdue + overdue);
    // the list itself stays capped
    expect(queue.items.length).toBeLessThan(queue.count);
  });
});
