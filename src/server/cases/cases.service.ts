// The case kernel: opens cases, runs actions (from → to, permission, comment), appends the log,
// stores the derived status in the same transaction, and keeps waiting unit and deadline current.
import { hasPermission, readPermissionOf } from '../../shared/permissions';
import type { CaseDto, CaseListQuery, CaseLogEntryDto } from '../../shared/schemas/cases';
import { transaction, type Tx } from '../db/transaction';
import { appendAudit } from '../platform/audit.repo';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { pathInScope, type Scope } from '../platform/jurisdiction';
import { allCaseTypes, caseTypeOf, SAME_STATE, type ActionRoute, type CaseTypeDef, type CaseUnit } from './case-type';
import { lockOrgTree, unitForWriteUnscoped } from '../platform/stored-unit.repo';
import { appendAction, appendActionUnscoped, caseByIdUnscoped, caseLog, caseLogsOf, getCase, grantCaseAccessUnscoped, insertCaseUnscoped, listCases, type CaseRow } from './cases.repo';
import { dueOf } from './deadlines';
import { writeMirror } from './mirror';
import { labelUnitNamesUnscoped } from '../platform/unit-labels.repo';
import { publish } from '../platform/events';
import { caseActed, type CaseEventUnit } from './case-events';

/** Units are read under the tree lock by the caller (unitForWrite…), so the paths stored here are current. */
type Unit = CaseUnit;


function waitingOf(def: CaseTypeDef<Record<string, unknown>>, status: string, owner: Unit, counterpart: Unit | null): Unit | null {
  const st = def.states[status];
  if (!st || !st.open || st.waitsOn === 'none') return null;
  if (st.waitsOn === 'owner') return owner;
  return counterpart;
}

export type OpenCaseInput<P> = {
  type: string;
  /** the case's id when the module chose it (default: a new id) */
  id?: string;
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
  /** logged with the first entry (e.g. the registration form's data) */
  data?: unknown;
  /**
   * Inserts the module's own row (same id) after the case row and before the kernel writes the
   * type's mirror columns into it: required when the type declares a `mirror`.
   */
  record?: (id: string) => Promise<void>;
};

function unitOf(id: string | null, path: string | null): CaseEventUnit | null {
  return id && path ? { id, path } : null;
}

function assigneeOf(payload: unknown): string | null {
  const h = (payload as { handlerUserId?: unknown } | null)?.handlerUserId;
  return typeof h === 'string' ? h : null;
}

function dataJson(data: unknown): string | null {
  return data === undefined || data === null ? null : JSON.stringify(data);
}

/** Opens a case inside the caller's transaction. The caller has checked the owner unit is in scope. */
export async function openCase<P extends Record<string, unknown>>(trx: Tx, ctx: AppContext, auth: AuthContext, input: OpenCaseInput<P>): Promise<string> {
  const def = caseTypeOf(input.type);
  if (!def) throw new Error(`unknown case type ${input.type}`);
  const payload = def.payload.parse(input.payload);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = input.id ?? newId(now.getTime());
  const counterpart = input.counterpart ?? null;
  const waiting = waitingOf(def, input.status, input.owner, counterpart);
  const due = await dueOf(ctx, trx, def, input.status, payload, at);
  const row = {
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
      due_day: due.dueDay,
      due_at: due.dueAt,
      waiting_since: at,
      opened_at: at,
      updated_at: at,
      closed_at: def.states[input.status].open ? null : at,
      created_by: auth.userId,
      version: 1,
  };
  await insertCaseUnscoped(
    trx,
    row,
    {
      action: input.action,
      from_status: null,
      to_status: input.status,
      actor_user_id: auth.userId,
      actor_name: auth.displayName,
      actor_unit_name: auth.unit.name,
      at,
      comment: input.comment ?? '',
      data: dataJson(input.data),
    },
  );
  await input.record?.(id);
  await writeMirror(trx, row);
  // the counterpart always sees the case by a grant, even when its range covers the owner today (a
  // county reviewing its village): a later move of the owner's unit out of that range must not hide
  // the case from the unit it waits on (found by the property-based scope tests)
  if (counterpart) await grantCaseAccessUnscoped(trx, id, { unit: counterpart }, at);
  for (const userId of input.participants ?? []) await grantCaseAccessUnscoped(trx, id, { userId }, at);
  await publish(trx, ctx, caseActed, {
    caseId: id,
    type: input.type,
    typeLabel: def.label,
    title: input.title,
    action: input.action,
    actionLabel: def.actions[input.action]?.label ?? '发起',
    opened: true,
    fromStatus: null,
    toStatus: input.status,
    toStatusLabel: def.states[input.status].label,
    open: def.states[input.status].open,
    waitsOn: def.states[input.status].waitsOn,
    fromWaitsOn: null,
    owner: { id: input.owner.id, path: input.owner.path },
    counterpart: counterpart ? { id: counterpart.id, path: counterpart.path } : null,
    waiting: waiting ? { id: waiting.id, path: waiting.path } : null,
    previousWaiting: null,
    actor: { userId: auth.userId, name: auth.displayName, unitId: auth.unit.id, unitPath: auth.unit.path, unitName: auth.unit.name },
    link: def.link({ id, subject_id: input.subject?.id ?? null }),
    assigneeUserId: assigneeOf(payload),
    dueDay: due.dueDay,
    dueAt: due.dueAt,
    at,
  });
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
        !a.delegated &&
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
    dueAt: c.due_at,
    version: c.version,
    payload: viewOf(def, JSON.parse(c.payload) as Record<string, unknown>),
  };
}

export async function requireCase(ctx: AppContext, scope: Scope, id: string): Promise<CaseRow> {
  const c = await getCase(scope, ctx.db, id);
  if (!c) throw notFound('办件');
  return c;
}

/** Whether the user reads cases of this type: the read permission of its domain; an unknown type is read by nobody. */
export function mayReadCaseType(auth: Pick<AuthContext, 'roles'>, type: string): boolean {
  const def = caseTypeOf(type);
  return !!def && hasPermission(auth.roles, readPermissionOf(def.domain));
}

/** A case the user may see (guard: else 404) and whose domain they may read (else 403, as for a route's missing permission). */
export async function requireReadableCase(ctx: AppContext, auth: AuthContext, id: string): Promise<CaseRow> {
  const c = await requireCase(ctx, auth.scope, id);
  if (!mayReadCaseType(auth, c.case_type)) throw forbidden();
  return c;
}

/** The case types whose domain the user reads: a filter for every list of cases. */
export function readableCaseTypes(auth: Pick<AuthContext, 'roles'>): string[] {
  return allCaseTypes().filter((d) => mayReadCaseType(auth, d.type)).map((d) => d.type);
}

/** The case list: only the types whose domain the user reads; a user who reads none is refused. */
export async function listReadableCases(ctx: AppContext, auth: AuthContext, q: CaseListQuery) {
  const types = readableCaseTypes(auth);
  if (!types.length || (q.type !== undefined && !types.includes(q.type))) throw forbidden();
  const r = await listCases(auth.scope, ctx.db, { ...q, types, open: q.open === undefined ? undefined : q.open === 'true' });
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, r.items.map(toCaseDto)), page: q.page, pageSize: q.pageSize };
}

export async function caseDetail(ctx: AppContext, auth: AuthContext, id: string) {
  const c = await requireReadableCase(ctx, auth, id);
  return { ...toCaseDto(c), log: await readCaseLog(auth.scope, ctx.db, id), actions: availableActions(c, auth) };
}

/**
 * A case's log with labels and each entry's data, for a module's detail DTO (in or out of a
 * transaction: pass the transaction as `db` inside one). Empty when the caller cannot see the case.
 */
export async function readCaseLog(scope: Scope, db: Tx, caseId: string): Promise<CaseLogEntryDto[]> {
  return (await caseLog(scope, db, caseId)).map(logEntryDto);
}

/** The logs of several cases (a module's list or ledger page), by case id; cases the caller cannot see are missing. */
export async function readCaseLogs(scope: Scope, db: Tx, caseIds: readonly string[]): Promise<Map<string, CaseLogEntryDto[]>> {
  const out = new Map<string, CaseLogEntryDto[]>();
  for (const l of await caseLogsOf(scope, db, caseIds)) {
    const list = out.get(l.case_id) ?? [];
    list.push(logEntryDto(l));
    out.set(l.case_id, list);
  }
  return out;
}

function logEntryDto(l: Awaited<ReturnType<typeof caseLog>>[number]): CaseLogEntryDto {
  const def = caseTypeOf(l.case_type);
  const st = (s: string | null) => (s === null ? null : (def?.states[s]?.label ?? s));
  return {
    seq: l.seq,
    action: l.action,
    actionLabel: def?.actions[l.action]?.label ?? (l.seq === 1 ? '发起' : l.action),
    fromStatus: l.from_status,
    fromStatusLabel: st(l.from_status),
    toStatus: l.to_status,
    toStatusLabel: st(l.to_status) ?? l.to_status,
    actorName: l.actor_name,
    actorUnitName: l.actor_unit_name,
    at: l.at,
    comment: l.comment,
    data: l.data === null ? null : (JSON.parse(l.data) as unknown),
  };
}

export type ActionInput = { action: string; comment: string; version: number; data?: unknown };

/** Runs one action of a case in its own transaction (see performActionIn). */
export async function performAction(ctx: AppContext, auth: AuthContext, caseId: string, input: ActionInput, ip: string | null): Promise<CaseRow> {
  return transaction(ctx.db, (trx) => performActionIn(trx, ctx, auth, caseId, input, ip));
}

/**
 * Runs one action of a case inside the caller's transaction: visibility, state, permission, the
 * acting unit, `mayAct`, the input schema, a required comment and the version the actor saw; then
 * the effect, the log entry (with the parsed input as its data), the derived status, waiting unit,
 * deadline, mirror columns and the audit entry. An action may stay in its state (from ['open'] to
 * 'open': a progress entry); the state's clock then keeps running from when it was entered.
 * Returns the stored case (also when the action moved it out of the actor's sight).
 */
export async function performActionIn(trx: Tx, ctx: AppContext, auth: AuthContext, caseId: string, input: ActionInput, ip: string | null): Promise<CaseRow> {
  const c = await getCase(auth.scope, trx, caseId);
  if (!c) throw notFound('办件');
  return runAction(trx, ctx, auth, c, input, ip, false);
}

/**
 * A module route's action on a case of its own type, in its own transaction: a case of another
 * type (or one the actor does not see) is a 404 in the module's words (`messages.notFound`); the
 * rest is performActionIn.
 */
export async function performActionOfType(ctx: AppContext, auth: AuthContext, type: string, caseId: string, input: ActionInput, ip: string | null): Promise<CaseRow> {
  return transaction(ctx.db, async (trx) => {
    const c = await getCase(auth.scope, trx, caseId);
    if (!c || c.case_type !== type) throw notFound(caseTypeOf(type)?.messages?.notFound ?? '办件');
    return runAction(trx, ctx, auth, c, input, ip, false);
  });
}

/**
 * Runs a `delegated` action of a case the actor does not see (a lower unit's 交办 reply): the
 * kernel feature calling it has checked who acts on what (the action's effect checks it again);
 * state, permission, `mayAct`, input, version, log, mirror and audit are as for any action.
 */
export async function performDelegatedActionIn(trx: Tx, ctx: AppContext, auth: AuthContext, caseId: string, input: ActionInput, ip: string | null): Promise<CaseRow> {
  const c = await caseByIdUnscoped(trx, caseId);
  if (!c) throw notFound('办件');
  return runAction(trx, ctx, auth, c, input, ip, true);
}

async function runAction(trx: Tx, ctx: AppContext, auth: AuthContext, c: CaseRow, input: ActionInput, ip: string | null, delegated: boolean): Promise<CaseRow> {
  if (!mayReadCaseType(auth, c.case_type)) throw forbidden();
  const def = caseTypeOf(c.case_type);
  if (!def) throw notFound('办件');
  const action = def.actions[input.action];
  if (!action || !!action.delegated !== delegated) throw badRequest(`该办件没有“${input.action}”这一操作`);
  if (!action.from.includes(c.status)) {
    if (def.messages?.closed && !def.states[c.status]?.open) throw new AppError(409, 'CLOSED', def.messages.closed);
    throw new AppError(409, 'WRONG_STATE', `办件当前为“${def.states[c.status]?.label ?? c.status}”，不能${action.label}`);
  }
  if (!hasPermission(auth.roles, action.permission)) throw forbidden(`没有权限${action.label}`);
  if (!delegated && !actorMayAct(action.actor ?? 'waiting', c, auth.scope)) throw forbidden(`该办件不在本单位办理，不能${action.label}`);
  const payload = def.payload.parse(JSON.parse(c.payload));
  if (action.mayAct && !action.mayAct(c, auth, payload)) throw forbidden(`您不是该办件的承办人员，不能${action.label}`);
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
  if (input.version !== c.version) throw conflict(def.messages?.stale ?? '该办件已被他人处理，请刷新后再操作');
  const at = ctx.clock.now().toISOString();
  // the tree lock before the effect: it and the waiting unit below store paths read under it
  await lockOrgTree(trx, ctx.dialect, 'shared');
  const route: ActionRoute = {};
  const next = (await action.effect?.({ trx, ctx, auth, caseRow: c, payload, comment: input.comment, at, input: data, route })) ?? payload;
  const owner = route.owner ?? (await unitForWriteUnscoped(trx, ctx.dialect, c.org_unit_id));
  const counterpart = route.counterpart !== undefined ? route.counterpart : c.counterpart_unit_id ? await unitForWriteUnscoped(trx, ctx.dialect, c.counterpart_unit_id) : null;
  const to = action.to === SAME_STATE ? c.status : action.to;
  const waiting = waitingOf(def, to, owner, counterpart);
  const open = def.states[to].open;
  // the state is entered anew when the status or the unit it waits on changes; else its clock runs on
  const entered = to !== c.status || (waiting?.path ?? null) !== c.waiting_path ? at : c.waiting_since;
  const due = await dueOf(ctx, trx, def, to, next as Record<string, unknown>, entered);
  const ok = await (delegated ? appendActionUnscoped : appendAction)(
    auth.scope,
    trx,
    c,
    {
      status: to,
      open: open ? 1 : 0,
      ...(route.owner && { org_unit_id: owner.id, org_path: owner.path }),
      ...(route.counterpart !== undefined && { counterpart_unit_id: counterpart?.id ?? null, counterpart_path: counterpart?.path ?? null }),
      waiting_unit_id: waiting?.id ?? null,
      waiting_path: waiting?.path ?? null,
      payload: JSON.stringify(next),
      due_day: due.dueDay,
      due_at: due.dueAt,
      waiting_since: entered,
      updated_at: at,
      // an action that keeps a closed case closed (a record added afterwards) keeps its closing time
      closed_at: open ? null : c.open === 1 ? at : c.closed_at,
    },
    {
      action: input.action,
      from_status: c.status,
      to_status: to,
      actor_user_id: auth.userId,
      actor_name: auth.displayName,
      actor_unit_name: auth.unit.name,
      at,
      comment: input.comment,
      data: dataJson(data),
    },
  );
  if (!ok) throw conflict('该办件已被他人处理，请刷新后再操作');
  // a new counterpart gets its grant, as on opening; an old owner keeps sight only if the effect granted it
  if (route.counterpart && route.counterpart.id !== c.counterpart_unit_id) await grantCaseAccessUnscoped(trx, c.id, { unit: route.counterpart }, at);
  const stored = await caseByIdUnscoped(trx, c.id);
  if (!stored) throw notFound('办件');
  await writeMirror(trx, stored);
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
  await publish(trx, ctx, caseActed, {
    caseId: c.id,
    type: c.case_type,
    typeLabel: def.label,
    title: stored.title,
    action: input.action,
    actionLabel: action.label,
    opened: false,
    fromStatus: c.status,
    toStatus: to,
    toStatusLabel: def.states[to].label,
    open,
    waitsOn: def.states[to].waitsOn,
    fromWaitsOn: def.states[c.status]?.waitsOn ?? null,
    owner: { id: stored.org_unit_id, path: stored.org_path },
    counterpart: unitOf(stored.counterpart_unit_id, stored.counterpart_path),
    waiting: unitOf(stored.waiting_unit_id, stored.waiting_path),
    previousWaiting: unitOf(c.waiting_unit_id, c.waiting_path),
    actor: { userId: auth.userId, name: auth.displayName, unitId: auth.unit.id, unitPath: auth.unit.path, unitName: auth.unit.name },
    link: def.link(stored),
    assigneeUserId: assigneeOf(next),
    dueDay: stored.due_day,
    dueAt: stored.due_at,
    at,
  });
  return stored;
}
