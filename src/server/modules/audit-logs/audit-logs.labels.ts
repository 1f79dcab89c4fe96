// The audit log's actions in Chinese: the shared list of codes (shared/schemas/audit-logs.ts), and
// the case kernel's `case.<type>.<action>` from each case type's own labels.
import { staticAuditLabel } from '../../../shared/schemas/audit-logs';
import { caseAuditLabel } from '../../cases/case-type';

/** An entry's action in Chinese, else (an old entry whose code is no longer known) the code itself. */
export function auditActionLabel(code: string): string {
  return staticAuditLabel(code) ?? caseAuditLabel(code) ?? code;
}
