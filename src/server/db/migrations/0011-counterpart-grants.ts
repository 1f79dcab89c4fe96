import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * From issue 10 on, the kernel grants a case's counterpart unit always (before, only when the
 * counterpart's range did not cover the owner, so a later move of the owner's unit out of that range
 * hid the case from the unit it waited on). Cases opened before get the missing grants here.
 */
export const counterpartGrants: Migration = {
  name: '0011-counterpart-grants',
  async up(db: Kysely<unknown>) {
    await sql`insert into access_grants (id, record_type, record_id, grantee_user_id, grantee_org_unit_id, grantee_path, created_at)
      select 'cpg-' || c.id, 'case', c.id, null, c.counterpart_unit_id, c.counterpart_path, c.updated_at
      from cases c
      where c.counterpart_unit_id is not null
        and not exists (select 1 from access_grants g
          where g.record_type = 'case' and g.record_id = c.id and g.grantee_org_unit_id = c.counterpart_unit_id)`.execute(db);
  },
};
