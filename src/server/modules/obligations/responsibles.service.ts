// Ledgers' responsible persons (seed §10 台账管理制度: 分门别类建立台账，并指定专人负责): one named person
// per ledger per unit, set by the unit's head 站(中心)负责人 (for the unit itself or a unit below it),
// read by the ledger page and written under the title of every ledger export
// (platform/ledger-responsible.repo.ts). Audited.
import { ledgerNames, type LedgerResponsibleDto, type LedgerResponsibleQuery } from '../../../shared/schemas/ledger-responsibles';
import type { ResponsibleList, ResponsibleSet } from '../../../shared/schemas/obligations';
import { transaction } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { conflict, forbidden } from '../../platform/errors';
import { isUnitHead } from '../../platform/roles';
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import { lineOf } from '../../platform/ledger-responsible.repo';
import { insertResponsible, responsibleOf, responsiblesOf, updateResponsible } from './obligations.repo';
import { requireUnit } from '../../platform/scope-units.repo';

export async function responsibles(ctx: AppContext, auth: AuthContext, orgUnitId?: string): Promise<ResponsibleList> {
  const unit = await requireUnit(ctx, auth, orgUnitId ?? auth.unit.id);
  const rows = await responsiblesOf(auth.scope, ctx.db, unit.id);
  const byLedger = new Map(rows.map((r) => [r.ledger, r]));
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    canSet: isUnitHead(auth),
    items: ledgerNames.map((ledger) => {
      const r = byLedger.get(ledger);
      return { ledger, personName: r?.person_name ?? null, phone: r?.phone ?? null, setByName: r?.set_by_name ?? null, setAt: r?.set_at ?? null, version: r ? Number(r.version) : 0 };
    }),
  };
}

/** One ledger's person at a unit (the caller's by default), for the line on the ledger's list page. */
export async function responsibleForLedger(ctx: AppContext, auth: AuthContext, q: LedgerResponsibleQuery): Promise<LedgerResponsibleDto> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const r = await responsibleOf(auth.scope, ctx.db, unit.id, q.ledger);
  const person = r ? { personName: r.person_name, phone: r.phone || null } : null;
  return { ledger: q.ledger, orgUnitId: unit.id, orgUnitName: unit.name, personName: person?.personName ?? null, phone: person?.phone ?? null, line: lineOf(person) };
}

export async function setResponsible(ctx: AppContext, auth: AuthContext, input: ResponsibleSet, ip: string | null): Promise<ResponsibleList> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!isUnitHead(auth)) throw forbidden('台账责任人由站（中心）负责人指定');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const patch = { person_name: input.personName, phone: input.phone, set_by: auth.userId, set_by_name: auth.displayName, set_at: at };
    if (input.version === 0) {
      const stored = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
      try {
        await insertResponsible(auth.scope, trx, { ...placedAt(stored), ledger: input.ledger, version: 1, ...patch });
      } catch (e) {
        if (String((e as Error).message).match(/unique|duplicate|primary/i)) throw conflict('该台账的责任人刚被他人指定，请刷新后再操作');
        throw e;
      }
    } else {
      const n = await updateResponsible(auth.scope, trx, unit.id, input.ledger, input.version, patch);
      if (n !== 1) throw conflict('该台账的责任人已被他人修改，请刷新后再操作');
    }
    await auditAction(trx, ctx, auth, 'ledger-responsible.set', 'ledger', unit.id, ip, `${unit.name} ${input.ledger}：${input.personName}`);
  });
  return responsibles(ctx, auth, unit.id);
}
