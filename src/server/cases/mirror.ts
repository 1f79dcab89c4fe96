// Mirror columns: the kernel writes a case type's declared columns into the module's row (same id)
// from what it has just stored in `cases`, so a module never sets a status-like column by hand.
import type { Tx } from '../db/transaction';
import type { CaseTable } from '../db/types';
import { caseTypeOf, type MirrorState } from './case-type';
import { writeMirrorColumnsUnscoped } from './cases.repo';

export function mirrorStateOf(c: CaseTable, payload: Record<string, unknown>): MirrorState<Record<string, unknown>> {
  return {
    id: c.id,
    status: c.status,
    open: c.open === 1,
    payload,
    dueDay: c.due_day,
    dueAt: c.due_at,
    openedAt: c.opened_at,
    closedAt: c.closed_at,
    updatedAt: c.updated_at,
    owner: { id: c.org_unit_id, path: c.org_path },
    counterpart: c.counterpart_unit_id && c.counterpart_path ? { id: c.counterpart_unit_id, path: c.counterpart_path } : null,
    waiting: c.waiting_unit_id && c.waiting_path ? { id: c.waiting_unit_id, path: c.waiting_path } : null,
    version: c.version,
  };
}

/** Writes the mirror of a stored case row, when its type declares one. */
export async function writeMirror(trx: Tx, c: CaseTable): Promise<void> {
  const def = caseTypeOf(c.case_type);
  if (!def?.mirror) return;
  const payload = def.payload.parse(JSON.parse(c.payload)) as Record<string, unknown>;
  await writeMirrorColumnsUnscoped(trx, def.mirror.table, c.id, def.mirror.columns(mirrorStateOf(c, payload)));
}
