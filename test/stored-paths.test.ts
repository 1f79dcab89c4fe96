// The stored-path chokepoint (platform/stored-unit.repo.ts) under load: a village is moved back and
// forth between two townships while records of every scoped kind are created under it through the
// API, and afterwards no row anywhere keeps a path that differs from its unit's current path.
//
// PostgreSQL only: SQLite serialises transactions on its one connection (BEGIN IMMEDIATE), so a
// move can never interleave with a write there. The county admin's range holds one county, and a
// township can only move under another county, so the moved unit is a village: the same path
// rewrite (rewritePaths over every scoped table) as for a township.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from './helpers/db';
import { createTestApp, type Agent, type TestApp } from './helpers/app';
import { systemDb, type SystemDb } from '../src/server/db/system';
import { listScopedTables } from '../src/server/platform/jurisdiction';
import { MANY_LOGINS, demoUnits, makeId, registerApproved, simpleForm, type Units } from '../src/server/modules/recipients/recipients-test-support';
import { petitionBody } from '../src/server/modules/petitions/petitions-test-support';

const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Rows of every scoped table whose copied path differs from the current path of the unit they name. */
async function stalePaths(sys: SystemDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of listScopedTables()) {
    const unitColumn = t.unitColumn ?? (t.table === 'dispute_submissions' ? 'org_unit_id' : null);
    let n: number;
    if (unitColumn) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.table)} x join org_units u on u.id = x.${sql.ref(unitColumn)}
        where x.${sql.ref(t.pathColumn)} <> u.path`.execute(sys);
      n = Number(r.rows[0].n);
    } else {
      // name tokens follow their recipient, keyed by the key path of its unit (0060)
      const r = await sql<{ n: number }>`select count(*) as n from recipient_name_tokens x join recipients r on r.id = x.recipient_id
        join org_units u on u.id = r.org_unit_id where x.unit_key <> u.key_path or u.path <> r.org_path`.execute(sys);
      n = Number(r.rows[0].n);
    }
    if (n) out[`${t.table}.${t.pathColumn}`] = n;
  }
  return out;
}

// on SQLite transactions run one at a time (BEGIN IMMEDIATE on one connection), so a move cannot
// interleave with a write there; the same check runs on both databases all the same
describe.each(dbKinds)('stored paths under a concurrent unit move on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let admin: Agent;
  let village: Agent;
  let county: Agent;
  let hanggaiId: string;
  let seq = 500;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    admin = await t.login('admin');
    village = await t.login('village');
    county = await t.login('county');
    hanggaiId = (await sys.selectFrom('org_units').select('id').where('code', '=', '330523104').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('leaves no row of any scoped table on the old path', async () => {
    // people to visit and document (registered before the race)
    const people: { id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      seq += 2;
      people.push(await registerApproved(village, county, simpleForm(units.village1.id, `迁移测试${i}`, makeId('1970-01-01', seq))));
    }
    /** failures by route; a write that races the move may be refused (404: the caller's range, read at
     * the start of the request, no longer holds the unit), never fail (5xx) */
    const failed: string[] = [];
    const succeeded = new Set<string>();
    const post = async (a: Agent, url: string, body: Record<string, unknown>) => {
      const res = await a.post(url, body);
      const route = url.replace(/\/[0-9a-z]{20}\//, '/:id/');
      if (res.statusCode < 300) succeeded.add(route);
      else if (res.statusCode >= 500) failed.push(`${url} ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    };
    let key = 0;
    const round = (i: number) => [
      post(village, '/api/recipients', { ...simpleForm(units.village1.id, `并发登记${i}`, makeId('1972-02-02', (seq += 2))), household: { mode: 'new', address: `横溪坞村${i}号` } }),
      post(village, `/api/recipients/${people[i % people.length].id}/documents`, { kind: 'other', name: `材料${i}.png`, mime: 'image/png', dataBase64: TINY_PNG }),
      post(village, '/api/visits', {
        clientKey: `race-${kind}-${++key}-abcdef`,
        recipientId: people[i % people.length].id,
        visitedOn: '2026-06-15',
        visitType: 'home',
        visitors: '刘秀英',
        photos: [{ name: '照片.png', mime: 'image/png', dataBase64: TINY_PNG }],
        followUps: [{ need: '联系就业培训', dueDay: '2026-06-30' }],
      }),
      post(village, '/api/visit-triggers', { recipientId: people[i % people.length].id, kind: 'meritAward', eventDay: '2026-06-10', note: `立功${i}` }),
      post(village, '/api/disputes', {
        orgUnitId: units.village1.id,
        foundOn: '2026-06-10',
        method: 'homeVisit',
        parties: [{ name: '王大山' }, { name: '李小河' }],
        summary: `宅基地边界争执${i}`,
        riskLevel: 'medium',
        responsibleUserId: village.me!.id,
        deadline: '2026-06-30',
        plan: '村调委会牵头调解',
      }),
      post(village, '/api/opinion-reports', { foundAt: '2026-06-15T01:30:00.000Z', source: '抖音', summary: `网传优待金未发放${i}`, people: '王大山', level: 'major', link: 'https://example.com/v/1' }),
      post(village, '/api/petitions', petitionBody(units.village1.id, village.me!.id, { petitionerName: `信访人${i}` })),
      // legal aid 法律援助 (issue 14): an application and a directory entry of the moving village
      post(village, '/api/legal-aid', { recipientId: people[i % people.length].id, orgUnitId: units.village1.id, appliedOn: '2026-06-10', matterKind: 'labor', matter: `讨薪${i}`, claims: '支付工资', priorSteps: false, route: 'mediation' }),
      post(village, '/api/legal-aid/partners', { orgUnitId: units.village1.id, name: `村调解室${i}`, kind: 'judicial' }),
      // care records 关爱服务记录 (issue 14): a record with a person of the moving village
      post(village, '/api/care-records', { orgUnitId: units.village1.id, kind: 'counselling', day: '2026-06-10', title: `疏导${i}`, details: '谈话记录', headcount: 1, people: [{ recipientId: people[i % people.length].id, note: '' }] }),
      post(admin, '/api/staff', { username: `race-${i}`, displayName: `并发${i}`, orgUnitId: units.village1.id, roles: ['worker'] }),
    ];
    const moves = async () => {
      for (const p of [hanggaiId, units.township.id]) {
        const res = await admin.post(`/api/org-units/${units.village1.id}/move`, { newParentId: p });
        expect(res.statusCode, res.body).toBe(200);
      }
    };
    const rounds = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) await Promise.all(round(i));
    };
    // two streams of writers, the moves in the middle of them
    await Promise.all([rounds(0, 4), (async () => (await rounds(10, 1), await moves()))(), rounds(20, 4)]);
    expect(failed).toEqual([]);
    // each kind was written at least once (a kind refused every time would prove nothing)
    expect([...succeeded].sort()).toEqual(
      ['/api/care-records', '/api/disputes', '/api/legal-aid', '/api/legal-aid/partners', '/api/opinion-reports', '/api/petitions', '/api/recipients', '/api/recipients/:id/documents', '/api/staff', '/api/visit-triggers', '/api/visits'].sort(),
    );
    expect(await stalePaths(sys)).toEqual({});
    // and the check itself sees a stale row (a positive control)
    await sys.updateTable('disputes').set({ org_path: units.township.path }).where('org_unit_id', '=', units.village1.id).execute();
    expect(Object.keys(await stalePaths(sys))).toContain('disputes.org_path');
  }, 300_000);
});
