// Role membership in a join table (issue 11): staff_roles holds one row per (user, role), kept by
// the staff repo with users.roles on every create and change; lists by role join it (no LIKE on
// JSON text). Migration 0016 backfills it. Through the real API on every database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { OrgUnitTable } from '../../db/types';
import { migrateToLatest } from '../../db/migrate';
import type { StaffDto } from '../../../shared/schemas/staff';

type Page = { items: StaffDto[]; total: number };

describe.each(dbKinds)('staff_roles on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let admin: Agent;
  let village1: string;
  const rolesIn = async (userId: string) =>
    (await sys.selectFrom('staff_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()).map((r) => r.role);

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    admin = await t.login('admin');
    village1 = (await sys.selectFrom('org_units').select('id').where('code', '=', '330523105003').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds one row per role of every account, the demo accounts included', async () => {
    const users = await sys.selectFrom('users').select(['id', 'roles']).execute();
    for (const u of users) expect(await rolesIn(u.id)).toEqual([...(JSON.parse(u.roles) as string[])].sort());
  });

  it('follows a created and a changed account, and lists by role from it', async () => {
    const created = await admin.post('/api/staff', { username: 'sr.one', displayName: '角色一', orgUnitId: village1, roles: ['worker', 'mediator'] });
    expect(created.statusCode, created.body).toBe(200);
    const id = json<{ staff: StaffDto }>(created).staff.id;
    expect(await rolesIn(id)).toEqual(['mediator', 'worker']);
    const mediators = async () => json<Page>(await admin.get('/api/staff?role=mediator&pageSize=200')).items.map((s) => s.username);
    expect(await mediators()).toContain('sr.one');

    expect((await admin.patch(`/api/staff/${id}`, { roles: ['station_head'] })).statusCode).toBe(200);
    expect(await rolesIn(id)).toEqual(['station_head']);
    expect(await mediators()).not.toContain('sr.one');
    const heads = json<Page>(await admin.get('/api/staff?role=station_head&pageSize=200')).items;
    expect(heads.map((s) => s.username)).toContain('sr.one');
    expect(heads.every((s) => s.roles.includes('station_head'))).toBe(true);
    // a change of other fields leaves the roles alone
    expect((await admin.patch(`/api/staff/${id}`, { title: '站长' })).statusCode).toBe(200);
    expect(await rolesIn(id)).toEqual(['station_head']);
  });

  it('the administrator list (any of three roles) comes from the join table', async () => {
    const security = await t.login('security');
    const list = json<Page>(await security.get('/api/admin-accounts')).items.map((s) => s.username);
    expect(list.sort()).toEqual(['admin', 'auditor', 'security']);
  });
});

describe.each(dbKinds)('migration 0016 (staff_roles) on %s', (kind) => {
  it('backfills one row per role from users.roles, skipping unreadable text', async () => {
    const db = await createTestDb(kind, { migrate: false });
    try {
      await migrateToLatest(db.handle, { before: '0016' });
      const sys = systemDb(db.handle.db);
      const at = '2026-06-01T02:00:00.000Z';
      // the table as it was before 0060 (no key path)
      await sys.insertInto('org_units').values({ id: 'c1', parent_id: null, level: 'county', code: '330523', name: '安吉县', path: '/c1/', depth: 0, address: '', phone: '', office_hours: '', head_name: '', active: 1, created_at: at, updated_at: at } as OrgUnitTable).execute();
      const user = (id: string, roles: string) => ({
        id, username: id, display_name: id, org_unit_id: 'c1', org_path: '/c1/', roles, title: '', work_phone: '', show_in_directory: 0,
        password_hash: 'x', password_changed_at: at, must_change_password: 0, failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null,
        totp_enabled: 0, totp_last_step: null, is_demo: 0, last_login_at: null, created_at: at, updated_at: at,
      });
      await sys.insertInto('users').values([user('u1', '["worker","county_reviewer"]'), user('u2', '["audit_admin"]'), user('u3', 'not json'), user('u4', '[]')]).execute();
      await migrateToLatest(db.handle);
      const rows = await sys.selectFrom('staff_roles').select(['user_id', 'role']).orderBy('user_id').orderBy('role').execute();
      expect(rows).toEqual([
        { user_id: 'u1', role: 'county_reviewer' },
        { user_id: 'u1', role: 'worker' },
        { user_id: 'u2', role: 'audit_admin' },
      ]);
    } finally {
      await db.drop();
    }
  });
});
