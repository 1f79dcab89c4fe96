// Migration 0012 on every database: disputes in their old shape (0008: status columns, the JSON
// progress log) are loaded, the database is migrated to the latest, and every dispute must be a
// case with the same id and state, and every old log entry a case action with its time, actor and
// data; the JSON log column is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../migrate';
import { systemDb, type SystemDb } from '../system';
import type { OrgUnitTable } from '../types';
import { readCaseLog } from '../../cases/cases.service';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { disputePayload } from '../../modules/disputes';
import type { OldDispute } from './0012-disputes-cases';

type OldRow = OldDispute & { method: string; summary: string };
const T0 = '2026-05-01T02:00:00.000Z';

function unit(id: string, parent: { id: string; path: string } | null, level: string, name: string) {
  const path = `${parent?.path ?? '/'}${id}/`;
  return {
    id, parent_id: parent?.id ?? null, level, code: id, name, path, depth: path.split('/').length - 2, address: '', phone: '', office_hours: '', head_name: '',
    active: 1, merged_into: null, dataset_year: null, created_at: T0, updated_at: T0,
  };
}
function user(id: string, name: string, u: { id: string; path: string }) {
  return {
    id, username: id, display_name: name, org_unit_id: u.id, org_path: u.path, roles: JSON.stringify(['worker']), title: '', work_phone: '', show_in_directory: 0,
    password_hash: 'x', password_changed_at: T0, must_change_password: 0, failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null,
    totp_enabled: 0, totp_last_step: null, is_demo: 0, last_login_at: null, created_at: T0, updated_at: T0,
  };
}

describe.each(dbKinds)('migration 0012 (disputes onto the kernel) on %s', (kind) => {
  let db: TestDb;
  let sys: SystemDb;
  const county = unit('c1', null, 'county', '安吉县');
  const town = unit('t1', county, 'township', '孝丰镇');
  const village = unit('v1', town, 'village', '横溪坞村');
  const progressOf = (entries: [string, string, string, string, string][]) => JSON.stringify(entries.map(([day, measure, progress, at, actorName]) => ({ day, measure, progress, at, actorName })));
  const old: OldRow[] = [
    {
      id: 'd-open-with-log', org_unit_id: village.id, org_path: village.path, found_on: '2026-05-02', method: 'homeVisit', summary: '宅基地边界争执',
      parties: JSON.stringify([{ name: '王大山', recipientId: null }, { name: '李小河', recipientId: null }]), risk_level: 'medium',
      responsible_user_id: 'u-village', leader_user_id: 'u-head', deadline: '2026-06-30', plan: '村调委会调解',
      progress: progressOf([
        ['2026-05-03', '入户走访双方', '双方同意调解', '2026-05-03T08:10:00.000Z', '刘秀英'],
        ['2026-05-05', '组织调解会', '', '2026-05-05T09:20:00.000Z', '陈志刚'],
        ['2026-05-06', '电话回访', '情绪稳定', '2026-05-06T01:00:00.000Z', '已离职的人'],
      ]),
      status: 'open', result: '', closed_on: null, closed_by: null, note: '备注', version: 4, created_by: 'u-village', created_at: '2026-05-02T03:00:00.000Z', updated_at: '2026-05-06T01:00:00.000Z',
    },
    {
      id: 'd-closed', org_unit_id: town.id, org_path: town.path, found_on: '2026-04-20', method: 'reception', summary: '退役金计算有误',
      parties: JSON.stringify([{ name: '陆永强', recipientId: null }]), risk_level: 'low',
      responsible_user_id: 'u-town', leader_user_id: null, deadline: '2026-05-10', plan: '',
      progress: progressOf([['2026-04-22', '报县中心复核', '确有少算', '2026-04-22T06:00:00.000Z', '张卫东']]),
      status: 'closed', result: '补发差额', closed_on: '2026-05-08', closed_by: 'u-town', note: '', version: 3, created_by: 'u-town', created_at: '2026-04-20T02:00:00.000Z', updated_at: '2026-05-08T07:30:00.000Z',
    },
    {
      id: 'd-open-no-log', org_unit_id: village.id, org_path: village.path, found_on: '2026-05-04', method: 'online', summary: '网上质疑发放标准',
      parties: JSON.stringify([{ name: '何秀兰', recipientId: null }]), risk_level: 'high',
      responsible_user_id: 'u-village', leader_user_id: null, deadline: '2026-05-20', plan: '',
      progress: '[]', status: 'open', result: '', closed_on: null, closed_by: null, note: '', version: 1, created_by: 'u-town', created_at: '2026-05-04T02:00:00.000Z', updated_at: '2026-05-04T02:00:00.000Z',
    },
  ];

  beforeAll(async () => {
    db = await createTestDb(kind, { migrate: false });
    const applied = await migrateToLatest(db.handle, { before: '0012-disputes-cases' });
    expect(applied).not.toContain('0012-disputes-cases');
    sys = systemDb(db.handle.db);
    // the table as it was before 0060 (no key path)
    await sys.insertInto('org_units').values([county, town, village] as OrgUnitTable[]).execute();
    await sys.insertInto('users').values([user('u-village', '刘秀英', village), user('u-town', '张卫东', town), user('u-head', '陈志刚', town)]).execute();
    // the old shape: the disputes table still has its JSON progress column
    await (db.handle.db as unknown as Kysely<{ disputes: OldRow }>).insertInto('disputes').values(old).execute();
    await migrateToLatest(db.handle);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('makes every dispute a case with the same id, state, owner, deadline, times and version', async () => {
    const cases = await sys.selectFrom('cases').selectAll().where('case_type', '=', 'dispute').orderBy('id').execute();
    expect(cases.map((c) => c.id)).toEqual(old.map((d) => d.id).sort());
    for (const d of old) {
      const c = cases.find((x) => x.id === d.id)!;
      const open = d.status === 'open';
      expect(c).toMatchObject({
        status: d.status, open: open ? 1 : 0, org_unit_id: d.org_unit_id, org_path: d.org_path, waiting_path: open ? d.org_path : null,
        due_day: open ? d.deadline : null, opened_at: d.created_at, updated_at: d.updated_at, closed_at: open ? null : d.updated_at, version: d.version, created_by: d.created_by,
      });
      const p = disputePayload.parse(JSON.parse(c.payload));
      expect(p).toMatchObject({ foundOn: d.found_on, riskLevel: d.risk_level, responsibleUserId: d.responsible_user_id, leaderUserId: d.leader_user_id, deadline: d.deadline, closedOn: d.closed_on, closedBy: d.closed_by, result: d.result, note: d.note });
    }
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('moves every log entry with its original time, actor and data, in order', async () => {
    for (const d of old) {
      const entries = JSON.parse(d.progress) as { day: string; measure: string; progress: string; at: string; actorName: string }[];
      const log = await sys.selectFrom('case_actions').selectAll().where('case_id', '=', d.id).orderBy('seq').execute();
      const expected = 1 + entries.length + (d.status === 'closed' ? 1 : 0);
      expect(log).toHaveLength(expected);
      expect(log.map((l) => l.seq)).toEqual([...Array(expected).keys()].map((i) => i + 1));
      expect(log[0]).toMatchObject({ action: 'register', to_status: 'open', at: d.created_at, actor_user_id: d.created_by });
      const progress = log.filter((l) => l.action === 'progress');
      expect(progress.map((l) => [l.at, l.actor_name, JSON.parse(l.data!)])).toEqual(entries.map((e) => [e.at, e.actorName, { day: e.day, measure: e.measure, progress: e.progress }]));
      if (d.status === 'closed') expect(log.at(-1)).toMatchObject({ action: 'close', from_status: 'open', to_status: 'closed', at: d.updated_at, actor_user_id: d.closed_by, actor_name: '张卫东', actor_unit_name: '孝丰镇' });
    }
    // actors found by name at the dispute's unit or above; one no longer among the users keeps the name
    const withLog = await sys.selectFrom('case_actions').select(['actor_user_id', 'actor_name', 'actor_unit_name']).where('case_id', '=', 'd-open-with-log').where('action', '=', 'progress').orderBy('seq').execute();
    expect(withLog).toEqual([
      { actor_user_id: 'u-village', actor_name: '刘秀英', actor_unit_name: '横溪坞村' },
      { actor_user_id: 'u-head', actor_name: '陈志刚', actor_unit_name: '孝丰镇' },
      { actor_user_id: '', actor_name: '已离职的人', actor_unit_name: '' },
    ]);
    // the total: every old entry arrived
    const total = old.reduce((n, d) => n + (JSON.parse(d.progress) as unknown[]).length, 0);
    expect(Number((await sys.selectFrom('case_actions').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'progress').executeTakeFirstOrThrow()).n)).toBe(total);
  });

  it('reads the moved log through the kernel with labels, and drops the JSON log column', async () => {
    const log = await readCaseLog({ userId: 'u-town', orgUnitId: town.id, path: town.path }, sys, 'd-closed');
    expect(log.map((l) => [l.actionLabel, l.toStatusLabel])).toEqual([
      ['发起', '化解中'],
      ['化解进展', '化解中'],
      ['销号', '已销号'],
    ]);
    const row = await sys.selectFrom('disputes').selectAll().where('id', '=', 'd-open-with-log').executeTakeFirstOrThrow();
    expect(Object.keys(row)).not.toContain('progress');
    expect(row).toMatchObject({ status: 'open', version: 4, deadline: '2026-06-30', summary: '宅基地边界争执' });
  });
});
