// systemDb: the handle for code that must see everything (migrations, scheduled jobs, seeding,
// cross-unit uniqueness checks). Rare on purpose; grep for it.
import type { Db } from './client';

declare const systemBrand: unique symbol;
export type SystemDb = Db & { readonly [systemBrand]: true };

export function systemDb(db: Db): SystemDb {
  return db as SystemDb;
}
