import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Issue 11: "who holds role R" was a LIKE over the JSON text of users.roles (no index, and a
 * pattern match on text). staff_roles keeps one row per (user, role), written by the staff repo
 * together with users.roles (the source of truth, read with the user's row); lists by role join it.
 */
export const staffRoles: Migration = {
  name: '0016-staff-roles',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_roles')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_roles_pk', ['user_id', 'role'])
      .execute();
    await db.schema.createIndex('staff_roles_role').on('staff_roles').columns(['role', 'user_id']).execute();
    const users = await (db as Kysely<{ users: { id: string; roles: string } }>).selectFrom('users').select(['id', 'roles']).execute();
    const rows = users.flatMap((u) => {
      let roles: unknown;
      try {
        roles = JSON.parse(u.roles);
      } catch {
        roles = [];
      }
      return Array.isArray(roles) ? [...new Set(roles.filter((r): r is string => typeof r === 'string'))].map((role) => ({ user_id: u.id, role })) : [];
    });
    const into = db as Kysely<{ staff_roles: { user_id: string; role: string } }>;
    for (let i = 0; i < rows.length; i += 500) await into.insertInto('staff_roles').values(rows.slice(i, i + 500)).execute();
  },
};
