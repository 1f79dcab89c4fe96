// All-or-nothing writes: services wrap multi-row writes in one transaction.
import type { Transaction } from 'kysely';
import type { Db } from './client';
import type { Database } from './types';

export type Tx = Transaction<Database> | Db;

export function transaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
