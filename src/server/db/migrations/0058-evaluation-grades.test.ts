// Migration 0058 on every database: evaluations scored before it get the grade 等次 of their total
// under the default bands (their rounds had no other), those not scored none; sets and rounds stored
// before it have no bands of their own (null: read as the default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';
import { systemDb } from '../system';
import type { OrgUnitTable } from '../types';

const T0 = '2026-05-01T02:00:00.000Z';

describe.each(dbKinds)('migration 0058 (evaluation grades) on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0058' });
    const sys = systemDb(db.handle.db);
    const unit = (id: string, path: string, level: string) => ({ id, parent_id: null, level, code: id, name: id, path, depth: 0, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0 }) as OrgUnitTable;
    await sys.insertInto('org_units').values([unit('c1', '/c1/', 'county'), unit('v1', '/c1/v1/', 'village')]).execute();
    await sys
      .insertInto('evaluation_rounds')
      .values({ id: 'r1', org_unit_id: 'c1', org_path: '/c1/', set_id: 'default-routine-village', set_name: '默认', set_kind: 'routine', level: 'village', indicators: '[]', title: '考评', period: '2026', period_from: '2026-01-01', period_to: '2026-12-31', self_due_day: '2026-06-30', scorer_mode: 'upper', scorer_ids: '[]', created_by: 'u', created_at: T0 } as never)
      .execute();
    const evaluation = (id: string, total10: number | null, status: string) => ({ id, round_id: 'r1', org_unit_id: 'v1', org_path: '/c1/v1/', status, due_day: null, self_total10: null, total10, published_at: status === 'published' ? T0 : null, version: 1, created_at: T0, updated_at: T0 });
    await sys
      .insertInto('evaluations')
      .values([evaluation('e900', 900, 'published'), evaluation('e899', 899, 'published'), evaluation('e800', 800, 'scored'), evaluation('e600', 600, 'published'), evaluation('e599', 599, 'published'), evaluation('enull', null, 'selfAssessing')] as never)
      .execute();
    await migrateToLatest(db.handle);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('grades the totals scored before it by the default bands, and leaves the unscored without a grade', async () => {
    const rows = await systemDb(db.handle.db).selectFrom('evaluations').select(['id', 'grade']).orderBy('id').execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.grade]))).toEqual({ e599: '不合格', e600: '合格', e800: '良好', e899: '良好', e900: '优秀', enull: null });
    const round = await systemDb(db.handle.db).selectFrom('evaluation_rounds').select('grades').executeTakeFirstOrThrow();
    expect(round.grades).toBe(null);
  });
});
