// The case kernel: opens cases, runs actions (from → to, permission, comment), appends the log,
// stores the derived status in the same transaction, and keeps waiting unit and deadline current.
import { lockOrgTree, unitForWriteUnscoped } from '../platform/stored-unit.repo';
import { hasPermission } from '../../shared/permissions';
import type { CaseDto } from '../../shared/schemas/cases';
import { shanghaiDay } from '../../shared/rules/dates';
import { transaction, type Tx } from '../db/transaction';
import { appendAudit } from '../platform/audit.repo';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { pathInScope, pathIsWithin, type Scope } from '../platform/jurisdiction';
import { caseTypeOf, type ActionRoute, type CaseTypeDef, type CaseUnit } from './case-type';
import { appendAction, caseLog, getCase, grantCaseAccessUnscoped, insertCaseUnscoped, type CaseRow } from './cases.repo';
import { dueDayFor, holidayTable } from './deadlines';

/** Units are read under the tree lock by the caller (unitForWrite…), so the paths stored here are current. */
type Unit = CaseUnit;

function waitingOf(def: CaseTypeDef<Record<string, unknown>>, status: string, owner: Unit, counterpart: Unit | null): Unit | null {
  const st = def.states[status];
  if (!st || !st.open || st.waitsOn === 'none') return null;
  if (st.waitsOn === 'owner') return owner;
  return counterpart;
}

/** The due day of a state: the type's own computation from the payload, else its rule counted from `startDay`. */
async function dueDayOf(ctx: AppContext, trx: Tx, def: CaseTypeDef<Record<string, unknown>>, status: string, payload: Record<string, unknown>, startDay: string): Promise<string | null> {
  if (def.dueDay) return def.dueDay({ status, payload, table: await holidayTable(ctx, trx) });
  const rule = def.deadline?.(status) ?? null;
  return rule ? dueDayFor(ctx, trx, startDay, rule) : null;
}

export type OpenCaseInput<P> = {
  type: string;
  owner: Unit;
  counterpart?: Unit | null;
  subject?: { type: string; id: string };
  title: string;
  payload: P;
  status: string;
  action: string;
  comment?: string;
  restricted?: boolean;
  /** users named as participants (always see the case, also when restricted) */
  participants?: string[];
};

/** Opens a case inside the caller's transaction. The caller has checked the owner unit is in scope. */
export async function openCase<P extends Record<string, unknown>>(trx: Tx, ctx: AppContext, auth: AuthContext, input: OpenCaseInput<P>): Promise<string> {
  const def = caseTypeOf(input.type);
  if (!def) throw new Error(`unknown case type ${input.type}`);
  const payload = def.payload.parse(input.payload);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  const counterpart = input.counterpart ?? null;
  const waiting = waitingOf(def, input.status, input.owner, counterpart);
  await insertCaseUnscoped(
    trx,
    {
      id,
      case_type: input.type,
      status: input.status,
      open: def.states[input.status].open ? 1 : 0,
      org_unit_id: input.owner.id,
      org_path: input.owner.path,
      counterpart_unit_id: counterpart?.id ?? null,
      counterpart_path: counterpart?.path ?? null,
      waiting_unit_id: waiting?.id ?? null,
      waiting_path: waiting?.path ?? null,
      restricted: input.restricted ? 1 : 0,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      title: input.title,
      payload: JSON.stringify(payload),
      due_day: await dueDayOf(ctx, trx, def, input.status, payload, shanghaiDay(now)),
      waiting_since: at,
      opened_at: at,
      updated_at: at,
      closed_at: def.states[input.status].open ? null : at,
      created_by: auth.userId,
      version: 1,
    },
    {
      action: input.action,
      from_status: null,
      to_status: input.status,
      actor_user_id: auth.userId,
      actor_name: auth.displayName,
      actor_unit_name: auth.unit.name,
      at,
      comment: input.comment ?? '',
      data: null,
    },
  );
  // the counterpart's users see the case by their range only when it covers the owner (a county
  // reviewing its village); a sibling, another township or a unit below the owner needs a grant
  if (counterpart && !pathIsWithin(input.owner.path, counterpart.path)) {
    await grantCaseAccessUnscoped(trx, id, { unit: counterpart }, at);
  }
  for (const userId of input.participants ?? []) await grantCaseAccessUnscoped(trx, id, { userId }, at);
  return id;
}

export function availableActions(c: CaseRow, auth: AuthContext): { name: string; label: string; requireComment: boolean }[] {
  const def = caseTypeOf(c.case_type);
  if (!def) return [];
  const payload = JSON.parse(c.payload) as Record<string, unknown>;
  return Object.entries(def.actions)
    .filter(
      ([, a]) =>
        a.from.includes(c.status) &&
        hasPermission(auth.roles, a.permission) &&
        actorMayAct(a.actor ?? 'waiting', c, auth.scope) &&
        (!a.mayAct || a.mayAct(c, auth, payload)),
    )
    .map(([name, a]) => ({ name, label: a.label, requireComment: !!a.requireComment }));
}

function actorMayAct(kind: 'waiting' | 'owner', c: CaseRow, scope: Scope): boolean {
  const unitPath = kind === 'owner' ? c.org_path : c.waiting_path;
  return !!unitPath && pathInScope(scope, unitPath);
}

function viewOf(def: CaseTypeDef<Record<string, unknown>> | undefined, payload: Record<string, unknown>): Record<string, unknown> {
  return def?.view ? def.view(payload) : payload;
}

export function toCaseDto(c: CaseRow): CaseDto {
  const def = caseTypeOf(c.case_type);
  return {
    id: c.id,
    type: c.case_type,
    typeLabel: def?.label ?? c.case_type,
    status: c.status,
    statusLabel: def?.states[c.status]?.label ?? c.status,
    title: c.title,
    orgUnitId: c.org_unit_id,
    orgUnitName: c.org_unit_name,
    counterpartUnitId: c.counterpart_unit_id,
    counterpartUnitName: c.counterpart_unit_name,
    subjectType: c.subject_type,
    subjectId: c.subject_id,
    restricted: c.restricted === 1,
    openedAt: c.opened_at,
    updatedAt: c.updated_at,
    closedAt: c.closed_at,
    dueDay: c.due_day,
    version: c.version,
    payload: viewOf(def, JSON.parse(c.payload) as Record<string, unknown>),
  };
}

export async function requireCase(ctx: AppContext, scope: Scope, id: string): Promise<CaseRow> {
  const c = await getCase(scope, ctx.db, id);
  if (!c) throw notFound('办件');
  return c;
}

export async function caseDetail(ctx: AppContext, auth: AuthContext, id: string) {
  const c = await requireCase(ctx, auth.scope, id);
  const def = caseTypeOf(c.case_type);
  const log = await caseLog(auth.scope, ctx.db, id);
  return {
    ...toCaseDto(c),
    log: log.map((l) => ({
      seq: l.seq,
      action: l.action,
      actionLabel: def?.actions[l.action]?.label ?? (l.seq === 1 ? '发起' : l.action),
      fromStatus: l.from_status,
      toStatus: l.to_status,
      actorName: l.actor_name,
      actorUnitName: l.actor_unit_name,
      at: l.at,
      comment: l.comment,
    })),
    actions: availableActions(c, auth),
  };
}

/** Runs one action of a case: checks, effect, log, derived status, waiting unit, deadline, audit. */
export async function performAction(
  ctx: AppContext,
  auth: AuthContext,
  caseId: string,
  input: { action: string; comment: string; version: number; data?: unknown },
  ip: string | null,
): Promise<CaseRow> {
  const c = await requireCase(ctx, auth.scope, caseId);
  const def = caseTypeOf(c.case_type);
  if (!def) throw notFound('办件');
  const action = def.actions[input.action];
  if (!action) throw badRequest(`该办件没有“${input.action}”这一操作`);
  if (!action.from.includes(c.status)) {
    throw new AppError(409, 'WRONG_STATE', `办件当前为“${def.states[c.status]?.label ?? c.status}”，不能${action.label}`);
  }
  if (!hasPermission(auth.roles, action.permission)) throw forbidden(`没有权限${action.label}`);
  if (!actorMayAct(action.actor ?? 'waiting', c, auth.scope)) throw forbidden(`该办件不在本单位办理，不能${action.label}`);
  if (action.mayAct && !action.mayAct(c, auth, def.payload.parse(JSON.parse(c.payload)))) throw forbidden(`您不是该办件的承办人员，不能${action.label}`);
  let data: unknown = undefined;
  if (action.input) {
    const parsed = action.input.safeParse(input.data ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw badRequest(`输入有误：${details[0]?.message ?? '请检查输入'}`, details);
    }
    data = parsed.data;
  }
  if (action.requireComment && !input.comment) throw badRequest(`${action.label}须填写意见或理由`, [{ path: 'comment', message: '请填写意见或理由' }]);
  if (input.version !== c.version) throw conflict('该办件已被他人处理，请刷新后再操作');
  const now = ctx.clock.now();
  const at = now.toISOString();
  await transaction(ctx.db, async (trx) => {
    // the tree lock first: the effect and the waiting unit below store paths read under it
    await lockOrgTree(trx, ctx.dialect, 'shared');
    const payload = def.payload.parse(JSON.parse(c.payload));
    const route: ActionRoute = {};
    const next = (await action.effect?.({ trx, ctx, auth, caseRow: c, payload, comment: input.comment, at, input: data, route })) ?? payload;
    const owner = route.owner ?? (await unitForWriteUnscoped(trx, ctx.dialect, c.org_unit_id));
    const counterpart = route.counterpart !== undefined ? route.counterpart : c.counterpart_unit_id ? await unitForWriteUnscoped(trx, ctx.dialect, c.counterpart_unit_id) : null;
    const waiting = waitingOf(def, action.to, owner, counterpart);
    const open = def.states[action.to].open;
    const ok = await appendAction(
      auth.scope,
      trx,
      c,
      {
        status: action.to,
        open: open ? 1 : 0,
        ...(route.owner && { org_unit_id: owner.id, org_path: owner.path }),
        ...(route.counterpart !== undefined && { counterpart_unit_id: counterpart?.id ?? null, counterpart_path: counterpart?.path ?? null }),
        waiting_unit_id: waiting?.id ?? null,
        waiting_path: waiting?.path ?? null,
        payload: JSON.stringify(next),
        due_day: await dueDayOf(ctx, trx, def, action.to, next as Record<string, unknown>, shanghaiDay(now)),
        waiting_since: at,
        updated_at: at,
        closed_at: open ? null : at,
      },
      {
        action: input.action,
        from_status: c.status,
        to_status: action.to,
        actor_user_id: auth.userId,
        actor_name: auth.displayName,
        actor_unit_name: auth.unit.name,
        at,
        comment: input.comment,
        data: null,
      },
    );
    if (!ok) throw conflict('该办件已被他人处理，请刷新后再操作');
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: `case.${c.case_type}.${input.action}`,
      targetType: 'case',
      targetId: c.id,
      result: 'success',
      ip,
      detail: input.comment || null,
    });
  });
  return requireCase(ctx, auth.scope, caseId);
}
