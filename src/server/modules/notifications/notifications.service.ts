// Notifications 消息通知 (issue 16): made from the kernel's case events (in the acting
// transaction) and by the daily job (due soon / overdue from the work queue, an upper unit's late
// children from obligations, and the digest); read,
// marked and configured by their user alone; a unit's group-robot webhook set within range.
import { hasPermission, permissionsOf, readPermissionOf, type Role } from '../../../shared/permissions';
import { shanghaiDay } from '../../../shared/rules/dates';
import {
  defaultPreference,
  notificationKindLabels,
  preferenceKinds,
  type NotificationDto,
  type NotificationKind,
  type NotificationListQuery,
  type PreferenceDto,
  type PreferenceKind,
  type PreferencesUpdate,
  type WebhookDto,
  type WebhookUpdate,
} from '../../../shared/schemas/notifications';
import type { OrgLevel } from '../../../shared/schemas/org-units';
import { transaction, type Tx } from '../../db/transaction';
import type { NotificationTable } from '../../db/types';
import { caseTypeOf } from '../../cases/case-type';
import type { CaseActed } from '../../cases/case-events';
import { workQueue } from '../../cases/work-queue';
import { lateChildrenOf, type LateChildren } from '../obligations';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { rolesOfRow } from '../../platform/roles';
import { unitForWrite } from '../../platform/stored-unit.repo';
import {
  activeStaffUnscoped,
  countUnreadMine,
  deleteWebhook,
  enqueueUnscoped,
  insertNotificationsUnscoped,
  listMine,
  markAllReadMine,
  markReadMine,
  preferencesMine,
  preferencesOfUnscoped,
  saveWebhook,
  savePreferencesMine,
  unitInScope,
  unitNamesUnscoped,
  unitsWithWebhookUnscoped,
  unreadByKindUnscoped,
  usersByIdUnscoped,
  usersOfUnitUnscoped,
  webhookInScope,
  type NotificationRow,
  type PreferenceRow,
  type StaffRow,
} from './notifications.repo';
import { caseBody, caseMarkdown, caseTitle, digestMarkdown, digestText, dueBody, dueMarkdown, dueTitle, lateChildrenBody, lateChildrenTitle, urlHint, type CaseText } from './notifications.text';

type Ip = string | null;
type Pref = { inApp: boolean; digest: boolean; webhook: boolean };

function prefMap(rows: readonly PreferenceRow[]): (userId: string, kind: PreferenceKind | NotificationKind) => Pref {
  const m = new Map(rows.map((r) => [`${r.user_id}:${r.kind}`, { inApp: r.in_app === 1, digest: r.digest === 1, webhook: r.webhook === 1 }]));
  return (userId, kind) => m.get(`${userId}:${kind}`) ?? defaultPreference(kind);
}

function toDto(r: NotificationRow): NotificationDto {
  const kind = r.kind as NotificationKind;
  return { id: r.id, kind, kindLabel: notificationKindLabels[kind] ?? r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, read: r.read_at !== null };
}

// ---- made from the kernel's case events ----

/**
 * After a case is opened or acted on (same transaction): "waiting for you" to the users of the unit
 * it now waits on who may take one of its next actions, or "returned to you" when a state that waits
 * on the owner follows one that waited on the counterpart; the named handler alone when the case has
 * one in that unit. One message to the unit's group robot when it has a webhook and a receiver wants it.
 */
export async function notifyCaseActed(trx: Tx, ctx: AppContext, e: CaseActed): Promise<void> {
  if (!e.open || !e.waiting) return;
  // a progress entry that leaves the case where it waited tells nobody anything new
  if (!e.opened && e.fromStatus === e.toStatus && e.previousWaiting?.id === e.waiting.id) return;
  const def = caseTypeOf(e.type);
  if (!def) return;
  const next = Object.values(def.actions).filter((a) => a.from.includes(e.toStatus) && (a.actor ?? 'waiting') === 'waiting' && !a.delegated);
  if (!next.length) return;
  const kind: 'waiting' | 'returned' = !e.opened && e.waitsOn === 'owner' && e.fromWaitsOn === 'counterpart' ? 'returned' : 'waiting';
  const mayAct = (u: StaffRow) => {
    const roles = rolesOfRow(u.roles) as Role[];
    return hasPermission(roles, readPermissionOf(def.domain)) && next.some((a) => hasPermission(roles, a.permission));
  };
  let users = (await usersOfUnitUnscoped(trx, e.waiting.id)).filter((u) => u.id !== e.actor.userId && mayAct(u));
  if (e.assigneeUserId && e.assigneeUserId !== e.actor.userId) {
    const named = users.find((u) => u.id === e.assigneeUserId) ?? (await usersByIdUnscoped(trx, [e.assigneeUserId])).find((u) => u.org_unit_id === e.waiting!.id && mayAct(u));
    if (named) users = [named];
  }
  if (!users.length) return;
  const prefs = prefMap(await preferencesOfUnscoped(trx, users.map((u) => u.id)));
  const unitName = (await unitNamesUnscoped(trx, [e.waiting.id])).get(e.waiting.id) ?? '';
  const text: CaseText = {
    kind,
    typeLabel: e.typeLabel,
    actionLabel: e.actionLabel,
    nextLabels: [...new Set(next.map((a) => a.label))],
    opened: e.opened,
    toStatusLabel: e.toStatusLabel,
    actorName: e.actor.name,
    actorUnitName: e.actor.unitName,
    unitName,
    dueDay: e.dueDay,
    dueAt: e.dueAt,
  };
  const title = caseTitle(text);
  const body = caseBody(text);
  const rows: NotificationTable[] = users
    .filter((u) => prefs(u.id, kind).inApp)
    .map((u) => ({ id: newId(), user_id: u.id, kind, title, body, link: e.link, case_id: e.caseId, dedupe_key: null, created_at: e.at, read_at: null }));
  await insertNotificationsUnscoped(trx, rows);
  if (users.some((u) => prefs(u.id, kind).webhook) && (await unitsWithWebhookUnscoped(trx, [e.waiting.id])).size) {
    await enqueueUnscoped(trx, outboxRow(e.waiting.id, caseMarkdown(text), e.at, null));
  }
}

function outboxRow(unitId: string, content: string, at: string, dedupeKey: string | null) {
  return { id: newId(), org_unit_id: unitId, content, state: 'pending', attempts: 0, next_attempt_at: at, last_error: '', dedupe_key: dedupeKey, created_at: at, sent_at: null };
}

// ---- the user's own notifications ----

export async function listNotifications(ctx: AppContext, auth: AuthContext, q: NotificationListQuery) {
  const r = await listMine(auth.scope, ctx.db, { kind: q.kind, unread: q.unread === undefined ? undefined : q.unread === 'true', page: q.page, pageSize: q.pageSize });
  return { items: r.items.map(toDto), total: r.total, totalCapped: r.totalCapped, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(ctx: AppContext, auth: AuthContext) {
  return { unread: await countUnreadMine(auth.scope, ctx.db) };
}

export async function markRead(ctx: AppContext, auth: AuthContext, id: string) {
  if (!(await markReadMine(auth.scope, ctx.db, id, ctx.clock.now().toISOString()))) throw notFound('消息');
  return unreadCount(ctx, auth);
}

export async function markAllRead(ctx: AppContext, auth: AuthContext) {
  return { updated: await markAllReadMine(auth.scope, ctx.db, ctx.clock.now().toISOString()) };
}

export async function preferences(ctx: AppContext, auth: AuthContext): Promise<{ items: PreferenceDto[] }> {
  const p = prefMap(await preferencesMine(auth.scope, ctx.db));
  return { items: preferenceKinds.map((kind) => ({ kind, kindLabel: notificationKindLabels[kind], ...p(auth.userId, kind) })) };
}

export async function changePreferences(ctx: AppContext, auth: AuthContext, body: PreferencesUpdate) {
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, (trx) =>
    savePreferencesMine(
      auth.scope,
      trx,
      body.items.map((i) => ({ kind: i.kind, in_app: i.inApp ? 1 : 0, digest: i.digest ? 1 : 0, webhook: i.webhook ? 1 : 0 })),
      at,
    ),
  );
  return preferences(ctx, auth);
}

// ---- a unit's group-robot webhook ----

/** Who may change a unit's webhook: a system admin within range, or the unit's own head. */
function mayChangeWebhook(auth: AuthContext, unitId: string): boolean {
  return hasPermission(auth.roles, 'staff:write') || (hasPermission(auth.roles, 'unit:head') && auth.unit.id === unitId);
}

export async function webhookOf(ctx: AppContext, auth: AuthContext, unitId: string): Promise<WebhookDto> {
  // the unit itself must be in range (404 otherwise, whether or not a webhook is set)
  if (!(await unitInScope(auth.scope, ctx.db, unitId))) throw notFound('单位');
  const w = await webhookInScope(auth.scope, ctx.db, unitId);
  return { orgUnitId: unitId, configured: !!w, urlHint: w?.url_hint ?? null, updatedAt: w?.updated_at ?? null, mayChange: mayChangeWebhook(auth, unitId) };
}

export async function changeWebhook(ctx: AppContext, auth: AuthContext, unitId: string, body: WebhookUpdate, ip: Ip): Promise<WebhookDto> {
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, unitId);
    if (!mayChangeWebhook(auth, unitId)) throw forbidden('只有本单位负责人或系统管理员可以设置推送地址');
    if (body.url) await saveWebhook(trx, unit, { url_enc: ctx.crypto.encrypt(body.url), url_hint: urlHint(body.url), updated_by: auth.userId, updated_at: at });
    else await deleteWebhook(trx, unit);
    await auditAction(trx, ctx, auth, body.url ? 'notification.webhook-set' : 'notification.webhook-clear', 'org_unit', unitId, ip, body.url ? urlHint(body.url) : null);
  });
  return webhookOf(ctx, auth, unitId);
}

// ---- the daily job: due soon, overdue, digest ----

type StaffWithUnit = Awaited<ReturnType<typeof activeStaffUnscoped>>[number];

/** The auth of a staff user as the job sees them (no session): what the work queue needs. */
function jobAuthOf(u: StaffWithUnit): AuthContext {
  const roles = rolesOfRow(u.roles) as Role[];
  return {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    permissions: permissionsOf(roles),
    unit: { id: u.org_unit_id, name: u.unit_name, level: u.unit_level as OrgLevel, code: u.unit_code, path: u.unit_path },
    scope: { userId: u.id, orgUnitId: u.org_unit_id, path: u.unit_path },
    passwordChangedAt: u.password_changed_at,
    totpEnabled: false,
  };
}

export type DailyResult = { users: number; due: number; digests: number; messages: number };

/**
 * Once a day (idempotent: every notification carries its day in its dedupe key): for each active
 * staff user, "due soon" / "overdue" for each item of their work queue so marked (one per item per
 * day), "overdue" for each (definition, period) their upper unit's children have not all recorded past
 * its due day and before it locks (obligations' `lateChildrenOf`; one per day, counted in the unit's
 * message with the overdue items), then the digest of their unread notifications of the kinds they include in it (in the bell
 * unless they turned the digest's in-app preference off); one message per unit with a webhook
 * counting its users' due items, and one with the digests of the users who send theirs to the group
 * (the digest's webhook preference; off by default). Every message goes through the outbox.
 */
export async function runDailyNotifications(ctx: AppContext): Promise<DailyResult> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const day = shanghaiDay(now);
  const out: DailyResult = { users: 0, due: 0, digests: 0, messages: 0 };
  // per unit: the due items its users see (a case waiting on the unit is in each of their queues: counted once)
  const unitCounts = new Map<string, { name: string; dueSoon: Set<string>; overdue: Set<string>; wanted: boolean }>();
  // per unit: the digests its users send to the group
  const unitDigests = new Map<string, { name: string; users: { name: string; counts: { kind: NotificationKind; n: number }[] }[] }>();
  // per unit: its late children, computed once for all its users who read obligations
  const lateMemo = new Map<string, Promise<LateChildren[]>>();
  let after: string | null = null;
  for (;;) {
    const batch: StaffWithUnit[] = await activeStaffUnscoped(ctx.db, after, 200);
    if (!batch.length) break;
    after = batch[batch.length - 1].id;
    for (const u of batch) {
      const auth = jobAuthOf(u);
      if (!auth.permissions.some((p) => p.endsWith(':read'))) continue;
      out.users++;
      const prefs = prefMap(await preferencesOfUnscoped(ctx.db, [u.id]));
      const q = await workQueue(ctx, auth);
      const rows: NotificationTable[] = [];
      const uc = unitCounts.get(u.org_unit_id) ?? { name: u.unit_name, dueSoon: new Set<string>(), overdue: new Set<string>(), wanted: false };
      for (const item of q.items) {
        const kind: PreferenceKind | null = item.overdue ? 'overdue' : item.dueSoon ? 'dueSoon' : null;
        if (!kind) continue;
        uc[kind].add(`${item.provider}:${item.id}`);
        if (prefs(u.id, kind).webhook) uc.wanted = true;
        if (!prefs(u.id, kind).inApp) continue;
        rows.push({ id: newId(), user_id: u.id, kind, title: dueTitle(kind, item.typeLabel), body: dueBody(item), link: item.link, case_id: item.provider === 'cases' ? item.id : null, dedupe_key: `${kind}:${item.provider}:${item.id}:${day}`, created_at: at, read_at: null });
      }
      // an upper unit's late children (obligations): one `overdue` per (definition, period) a day
      for (const l of await lateChildrenOf(ctx, auth, lateMemo)) {
        const id = `${l.definitionId}:${l.period}`;
        uc.overdue.add(`obligations-children:${id}`);
        if (prefs(u.id, 'overdue').webhook) uc.wanted = true;
        if (!prefs(u.id, 'overdue').inApp) continue;
        rows.push({ id: newId(), user_id: u.id, kind: 'overdue', title: lateChildrenTitle(l), body: lateChildrenBody(l), link: l.link, case_id: null, dedupe_key: `overdue:obligations-children:${id}:${day}`, created_at: at, read_at: null });
      }
      unitCounts.set(u.org_unit_id, uc);
      await transaction(ctx.db, async (trx) => {
        out.due += await insertNotificationsUnscoped(trx, rows);
        const unread = (await unreadByKindUnscoped(trx, u.id))
          .map((r) => ({ kind: r.kind as NotificationKind, n: Number(r.n) }))
          .filter((r) => r.n > 0 && prefs(u.id, r.kind).digest);
        if (unread.length) {
          const d = digestText(unread);
          const pref = prefs(u.id, 'digest');
          if (pref.inApp) out.digests += await insertNotificationsUnscoped(trx, [{ id: newId(), user_id: u.id, kind: 'digest', title: d.title, body: d.body, link: '/notifications', case_id: null, dedupe_key: `digest:${day}`, created_at: at, read_at: null }]);
          if (pref.webhook) {
            const ud = unitDigests.get(u.org_unit_id) ?? { name: u.unit_name, users: [] };
            ud.users.push({ name: u.display_name, counts: unread });
            unitDigests.set(u.org_unit_id, ud);
          }
        }
      });
    }
  }
  const wanted = [...unitCounts.entries()].filter(([, c]) => c.wanted && c.dueSoon.size + c.overdue.size > 0);
  const withHook = await unitsWithWebhookUnscoped(ctx.db, wanted.map(([id]) => id));
  for (const [unitId, c] of wanted) {
    if (!withHook.has(unitId)) continue;
    await enqueueUnscoped(ctx.db, outboxRow(unitId, dueMarkdown(c.name, day, { dueSoon: c.dueSoon.size, overdue: c.overdue.size }), at, `due:${day}`));
    out.messages++;
  }
  const digestHook = await unitsWithWebhookUnscoped(ctx.db, [...unitDigests.keys()]);
  for (const [unitId, d] of unitDigests) {
    if (!digestHook.has(unitId)) continue;
    await enqueueUnscoped(ctx.db, outboxRow(unitId, digestMarkdown(d.name, day, d.users), at, `digest:${day}`));
    out.messages++;
  }
  return out;
}
