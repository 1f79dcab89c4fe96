import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Grades 等次 of evaluation results (issue 16; Part 12: results form a report and are made public,
 * counties grade them): an indicator set's grade bands (JSON [{ name, min }], from the highest down;
 * null: the default 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below), copied into a round when it opens,
 * and each evaluation's grade, computed from the total at scoring and kept with it (the kernel
 * case's payload, mirrored). Evaluations scored before this migration get the grade of their total
 * under the default bands (their rounds had no other).
 */
export const evaluationGrades: Migration = {
  name: '0058-evaluation-grades',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('evaluation_sets').addColumn('grades', 'text').execute();
    await db.schema.alterTable('evaluation_rounds').addColumn('grades', 'text').execute();
    await db.schema.alterTable('evaluations').addColumn('grade', 'text').execute();
    await sql`update evaluations set grade = case when total10 >= 900 then '优秀' when total10 >= 800 then '良好' when total10 >= 600 then '合格' else '不合格' end where total10 is not null`.execute(db);
  },
};
