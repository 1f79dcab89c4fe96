// Attachments of a hard problem 疑难问题附件: stored with the report as files of the kernel case
// (cases/case-files: one upload check, encrypted at rest), downloaded by whoever reads the problem;
// each download is audited.
import { auditedFileBytes } from '../../cases/case-files';
import { caseFileOf } from '../../cases/case-files.repo';
import { transaction } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { HARD_PROBLEM_FILES, requireHardProblem } from './hard-problems.service';

export async function readHardProblemFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: string | null) {
  await requireHardProblem(ctx, auth, id);
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || f.kind !== HARD_PROBLEM_FILES) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'hard-problem.file-view', targetType: 'hard-problem', targetId: id, ip }));
}
