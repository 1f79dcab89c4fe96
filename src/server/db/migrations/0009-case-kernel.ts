import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * The case kernel's second floor (issue 10): deadlines in hours. `cases.due_at` is the instant an
 * hour deadline falls due (UTC); day deadlines keep it null and are due at the end of `due_day`.
 * `case_actions.data` (already there) now holds each action's parsed input.
 */
export const caseKernel: Migration = {
  name: '0009-case-kernel',
  async up(db: Kysely<unknown>, k) {
    await db.schema.alterTable('cases').addColumn('due_at', k.timestamp).execute();
  },
};
