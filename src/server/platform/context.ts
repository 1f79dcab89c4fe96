// What every route and service receives: the database, the clock, crypto, config.
import type { Config } from '../config';
import type { Db, DialectName } from '../db/client';
import type { Clock } from './clock';
import type { FieldCrypto } from './crypto';

export type AppContext = {
  db: Db;
  dialect: DialectName;
  config: Config;
  clock: Clock;
  crypto: FieldCrypto;
};

export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock.now().toISOString();
}
