// Prepared queries (db/prepared.ts) answer exactly what the same builder answers when it is built
// and compiled anew, for every shape and for new values of a shape already compiled; a builder
// that computes with a value other than by concatenation is refused, not run with a wrong value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemDb } from '../src/server/db/system';
import { MAX_SHAPES, prepared } from '../src/server/db/prepared';
import type { Db } from '../src/server/db/client';
import { seedDemoRecipients } from '../src/server/cli/demo';
import { createTestApp, type TestApp } from './helpers/app';
import { dbKinds } from './helpers/db';

type P = { path: string; status?: string; careBit?: number; grade?: number; ids?: string[]; deceased?: boolean; limit: number; offset: number };
type Sort = 'name' | 'birth';

function build(db: Db, p: P, sort: Sort) {
  let q = db
    .selectFrom('recipients')
    .select(['id', 'name', 'birth_date', 'status'])
    .where('org_path', '>=', p.path)
    .where('org_path', '<', p.path + '~');
  if (p.status) q = q.where('status', '=', p.status);
  if (p.careBit !== undefined) q = q.where(sql<boolean>`(care_mask & ${p.careBit}) <> 0`);
  if (p.grade) q = q.where('disability_grade', '=', p.grade);
  if (p.ids) q = q.where('id', 'in', p.ids.length ? p.ids : ['-']);
  if (p.deceased !== undefined) q = q.where('deceased', '=', p.deceased ? 1 : 0);
  return q
    .orderBy(sort === 'name' ? 'name' : 'birth_date')
    .orderBy('id')
    .limit(p.limit)
    .offset(p.offset);
}

describe.each(dbKinds)('prepared queries on %s', (kind) => {
  let t: TestApp;
  const db = () => systemDb(t.db.handle.db) as unknown as Db;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoRecipients(systemDb(t.db.handle.db), { count: 320, crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answer as the builder does, for every shape and for new values of a compiled shape', async () => {
    const units = await db().selectFrom('org_units').select('path').where('level', 'in', ['county', 'township', 'village']).limit(12).execute();
    const some = await db().selectFrom('recipients').select('id').orderBy('id').limit(30).execute();
    const list = prepared(build);
    const cases: [P, Sort][] = [];
    for (const [i, u] of units.entries()) {
      cases.push([{ path: u.path, limit: 20, offset: 0 }, 'name']);
      cases.push([{ path: u.path, limit: 5, offset: 5 }, 'birth']);
      cases.push([{ path: u.path, status: 'registered', limit: 10, offset: i }, 'name']);
      cases.push([{ path: u.path, status: '', careBit: 0, grade: 0, limit: 10, offset: 0 }, 'birth']); // falsy values choose the shape
      cases.push([{ path: u.path, careBit: 1 << (i % 4), grade: (i % 3) + 1, deceased: i % 2 === 0, limit: 50, offset: 0 }, 'name']);
      cases.push([{ path: u.path, ids: some.slice(i, i + 1 + (i % 5)).map((r) => r.id), limit: 50, offset: 0 }, 'birth']);
      cases.push([{ path: u.path, ids: [], limit: 50, offset: 0 }, 'name']);
      // an empty string (a shape, not bound) among the values, at another place in a list of the
      // same length: a shape of its own each (runs of one shape are keyed by their length)
      const three = some.slice(i, i + 3).map((r) => r.id);
      cases.push([{ path: u.path, ids: [three[0], '', three[1], three[2]], limit: 50, offset: 0 }, 'name']);
      cases.push([{ path: u.path, ids: [three[0], three[1], '', three[2]], limit: 50, offset: 0 }, 'name']);
    }
    let nonEmpty = 0;
    for (const [p, sort] of cases) {
      const plain = await build(db(), p, sort).execute();
      const ours = await list.all(db(), p, sort);
      expect(ours).toEqual(plain);
      if (plain.length) nonEmpty += 1;
      expect(await list.first(db(), p, sort)).toEqual(plain[0]);
    }
    expect(nonEmpty).toBeGreaterThan(cases.length / 3);
  });

  it('key lists of objects by the shape of each: a falsy value in one row is a shape of its own', async () => {
    const some = (await db().selectFrom('recipients').select(['id', 'name']).orderBy('id').limit(4).execute()).map((r) => r.id);
    type Row = { id: string; byName: string };
    // a row with byName '' is matched by its id, another by name (never equal to an id): rows of
    // the same length and values differ only in which row is which shape
    const build2 = (d: Db, p: { rows: Row[] }) => d.selectFrom('recipients').select('id').where((eb) => eb.or(p.rows.map((r) => (r.byName ? eb('name', '=', r.id) : eb('id', '=', r.id))))).orderBy('id');
    const list = prepared(build2);
    const shapes: Row[][] = [
      some.map((id) => ({ id, byName: '' })),
      some.map((id, i) => ({ id, byName: i === 1 ? 'x' : '' })),
      some.map((id, i) => ({ id, byName: i === 2 ? 'x' : '' })),
      // the same keys in another order: the same shape
      some.map((id) => ({ byName: '', id })),
    ];
    for (const p of shapes) {
      const plain = await build2(db(), { rows: p }).execute();
      expect(await list.all(db(), { rows: p })).toEqual(plain);
    }
    expect((await list.all(db(), { rows: shapes[0] })).length).toBe(4);
    expect((await list.all(db(), { rows: shapes[1] })).length).toBe(3);
  });

  it('answer correctly past the number of shapes it keeps (compiled per call then)', async () => {
    const some = await db().selectFrom('recipients').select('id').orderBy('id').limit(300).execute();
    const byIds = prepared((d, p: { ids: string[] }) => d.selectFrom('recipients').select('id').where('id', 'in', p.ids).orderBy('id'));
    // an `in` list of each length is a shape: 300 lengths pass the 256 kept
    for (let n = 1; n <= some.length; n += 1) {
      const ids = some.slice(0, n).map((r) => r.id);
      const rows = await byIds.all(db(), { ids });
      expect(rows.length).toBe(n);
    }
    expect((await byIds.all(db(), { ids: [some[299].id] }))[0].id).toBe(some[299].id);
    expect(byIds.shapesKept(db())).toBe(MAX_SHAPES);
  });

  it('run inside a transaction as on the database', async () => {
    const byId = prepared((d, p: { id: string }) => d.selectFrom('recipients').select(['id', 'name']).where('id', '=', p.id));
    const r = await db().selectFrom('recipients').select(['id', 'name']).limit(1).executeTakeFirstOrThrow();
    expect(await byId.first(db(), { id: r.id })).toEqual(r);
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('recipients').set({ name: '改名测试' }).where('id', '=', r.id).execute();
        expect(await byId.first(trx as unknown as Db, { id: r.id })).toEqual({ id: r.id, name: '改名测试' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await byId.first(db(), { id: r.id })).toEqual(r);
  });

  it.runIf(kind === 'postgres')('run as named statements on PostgreSQL, parsed once per connection', async () => {
    const byName = prepared((d, p: { name: string }) => d.selectFrom('recipients').select(['id']).where('name', '=', p.name).limit(1));
    await db()
      .transaction()
      .execute(async (trx) => {
        await byName.all(trx as unknown as Db, { name: '张三' });
        await byName.all(trx as unknown as Db, { name: '李四' });
        const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
        const ours = rows.filter((r) => r.name.startsWith('rj_prepared_') && r.statement.includes('"name" = $1'));
        expect(ours).toHaveLength(1);
      });
  });

  it.runIf(kind === 'postgres')('declared planOnce, are planned once for all values on PostgreSQL when run on their own; everything else is planned with its values', async () => {
    const build = (d: Db, p: { id: string }) => d.selectFrom('recipients').select(sql<string>`current_setting('plan_cache_mode')`.as('mode')).where('id', '<>', p.id).limit(1);
    const once = prepared(build, { planOnce: true });
    const perCall = prepared((d, p: { id: string }) => build(d, p).where('recipients.name', '<>', ''));
    const byShape = prepared((d, p: { id: string; name?: string }) => (p.name ? build(d, p).where('recipients.name', '<>', p.name) : build(d, p)), { planOnce: (p) => !p.name });
    const plain = async (d: Db) => (await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(d)).rows[0].mode;
    expect((await once.first(db(), { id: 'x' }))?.mode).toBe('force_generic_plan');
    expect((await perCall.first(db(), { id: 'x' }))?.mode).toBe('auto');
    expect((await byShape.first(db(), { id: 'x' }))?.mode).toBe('force_generic_plan');
    expect((await byShape.first(db(), { id: 'x', name: '某' }))?.mode).toBe('auto');
    expect(await plain(db())).toBe('auto');
    // in a transaction (and on a pinned connection) the first statement takes the connection: a
    // write's reads are planned with their values, prepared or not
    await db()
      .transaction()
      .execute(async (trx) => {
        expect((await once.first(trx as unknown as Db, { id: 'x' }))?.mode).toBe('auto');
      });
    await db()
      .connection()
      .execute(async (conn) => {
        expect(await plain(conn)).toBe('auto');
        expect((await once.first(conn, { id: 'x' }))?.mode).toBe('auto');
      });
  });

  it.runIf(kind === 'postgres')('a connection lost inside a transaction fails its statement, does not end the process, and is dropped: later statements run on new ones', async () => {
    const pid = async (d: Db) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(d)).rows[0].pid;
    let lost = 0;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          lost = await pid(trx as unknown as Db);
          // another session ends this one: the next statement fails, and so does the rollback
          await db().connection().execute(async (conn) => sql`select pg_terminate_backend(${lost})`.execute(conn));
          await sql`select 1`.execute(trx);
        }),
    ).rejects.toThrow();
    // every later statement, whichever pool it takes, answers (none gets the discarded connection)
    for (let i = 0; i < 12; i++) {
      expect(await pid(db())).not.toBe(lost);
      expect(await db().selectFrom('recipients').select('id').limit(1).execute()).toHaveLength(1);
    }
  });

  it.runIf(kind === 'postgres')('start no parallel workers on PostgreSQL (a request-sized query pays more to start them than it saves)', async () => {
    const { rows } = await sql<{ max_parallel_workers_per_gather: string }>`show max_parallel_workers_per_gather`.execute(db());
    expect(rows[0].max_parallel_workers_per_gather).toBe('0');
  });

  it('refuse a builder that computes with a value, and one that writes a value into the SQL text', async () => {
    const arithmetic = prepared((d, p: { page: number; size: number }) => d.selectFrom('recipients').select('id').limit(p.size).offset((p.page - 1) * p.size));
    await expect(arithmetic.all(db(), { page: 2, size: 10 })).rejects.toThrow(/NaN/);
    const sliced = prepared((d, p: { path: string }) => d.selectFrom('recipients').select('id').where('org_path', '=', p.path.slice(1)));
    await expect(sliced.all(db(), { path: '/abc/' })).rejects.toThrow(/concatenation/);
    const inText = prepared((d, p: { column: string }) => d.selectFrom('recipients').select(sql.ref(p.column).as('x')));
    await expect(inText.all(db(), { column: 'name' })).rejects.toThrow(/SQL text/);
  });
});
