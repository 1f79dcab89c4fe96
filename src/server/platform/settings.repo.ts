// Settings stored as JSON by key (the security policy is one of them).
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';

/** Settings are global to the deployment, not to a unit: read by every request, written by admins. */
export async function readSettingUnscoped(db: Db, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function writeSettingUnscoped(db: Tx, key: string, value: unknown, at: string, by: string | null) {
  const json = JSON.stringify(value);
  const updated = await db
    .updateTable('settings')
    .set({ value: json, updated_at: at, updated_by: by })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('settings').values({ key, value: json, updated_at: at, updated_by: by }).execute();
  }
}
