// Roll-ups equal a direct count after inserts, edits, approvals, deaths, transfers, merges of
// records and moves and merges of units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../src/server/db/system';
import { directRollupsUnscoped } from '../src/server/modules/recipients';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from './helpers/app';
import { createTestDb, dbKinds, type TestDb } from './helpers/db';
import pg from 'pg';
import { seedDemo, seedDemoRecipients } from '../src/server/cli/demo';
import { addToRollups, pathUnits, RollupDelta, rollupStatementShapes, rollupsOf, type Bucket } from '../src/server/platform/rollups.repo';

describe.each(dbKinds)('roll-ups on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let village: Agent;
  let county: Agent;
  const sys = () => systemDb(t.db.handle.db);
  const unit = async (code: string) => sys().selectFrom('org_units').select(['id', 'path', 'parent_id']).where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();

  async function drift(): Promise<string[]> {
    const direct = await directRollupsUnscoped(sys());
    const stored = await sys().selectFrom('rollups').selectAll().where('n', '<>', 0).execute();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of stored) {
      const key = `${r.unit_id}|${r.metric}|${r.bucket}`;
      seen.add(key);
      if ((direct.get(key) ?? 0) !== Number(r.n)) problems.push(`${key}: stored ${r.n}, direct ${direct.get(key) ?? 0}`);
    }
    for (const [key, n] of direct) if (!seen.has(key)) problems.push(`${key}: missing, direct ${n}`);
    return problems;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoRecipients(sys(), { count: 300, crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
    admin = await t.login('admin');
    village = await t.login('village');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('match a direct count after seeding', async () => {
    expect(await drift()).toEqual([]);
    const county = await unit('330523');
    const total = await sys().selectFrom('rollups').select('n').where('unit_id', '=', county.id).where('metric', '=', 'total').executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(300);
  });

  it('give an unfiltered list its total, equal to a filtered count of the same range', async () => {
    const whole = json<{ total: number }>(await county.get('/api/recipients?pageSize=1'));
    const counted = json<{ total: number }>(await county.get('/api/recipients?pageSize=1&deceased=false'));
    const dead = json<{ total: number }>(await county.get('/api/recipients?pageSize=1&deceased=true'));
    expect(whole.total).toBe(300);
    expect(counted.total + dead.total).toBe(whole.total);
    // the page carries the total on PostgreSQL; a page past the end has no row to carry it
    const page = json<{ total: number; items: { id: string }[] }>(await county.get('/api/recipients?pageSize=20&page=2'));
    expect([page.total, page.items.length]).toEqual([300, 20]);
    // the offset is part of the page's statement: page 2 is the second twenty of the same order
    const forty = json<{ items: { id: string }[] }>(await county.get('/api/recipients?pageSize=40&page=1'));
    expect(page.items.map((r) => r.id)).toEqual(forty.items.slice(20).map((r) => r.id));
    const past = json<{ total: number; items: unknown[] }>(await county.get('/api/recipients?pageSize=20&page=99'));
    expect([past.total, past.items.length]).toEqual([300, 0]);
  });

  it('follow registration, approval, edits and a death', async () => {
    const first17 = '33052319580101003';
    const res = await village.post('/api/recipients', {
      kind: 'veteran',
      orgUnitId: village.me!.orgUnit.id,
      name: '计数甲',
      idNumber: first17 + idCheckCharacter(first17),
      recipientGroup: 'disabledVeteran',
      careCategories: ['disabledVeteran', 'warVeteran'],
      disabilityGrade: 4,
      disabilityCause: 'war',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json<{ id: string; version: number }>(res);
    await village.post(`/api/recipients/${r.id}/submit`, { version: r.version });
    const c = json<{ items: { id: string; version: number }[] }>(await county.get(`/api/cases?subjectId=${r.id}`)).items[0];
    expect((await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version })).statusCode).toBe(200);
    const d = json<{ version: number }>(await village.get(`/api/recipients/${r.id}`));
    expect((await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: d.version })).statusCode).toBe(200);
    expect(await drift()).toEqual([]);
  });

  it('are written in key order only: rows out of order are refused and add nothing', async () => {
    const units = [(await unit('330523')).id, (await unit('330523105')).id].sort();
    const row = (unit_id: string, bucket: string) => ({ unit_id, metric: 'test-order', bucket, n: 1 });
    const stored = async () => (await rollupsOf(sys(), units, ['test-order'])).map((r) => `${r.unit_id}|${r.bucket}|${r.n}`).sort();
    const write = (rows: ReturnType<typeof row>[]) => t.db.handle.db.transaction().execute((trx) => addToRollups(trx, rows));
    // a later unit before an earlier one; a bucket out of order; a key twice
    await expect(write([row(units[1], 'a'), row(units[0], 'a')])).rejects.toThrow(/key order/);
    await expect(write([row(units[0], 'b'), row(units[0], 'a')])).rejects.toThrow(/key order/);
    await expect(write([row(units[0], 'a'), row(units[0], 'a')])).rejects.toThrow(/key order/);
    expect(await stored()).toEqual([]);
    await write([row(units[0], 'a'), row(units[0], 'b'), row(units[1], 'a')]);
    await write([row(units[0], 'a')]);
    expect(await stored()).toEqual([`${units[0]}|a|2`, `${units[0]}|b|1`, `${units[1]}|a|1`].sort());
    await t.db.handle.db.deleteFrom('rollups').where('metric', '=', 'test-order').execute();
  });

  it('are written through at most nine compiled statements, whatever the sizes of the writes', async () => {
    const u = (await unit('330523')).id;
    // writes of 1 to 300 rows, and one of 1,000: each in statements of 256, 128, …, 1 rows
    for (const size of [...Array.from({ length: 300 }, (_, i) => i + 1), 1000]) {
      const rows = Array.from({ length: size }, (_, i) => ({ unit_id: u, metric: 'test-shapes', bucket: String(i).padStart(4, '0'), n: 1 }));
      await t.db.handle.db.transaction().execute((trx) => addToRollups(trx, rows));
    }
    expect(rollupStatementShapes(t.db.handle.db)).toBeLessThanOrEqual(9);
    const stored = await rollupsOf(sys(), [u], ['test-shapes']);
    // bucket 0000 is in all 301 writes, bucket 0999 in the last one only
    expect(Number(stored.find((r) => r.bucket === '0000')?.n)).toBe(301);
    expect(Number(stored.find((r) => r.bucket === '0999')?.n)).toBe(1);
    expect(stored.length).toBe(1000);
    await t.db.handle.db.deleteFrom('rollups').where('metric', '=', 'test-shapes').execute();
  });

  it('follow a village moved to another township and a township merged into another', async () => {
    const from = await unit('330523105');
    const villages = await sys().selectFrom('org_units').select(['id']).where('parent_id', '=', from.id).orderBy('code').execute();
    const target = await unit('330523104');
    const mv = await admin.post(`/api/org-units/${villages[5].id}/move`, { newParentId: target.id });
    expect(mv.statusCode, mv.body).toBe(200);
    expect(await drift()).toEqual([]);
    const other = await unit('330523106');
    const merge = await admin.post(`/api/org-units/${other.id}/merge`, { targetId: target.id });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await drift()).toEqual([]);
  });
});

// Two writers moving records between the same two buckets in opposite directions (A→B and B→A, on
// the same units) must both commit: the hot rows are taken in one key order. The interleaving is
// made certain with a third connection holding one row: the first writer takes its first row and
// waits there, the second takes what it can and waits for the first, then the third lets go.
describe.runIf(!!process.env.TEST_DATABASE_URL)('roll-up writers on postgres', () => {
  let db: TestDb;
  let blocker: pg.Client;
  // pg_stat_activity is read outside any transaction (inside one it is a snapshot)
  let monitor: pg.Client;
  beforeAll(async () => {
    db = await createTestDb('postgres');
    await seedDemo(systemDb(db.handle.db), { password: 'Demo@Pass2026', at: '2026-06-15T02:00:00.000Z' });
    blocker = new pg.Client({ connectionString: db.handle.postgresUrl });
    await blocker.connect();
    monitor = new pg.Client({ connectionString: db.handle.postgresUrl });
    await monitor.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await monitor?.end();
    await db?.drop();
  });

  async function waiting(): Promise<number> {
    const r = await monitor.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    return (r.rows[0] as { n: number }).n;
  }
  async function until(n: number): Promise<void> {
    for (let i = 0; i < 2000 && (await waiting()) < n; i++) await new Promise((r) => setImmediate(r));
    expect(await waiting()).toBeGreaterThanOrEqual(n);
  }

  it('move statuses in opposite directions at once without a deadlock', async () => {
    const sys = systemDb(db.handle.db);
    const village = await sys.selectFrom('org_units').select('path').where('level', '=', 'village').orderBy('code').executeTakeFirstOrThrow();
    const units = pathUnits(village.path);
    expect(units.length).toBeGreaterThanOrEqual(3);
    const A = { metric: 'status', bucket: 'pending' };
    const B = { metric: 'status', bucket: 'registered' };
    // ten of each in every unit of the path
    await db.handle.db.transaction().execute((trx) => new RollupDelta().addRows(units, [{ ...A, n: 10 }, { ...B, n: 10 }], 1).apply(trx));
    const move = (from: Bucket, to: Bucket) => db.handle.db.transaction().execute((trx) => new RollupDelta().add(village.path, [from], -1).add(village.path, [to], 1).apply(trx)).then(
        () => 'ok',
        (e: Error) => e.message,
      );

    await blocker.query('begin');
    // the row of the second unit of the path, bucket A
    await blocker.query(`update rollups set n = n where unit_id = $1 and metric = $2 and bucket = $3`, [units[1], A.metric, A.bucket]);
    const first = move(A, B);
    await until(1);
    const second = move(B, A);
    await until(2);
    await blocker.query('commit');
    // before: "deadlock detected" for one of them
    expect(await Promise.all([first, second])).toEqual(['ok', 'ok']);
    const rows = await rollupsOf(sys, units, ['status']);
    for (const u of units) {
      expect(Number(rows.find((r) => r.unit_id === u && r.bucket === A.bucket)?.n)).toBe(10);
      expect(Number(rows.find((r) => r.unit_id === u && r.bucket === B.bucket)?.n)).toBe(10);
    }
  });
});
