// The guard's grants and restrictions, on a probe table shaped like a case: range, a grant to a
// user outside the range, a grant to a unit (seen by users whose range covers it), and a
// restricted record seen only by its named participants, even inside the range.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { newId } from '../src/server/platform/ids';
import { inScope, pathInScope, visibleTo, type Scope } from '../src/server/platform/jurisdiction';
import { createTestApp, type TestApp } from './helpers/app';
import { dbKinds } from './helpers/db';

describe.each(dbKinds)('jurisdiction guard on %s', (kind) => {
  let t: TestApp;
  let db: SystemDb;
  let unit: (code: string) => Promise<{ id: string; path: string }>;
  const scopeAt = async (code: string, userId = 'u-' + code): Promise<Scope> => {
    const u = await unit(code);
    return { userId, orgUnitId: u.id, path: u.path };
  };
  const guard = { recordType: 'probe', idColumn: 'probe.id', pathColumn: 'probe.org_path', restrictedColumn: 'probe.restricted' };
  const visible = async (scope: Scope) =>
    (
      await db
        .selectFrom(sql`probe`.as('probe') as never)
        .select(sql<string>`probe.id`.as('id'))
        .where(visibleTo(scope, guard))
        .orderBy(sql`probe.id`)
        .execute()
    ).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    t = await createTestApp(kind);
    db = systemDb(t.db.handle.db);
    unit = async (code) => db.selectFrom('org_units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
    await sql`create table probe (id text primary key, org_path text not null, restricted integer not null)`.execute(db);
    const v1 = await unit('330523105003');
    const t2 = await unit('330523104');
    const rows = [
      ['a-open-village', v1.path, 0],
      ['b-restricted-village', v1.path, 1],
      ['c-open-other-township', t2.path, 0],
    ] as const;
    for (const [id, p, r] of rows) await sql`insert into probe values (${id}, ${p}, ${r})`.execute(db);
    const grant = (recordId: string, g: { user?: string; unit?: { id: string; path: string } }) =>
      db
        .insertInto('access_grants')
        .values({
          id: newId(),
          record_type: 'probe',
          record_id: recordId,
          grantee_user_id: g.user ?? null,
          grantee_org_unit_id: g.unit?.id ?? null,
          grantee_path: g.unit?.path ?? null,
          created_at: new Date().toISOString(),
        })
        .execute();
    // the other township's record is shared with one village of 孝丰镇 (a transfer's receiver)
    await grant('c-open-other-township', { unit: v1 });
    // the restricted record names one user of the county as a participant
    await grant('b-restricted-village', { user: 'handler-1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a range is the unit and everything below it, and nothing beside it', async () => {
    const town = await scopeAt('330523105');
    expect(pathInScope(town, (await unit('330523105003')).path)).toBe(true);
    expect(pathInScope(town, (await unit('330523104')).path)).toBe(false);
    const n = await db.selectFrom('org_units').select('id').where(inScope(town, 'path')).execute();
    expect(n.length).toBe(1 + 21 + 21 * 3); // the township, its villages, their grids
  });

  it('shows open records in range and records granted to a unit in range', async () => {
    expect(await visible(await scopeAt('330523105003'))).toEqual(['a-open-village', 'c-open-other-township']);
    // the township covers the granted village, so it sees the shared record too
    expect(await visible(await scopeAt('330523105'))).toEqual(['a-open-village', 'c-open-other-township']);
    // the owner township of the shared record sees it by range
    expect(await visible(await scopeAt('330523104'))).toEqual(['c-open-other-township']);
    // a sibling village sees nothing
    expect(await visible(await scopeAt('330523105004'))).toEqual([]);
  });

  it('shows a restricted record only to its named participants, even inside the range', async () => {
    const county = await scopeAt('330523');
    expect(await visible(county)).not.toContain('b-restricted-village');
    expect(await visible({ ...county, userId: 'handler-1' })).toContain('b-restricted-village');
    // a named participant outside the range sees it too
    expect(await visible({ ...(await scopeAt('330523104')), userId: 'handler-1' })).toContain('b-restricted-village');
  });

  if (kind === 'postgres')
    it('compares paths in byte order on PostgreSQL (COLLATE "C")', async () => {
    const rows = await sql<{ table_name: string; column_name: string; collation_name: string | null }>`
      select table_name, column_name, collation_name from information_schema.columns
      where column_name in ('path', 'org_path', 'grantee_path') and table_schema = current_schema()
        and table_name <> 'probe' order by table_name, column_name`.execute(db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows.rows) expect(r.collation_name, `${r.table_name}.${r.column_name}`).toBe('C');
  });
});
