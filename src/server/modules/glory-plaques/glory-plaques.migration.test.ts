// Migration 0014 on every database: plaques stored in the old shape (a status column set by hand
// and a JSON history) arrive as cases of the kernel with every history entry in the case log —
// count, times, actors, words — and the status, open flag, times and version of the plaque.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../../db/migrate';
import { plaquePayload } from './glory-plaques.cases';

const T0 = '2026-05-01T02:00:00.000Z';
const ev = (action: string, at: string, actorName: string, day: string | null, detail: string) => ({ action, at, actorName, day, detail });

const oldPlaques = [
  {
    id: 'p-waiting',
    household: 'h1',
    status: 'waiting',
    history: [ev('register', '2026-05-02T01:00:00.000Z', '村干部甲', '2026-05-01', '本人申请；依据：军属；申请人：本人')],
    version: 1,
    updated: '2026-05-02T01:00:00.000Z',
  },
  {
    id: 'p-revoked',
    household: 'h2',
    status: 'revoked',
    history: [
      ev('register', '2026-05-03T01:00:00.000Z', '村干部甲', null, '持证（无需申请）；依据：烈属'),
      ev('hang', '2026-05-04T01:00:00.000Z', '县局 李红梅', '2026-05-04', '悬挂人：县人武部 王强；附照片'),
      ev('replace', '2026-05-05T01:00:00.000Z', '村干部乙', '2026-05-05', '原因：搬迁'),
      ev('replace', '2026-05-06T01:00:00.000Z', '县局 李红梅', '2026-05-06', '原因：其他（台风吹落）'),
      ev('revoke', '2026-05-07T01:00:00.000Z', '县局 张主任', '2026-05-07', '原因：受到刑事处罚（判处有期徒刑）'),
    ],
    version: 5,
    updated: '2026-05-07T01:00:00.000Z',
  },
  {
    id: 'p-hung-nohistory',
    household: 'h3',
    status: 'hung',
    history: [],
    version: 2,
    updated: '2026-05-08T01:00:00.000Z',
  },
];

describe.each(dbKinds)('migration 0014 (plaques onto the kernel) on %s', (kind) => {
  let tdb: TestDb | undefined;
  afterEach(async () => {
    await tdb?.drop();
  });

  it('moves every plaque and every history entry onto the kernel', async () => {
    tdb = await createTestDb(kind, { migrate: false });
    const db = tdb.handle.db;
    await migrateToLatest(tdb.handle, { before: '0014-plaque-cases' });
    await sql`insert into org_units (id, parent_id, level, code, name, path, depth, created_at, updated_at) values ('u1', null, 'county', '1', '某县', '/u1/', 0, ${T0}, ${T0})`.execute(db);
    await sql`insert into org_units (id, parent_id, level, code, name, path, depth, created_at, updated_at) values ('u2', 'u1', 'village', '2', '某村', '/u1/u2/', 1, ${T0}, ${T0})`.execute(db);
    for (const h of ['h1', 'h2', 'h3']) {
      await sql`insert into households (id, org_unit_id, org_path, address, created_at, updated_at) values (${h}, 'u2', '/u1/u2/', ${`${h}号`}, ${T0}, ${T0})`.execute(db);
    }
    for (const p of oldPlaques) {
      const revoked = p.status === 'revoked';
      await sql`insert into glory_plaques (id, org_unit_id, org_path, household_id, status, basis, grounds, applied_on, applicant, hung_on, hung_by,
          photo_file_id, replaced_on, replace_reason, replace_count, revoked_on, revoke_reason, revoke_note, note, history, version, created_by, created_at, updated_at)
        values (${p.id}, 'u2', '/u1/u2/', ${p.household}, ${p.status}, 'application', '["militaryFamily"]', '2026-05-01', '本人',
          ${p.status === 'waiting' ? null : '2026-05-04'}, ${p.status === 'waiting' ? '' : '县人武部 王强'}, null,
          ${revoked ? '2026-05-06' : null}, ${revoked ? 'other' : null}, ${revoked ? 2 : 0},
          ${revoked ? '2026-05-07' : null}, ${revoked ? 'criminal' : null}, ${revoked ? '判处有期徒刑' : ''}, '', ${JSON.stringify(p.history)}, ${p.version}, 'user-1', ${T0}, ${p.updated})`.execute(db);
    }

    await migrateToLatest(tdb.handle);

    const cases = await db.selectFrom('cases').selectAll().orderBy('id').execute();
    expect(cases.map((c) => c.id).sort()).toEqual(oldPlaques.map((p) => p.id).sort());
    for (const p of oldPlaques) {
      const c = cases.find((x) => x.id === p.id)!;
      expect(c).toMatchObject({
        case_type: 'glory-plaque',
        status: p.status,
        open: p.status === 'revoked' ? 0 : 1,
        org_unit_id: 'u2',
        org_path: '/u1/u2/',
        subject_type: 'household',
        subject_id: p.household,
        version: p.version,
        opened_at: T0,
        updated_at: p.updated,
        closed_at: p.status === 'revoked' ? '2026-05-07T01:00:00.000Z' : null,
        waiting_path: null,
        due_day: null,
      });
      // the payload is the case type's: the kernel can act on a migrated plaque
      expect(plaquePayload.safeParse(JSON.parse(c.payload)).success).toBe(true);

      const log = await db.selectFrom('case_actions').selectAll().where('case_id', '=', p.id).orderBy('seq').execute();
      // a plaque without history gets its opening entry at its creation, with its application day
      const want = p.history.length ? p.history : [ev('register', T0, '', '2026-05-01', '')];
      expect(log).toHaveLength(want.length);
      expect(log.map((l) => l.action)).toEqual(want.map((e) => e.action));
      expect(log.map((l) => l.at)).toEqual(want.map((e) => e.at));
      expect(log.map((l) => l.actor_name)).toEqual(want.map((e) => e.actorName));
      expect(log.map((l) => JSON.parse(l.data ?? 'null') as unknown)).toEqual(want.map((e) => ({ day: e.day, detail: e.detail })));
      // the states chain from the first entry to the plaque's status
      expect(log[0].from_status).toBeNull();
      for (let i = 1; i < log.length; i++) expect(log[i].from_status).toBe(log[i - 1].to_status);
      expect(log[log.length - 1].to_status).toBe(p.status);
    }
    expect((await db.selectFrom('case_actions').select('seq').where('case_id', '=', 'p-revoked').execute()).length).toBe(5);
    expect(
      (await db.selectFrom('case_actions').select(['to_status']).where('case_id', '=', 'p-revoked').orderBy('seq').execute()).map((r) => r.to_status),
    ).toEqual(['waiting', 'hung', 'replaced', 'replaced', 'revoked']);

    // the old log column is gone; the plaque rows are unchanged otherwise
    const row = (await sql<Record<string, unknown>>`select * from glory_plaques where id = 'p-revoked'`.execute(db)).rows[0];
    expect(Object.keys(row)).not.toContain('history');
    expect(row).toMatchObject({ status: 'revoked', version: 5, replace_count: 2, revoke_reason: 'criminal' });
  });
});
