// Column helpers that hide the dialect differences in migrations.
import { sql, type ColumnDataType, type Expression, type RawBuilder } from 'kysely';
import type { DialectName } from './client';

export type ColumnKit = {
  /** a UTC instant: timestamptz on PostgreSQL, ISO text on SQLite */
  timestamp: ColumnDataType | RawBuilder<unknown>;
  /** a materialized org path; byte order on PostgreSQL so range scans work under any locale */
  path: ColumnDataType | RawBuilder<unknown>;
  /** a Chinese day: YYYY-MM-DD text on both */
  day: ColumnDataType;
  /** 0/1 on both */
  flag: ColumnDataType;
  /** JSON as text on both */
  json: ColumnDataType;
  /** an auto-increment integer key */
  serial: ColumnDataType;
  dialect: DialectName;
};

export function columnKit(dialect: DialectName): ColumnKit {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? 'timestamptz' : 'text',
    path: pg ? sql`text collate "C"` : 'text',
    day: 'text',
    flag: 'integer',
    json: 'text',
    serial: pg ? 'bigserial' : 'integer',
    dialect,
  };
}

export type { Expression };
