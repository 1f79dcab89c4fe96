// The applications list at county scale, on both databases: above LIST_WALK_AFTER matches the list
// walks its order's index with the range as a filter (SQLite), and its total comes from the
// app-status roll-ups when it filters by range, status and item only. A few applications are
// written through the API; copies in SQL with their roll-ups scaled (as bench/applications-bench.ts
// builds 100,000) take a county past the threshold. Each page must equal the rows in range read
// straight from the table in the same order, and the totals the counted rows, whichever path ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemDb } from '../../db/system';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { ApplicationDto } from '../../../shared/schemas/applications';
import type { ServiceItemDto } from '../../../shared/schemas/service-items';
import { demoUnits, makeId, MANY_LOGINS, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { APP_METRICS, LIST_WALK_AFTER } from './index';

const COPIES = 60;

describe.each(dbKinds)('the applications list past its walk threshold on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let village2: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    village2 = await t.login('village2');
    const item = ok<ServiceItemDto>(
      await county.post('/api/service-items', {
        orgUnitId: units.county.id,
        name: '县级直办事项',
        kind: 'local',
        materials: [{ name: '本人身份证件', form: 'copy', count: 1, note: '' }],
        steps: [{ level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' }],
      }),
    );
    const one = (await registerApproved(village, county, simpleForm(units.village1.id, '周立新', makeId('19700101', 1)))).id;
    const two = (await registerApproved(village2, county, simpleForm(units.village2.id, '吴海波', makeId('19700101', 2)))).id;
    // three in the first village (one sent back for a missing material), one in the second
    for (const [by, person, received] of [
      [village, one, [true]],
      [village, one, [true]],
      [village, one, [false]],
      [village2, two, [true]],
    ] as const) {
      ok<ApplicationDto>(await by.post('/api/applications', { recipientId: person, itemId: item.id, received, channel: 'inPerson' }));
    }
    const db = systemDb(t.db.handle.db);
    const cols = sql.raw('org_unit_id, org_path, recipient_id, item_id, item_name, status, step_label, due_day, runs, home_services, opened_on, closed_on, version, created_by, created_at, updated_at');
    for (let k = 1; k <= COPIES; k++) await sql`insert into applications (id, ${cols}) select id || ${`-c${k}`}, ${cols} from applications where id not like ${'%-c%'}`.execute(db);
    await db
      .updateTable('rollups')
      .set({ n: sql`n * ${COPIES + 1}` })
      .where('metric', 'in', Object.values(APP_METRICS))
      .execute();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** The ids in range straight from the table, newest change first (ties: id, descending). */
  const idsIn = async (path: string, status?: string): Promise<string[]> => {
    let q = systemDb(t.db.handle.db).selectFrom('applications').select(['id', 'updated_at']).where('org_path', '>=', path).where('org_path', '<', `${path}~`);
    if (status) q = q.where('status', '=', status);
    const rows = await q.execute();
    return rows.sort((a, b) => (a.updated_at === b.updated_at ? (a.id < b.id ? 1 : -1) : a.updated_at < b.updated_at ? 1 : -1)).map((r) => r.id);
  };

  it('a county past the threshold pages through every application in order, its total from the roll-ups', async () => {
    const expected = await idsIn(units.county.path);
    expect(expected.length).toBe(4 * (COPIES + 1));
    expect(expected.length).toBeGreaterThan(LIST_WALK_AFTER);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const p = ok<Page<ApplicationDto>>(await county.get(`/api/applications?page=${page}&pageSize=50`));
      expect(p.total).toBe(expected.length);
      expect(p.totalCapped).toBe(false);
      if (!p.items.length) break;
      seen.push(...p.items.map((a) => a.id));
    }
    expect(seen).toEqual(expected);
  });

  it('a status filter past the threshold counts from the roll-ups and keeps the order', async () => {
    const review = await idsIn(units.county.path, 'review');
    expect(review.length).toBe(3 * (COPIES + 1));
    const p = ok<Page<ApplicationDto>>(await county.get('/api/applications?status=review&page=2&pageSize=20'));
    expect(p.total).toBe(review.length);
    expect(p.items.map((a) => a.id)).toEqual(review.slice(20, 40));
  });

  it('a unit filter and each village worker see their own range only, whichever path runs', async () => {
    const first = await idsIn(units.village1.path);
    const second = await idsIn(units.village2.path);
    expect(first.length).toBe(3 * (COPIES + 1));
    expect(second.length).toBe(COPIES + 1);
    const mine = ok<Page<ApplicationDto>>(await village.get('/api/applications?page=1&pageSize=100'));
    expect(mine.total).toBe(first.length);
    expect(mine.items.map((a) => a.id)).toEqual(first.slice(0, 100));
    const other = ok<Page<ApplicationDto>>(await village2.get('/api/applications?page=1&pageSize=100'));
    expect(other.total).toBe(second.length);
    expect(other.items.map((a) => a.id)).toEqual(second.slice(0, 100));
    const byUnit = ok<Page<ApplicationDto>>(await county.get(`/api/applications?orgUnitId=${units.village1.id}&page=3&pageSize=50`));
    expect(byUnit.total).toBe(first.length);
    expect(byUnit.items.map((a) => a.id)).toEqual(first.slice(100, 150));
  });
});
