// insertDueVisitsUnscoped on every database: values travel intact whatever they hold (PostgreSQL
// sends generated values bare in array literals and quotes anything else), rows that differ in
// their shared columns go in too, and a dedupe key already owed is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import { insertDueVisitsUnscoped, type StoredDueVisit } from './visits.repo';

const T0 = '2026-05-01T02:00:00.000Z';
const odd = ['a,b', 'x"y\\z', 'NULL', 'null', '{}', ' sp ', '中文', ''];

function row(i: number, over: Partial<StoredDueVisit> = {}): StoredDueVisit {
  return {
    id: `d${i}`,
    recipient_id: odd[i % odd.length],
    org_unit_id: `u${i % 3}`,
    org_path: `/u${i % 3}/` as StoredDueVisit['org_path'],
    owner_unit_id: 'o"1',
    owner_path: '/o,1/' as StoredDueVisit['owner_path'],
    reason: 'armyDay',
    trigger_id: i % 2 ? null : `t${i}`,
    trigger_kind: i % 2 ? null : 'NULL',
    occasion_day: '2026-08-01',
    window_start: '2026-07-17',
    window_end: '2026-08-08',
    dedupe_key: `k:${odd[i % odd.length]}:${i}`,
    assigned_user_id: null,
    status: 'owed',
    visit_id: null,
    done_on: null,
    created_at: T0,
    updated_at: T0,
    ...over,
  };
}

describe.each(dbKinds)('insertDueVisitsUnscoped on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('stores odd values as they are, and skips keys already owed', async () => {
    const sys = systemDb(db.handle.db);
    const rows = odd.map((_, i) => row(i));
    expect(await insertDueVisitsUnscoped(sys, rows)).toBe(rows.length);
    // the same keys again, and rows whose shared columns differ (assigned, done)
    const more = [row(100, { assigned_user_id: 'u"x', status: 'done', done_on: '2026-08-02' }), row(101)];
    expect(await insertDueVisitsUnscoped(sys, [...rows.map((r) => ({ ...r, id: `${r.id}b` })), ...more])).toBe(2);
    const stored = await sys.selectFrom('due_visits').selectAll().orderBy('id').execute();
    const want = [...rows, ...more].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(stored.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString(), updated_at: new Date(r.updated_at).toISOString() }))).toEqual(want);
  });
});
