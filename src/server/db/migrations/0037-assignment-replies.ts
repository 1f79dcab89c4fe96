import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * 交办 replies recorded by the lower unit itself (issue 14; cases/supervision.ts): the result of
 * what it did beside the reply, and the assigning unit's review of the reply — accepted 采纳, or
 * returned 退回 with a comment (the item goes back to the lower unit's work queue unanswered).
 */
export const assignmentReplies: Migration = {
  name: '0037-assignment-replies',
  async up(db: Kysely<unknown>, k) {
    await db.schema.alterTable('case_supervisions').addColumn('result', 'text').execute();
    await db.schema.alterTable('case_supervisions').addColumn('review', 'text').execute();
    await db.schema.alterTable('case_supervisions').addColumn('reviewed_on', k.day).execute();
    await db.schema.alterTable('case_supervisions').addColumn('review_comment', 'text').execute();
    await db.schema.alterTable('case_supervisions').addColumn('reviewed_by_name', 'text').execute();
    await db.schema.alterTable('case_supervisions').addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
