// The responsible person of a ledger at a unit (seed §10 台账管理制度: 分门别类建立台账，并指定专人负责),
// read by every ledger export for the line under its title. The persons are set on the obligations
// module's page (`ledger_responsibles`, migration 0048); this read lives in the platform so that every
// module's export can name the person without importing that module.
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';

/** "台账责任人：张三　联系电话：…" for the ledger at the unit, or "台账责任人：未指定". */
export async function responsibleLine(db: Db | Tx, unitId: string, ledger: string): Promise<string> {
  const r = await db.selectFrom('ledger_responsibles').select(['person_name', 'phone']).where('org_unit_id', '=', unitId).where('ledger', '=', ledger).executeTakeFirst();
  return lineOf(r ? { personName: r.person_name, phone: r.phone } : null);
}

/** The line for a person (or none): the one wording of the exports and the list pages. */
export function lineOf(r: { personName: string; phone: string | null } | null): string {
  if (!r) return '台账责任人：未指定';
  return `台账责任人：${r.personName}${r.phone ? `　联系电话：${r.phone}` : ''}`;
}
