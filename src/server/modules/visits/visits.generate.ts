// Generation of the visits owed 应访名单 (SPEC §4, seed Part 5 三(二), §27). The dates come from
// shared/rules/visit-rules.ts; here they become rows.
//
// - Idempotent: every owed visit has a dedupe key (`sf:2027:<recipient>`, `kp:ad:2026:<recipient>`,
//   `bd:<age>:<recipient>`, `tr:<trigger>` …, unique in the table) and rows are inserted with
//   ON CONFLICT (dedupe_key) DO NOTHING, so a second run owes nothing twice, and a row once done
//   or cancelled is never owed again.
// - Set-based: a range is read 2,000 recipients at a time in the list index's order, the rows of a
//   chunk are computed in memory and inserted 1,024 per statement, one transaction per chunk (a
//   long run never holds SQLite's single connection for more than a chunk).
// - Incremental: approval into the registry, a death and a trigger call the `…In(trx, …)`
//   functions inside their own transaction, for that person only.
import { shanghaiDay } from '../../../shared/rules/dates';
import {
  calendarDueEntries,
  generationRange,
  ownerUnit,
  raisesReturnHome,
  triggerDueEntry,
  type DueEntry,
  type OwnerKind,
} from '../../../shared/rules/visit-rules';
import type { VisitSettings, VisitTriggerKind, VisitTriggerSource } from '../../../shared/schemas/visits';
import type { Db } from '../../db/client';
import { transaction, type Tx } from '../../db/transaction';
import { newId } from '../../platform/ids';
import { pathInScope, type Scope } from '../../platform/jurisdiction';
import { notFound } from '../../platform/errors';
import { dialectOf, lockOrgTree, unitForWriteUnscoped, placedAt, unitsForWriteUnscoped, type StoredUnit, type TreeLock } from '../../platform/stored-unit.repo';
import {
  cancelOpenDueOfRecipientUnscoped,
  existingDedupeKeysUnscoped,
  generationChunkUnscoped,
  insertDueVisitsUnscoped,
  insertTrigger,
  moveVisitRecordsUnscoped,
  reassignVisitRecordsUnscoped,
  openDueOfRecipientUnscoped,
  setDueOwnerUnscoped,
  triggersWithoutDueUnscoped,
  type GenRecipientRow,
  type StoredDueVisit,
  type TriggerGenRow,
} from './visits.repo';
import { readVisitSettings } from './visits.settings';

/** Recipients read per chunk (one transaction each). */
export const GENERATION_CHUNK = 2000;
/** Chunks in flight at once on PostgreSQL (each on its own connection). */
export const GENERATION_PARALLEL_PG = 2;

/**
 * Who owes what: the owner unit of a recipient's unit, per owner kind. Every unit here was read
 * under the tree lock in the transaction that writes the rows (a StoredUnit), so the paths copied
 * into owed visits are current; a new Owners is built per transaction, never carried across one.
 */
class Owners {
  private readonly cache = { routine: new Map<string, StoredUnit>(), county: new Map<string, StoredUnit>() };
  constructor(
    private readonly units: Map<string, StoredUnit>,
    private readonly settings: VisitSettings,
  ) {}
  /** The recipient's unit as read under the lock (a merged unit's id stands for its target). */
  unit(unitId: string): StoredUnit {
    const u = this.units.get(unitId);
    if (!u) throw new Error(`unit ${unitId} not found`);
    return u;
  }
  of(unitId: string, kind: OwnerKind): StoredUnit {
    const cache = this.cache[kind];
    let hit = cache.get(unitId);
    if (!hit) {
      const chain = this.unit(unitId)
        .path.split('/')
        .filter(Boolean)
        .flatMap((id) => {
          const u = this.units.get(id);
          return u ? [u] : [];
        });
      hit = ownerUnit(chain, kind, this.settings);
      cache.set(unitId, hit);
    }
    return hit;
  }
}

/**
 * Reads the recipients' units and their ancestors under the tree lock the caller's transaction
 * holds. Bulk generation: the chunk of recipients is read in the same transaction after the lock,
 * so their unit ids and these units' paths agree with every other row a move may rewrite.
 */
async function ownersFor(trx: Tx, lock: TreeLock, settings: VisitSettings, unitIds: readonly string[]): Promise<Owners> {
  const units = await unitsForWriteUnscoped(trx, lock, unitIds);
  const ancestors = new Set<string>();
  for (const u of units.values()) for (const id of u.path.split('/').filter(Boolean)) if (!units.has(id)) ancestors.add(id);
  for (const [id, u] of await unitsForWriteUnscoped(trx, lock, [...ancestors])) units.set(id, u);
  return new Owners(units, settings);
}

function martyrDeathDateOf(r: GenRecipientRow): string | null {
  if (!r.deceased_soldier) return null;
  try {
    const s = JSON.parse(r.deceased_soldier) as { deathKind?: string; deathDate?: string | null };
    return s.deathKind === 'martyr' && s.deathDate ? s.deathDate : null;
  } catch {
    return null;
  }
}

function dueRow(r: { id: string; org_unit_id: string }, e: DueEntry, owners: Owners, at: string, trigger: { id: string; kind: string } | null): StoredDueVisit {
  return rowOf(r.id, owners.unit(r.org_unit_id), owners.of(r.org_unit_id, e.owner), e, at, trigger);
}

/** An owed visit as stored (one object literal: a run builds 200,000 of them). */
function rowOf(recipientId: string, unit: StoredUnit, owner: StoredUnit, e: DueEntry, at: string, trigger: { id: string; kind: string } | null): StoredDueVisit {
  return {
    id: newId(),
    recipient_id: recipientId,
    org_unit_id: unit.id,
    org_path: unit.path,
    owner_unit_id: owner.id,
    owner_path: owner.path,
    reason: e.reason,
    trigger_id: trigger?.id ?? null,
    trigger_kind: trigger?.kind ?? null,
    occasion_day: e.occasionDay,
    window_start: e.windowStart,
    window_end: e.windowEnd,
    dedupe_key: e.dedupeKey,
    assigned_user_id: null,
    status: 'owed',
    visit_id: null,
    done_on: null,
    created_at: at,
    updated_at: at,
  };
}

function calendarRows(list: readonly GenRecipientRow[], settings: VisitSettings, range: { from: string; to: string }, owners: Owners, at: string): StoredDueVisit[] {
  const rows: StoredDueVisit[] = [];
  for (const r of list) {
    const entries = calendarDueEntries(
      {
        id: r.id,
        birthDate: r.birth_date,
        lunarBirthday: r.lunar_birthday === 1,
        careMask: r.care_mask,
        keyGroupMask: r.key_groups,
        kind: r.kind,
        martyrDeathDate: martyrDeathDateOf(r),
      },
      settings,
      range,
    );
    if (!entries.length) continue;
    // the recipient's unit and owners once per person, not per owed visit
    const unit = owners.unit(r.org_unit_id);
    const routine = owners.of(r.org_unit_id, 'routine');
    for (const e of entries) rows.push(rowOf(r.id, unit, e.owner === 'routine' ? routine : owners.of(r.org_unit_id, e.owner), e, at, null));
  }
  return rows;
}

function triggerRows(list: readonly TriggerGenRow[], settings: VisitSettings, owners: Owners, at: string): StoredDueVisit[] {
  return list.map((t) =>
    dueRow({ id: t.recipient_id, org_unit_id: t.org_unit_id }, triggerDueEntry({ id: t.id, kind: t.kind as VisitTriggerKind, eventDay: t.event_day }, settings), owners, at, {
      id: t.id,
      kind: t.kind,
    }),
  );
}

export type GenerationReport = { created: number; recipients: number; from: string; to: string; ms: number };

/**
 * Generates the owed visits of a range (a unit's path; '/' for the whole deployment) for `today`:
 * calendar visits whose windows overlap [today, today + horizon], and the owed visit of every
 * trigger that has none yet. Runs outside any request transaction: one transaction per chunk, which
 * takes the tree lock shared, then reads its recipients and their units, computes and inserts the
 * rows (a unit move waits for the chunk, or the chunk reads the moved paths). On PostgreSQL two
 * chunks are in flight at once (the next starts once the one before has read its recipients).
 */
export async function generateForRange(db: Db, unitPath: string, today: string, at: string, opts: { chunk?: number; settings?: VisitSettings } = {}): Promise<GenerationReport> {
  const started = Date.now();
  const settings = opts.settings ?? (await readVisitSettings(db));
  const range = generationRange(today, settings);
  const chunk = opts.chunk ?? GENERATION_CHUNK;
  let created = 0;
  let recipients = 0;
  let after: { path: string; name: string; id: string } | null = null;
  // PostgreSQL: a chunk's transaction starts as soon as the one before has read its recipients (the
  // cursor), so the server inserts one chunk while the next is read and computed — two at a time, on
  // their own connections. SQLite has one connection: one chunk at a time.
  const parallel = dialectOf(db) === 'postgres' ? GENERATION_PARALLEL_PG : 1;
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  for (;;) {
    let cursorOf!: (next: { path: string; name: string; id: string } | null) => void;
    const cursor = new Promise<{ path: string; name: string; id: string } | null>((resolve) => (cursorOf = resolve));
    const from = after;
    const step: Promise<void> = transaction(db, async (trx) => {
      const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
      const list = await generationChunkUnscoped(trx, { unitPath }, from, chunk);
      const last = list[list.length - 1];
      cursorOf(last && list.length === chunk ? { path: last.org_path, name: last.name, id: last.id } : null);
      if (!list.length) return;
      const owners = await ownersFor(trx, lock, settings, list.map((r) => r.org_unit_id));
      const rows = calendarRows(list, settings, range, owners, at);
      // a rerun finds most keys owed already: skip them here (ON CONFLICT still guards a concurrent run)
      const existing = await existingDedupeKeysUnscoped(trx, list.map((r) => r.id));
      const fresh = existing.size ? rows.filter((r) => !existing.has(r.dedupe_key)) : rows;
      const n = fresh.length ? await insertDueVisitsUnscoped(trx, fresh) : 0;
      recipients += list.length;
      created += n;
    }).catch((e: unknown) => {
      failures.push(e);
      cursorOf(null);
    });
    running.add(step);
    void step.finally(() => running.delete(step));
    after = await cursor;
    if (!after || failures.length) break;
    while (running.size >= parallel) await Promise.race(running);
  }
  await Promise.all(running);
  if (failures.length) throw failures[0];
  created += await transaction(db, async (trx) => {
    const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
    const triggers = await triggersWithoutDueUnscoped(trx, { unitPath });
    if (!triggers.length) return 0;
    const owners = await ownersFor(trx, lock, settings, triggers.map((t) => t.org_unit_id));
    return insertDueVisitsUnscoped(trx, triggerRows(triggers, settings, owners, at));
  });
  return { created, recipients, from: range.from, to: range.to, ms: Date.now() - started };
}

/** Generates inside the caller's transaction for some recipients (and their triggers without an owed visit). */
export async function generateForRecipientsIn(trx: Tx, recipientIds: string[], today: string, at: string): Promise<number> {
  if (!recipientIds.length) return 0;
  const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
  const settings = await readVisitSettings(trx);
  const range = generationRange(today, settings);
  const list = await generationChunkUnscoped(trx, { unitPath: '/', ids: recipientIds }, null, recipientIds.length);
  const triggers = await triggersWithoutDueUnscoped(trx, { unitPath: '/', recipientIds });
  const owners = await ownersFor(trx, lock, settings, [...list.map((r) => r.org_unit_id), ...triggers.map((t) => t.org_unit_id)]);
  const rows = [...calendarRows(list, settings, range, owners, at), ...triggerRows(triggers, settings, owners, at)];
  return insertDueVisitsUnscoped(trx, rows);
}

export type NewTrigger = {
  /** the recipient's unit id as the caller read it (a merged unit stands for its target) */
  recipient: { id: string; org_unit_id: string };
  kind: VisitTriggerKind;
  eventDay: string;
  note: string;
  source: VisitTriggerSource;
  createdBy: string;
  at: string;
};

/** Records a trigger and its owed visit in the caller's transaction; returns both ids. */
export async function recordTriggerIn(trx: Tx, scope: Scope | null, t: NewTrigger): Promise<{ triggerId: string; dueVisitId: string | null }> {
  const triggerId = newId();
  const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
  const settings = await readVisitSettings(trx);
  const owners = await ownersFor(trx, lock, settings, [t.recipient.org_unit_id]);
  const unit = owners.unit(t.recipient.org_unit_id);
  // the caller's range was read at the start of the request: a unit moved out of it since is not theirs to write
  if (scope && !pathInScope(scope, unit.path)) throw notFound('服务对象');
  await insertTrigger(scope, trx, {
    id: triggerId,
    recipient_id: t.recipient.id,
    ...placedAt(unit),
    kind: t.kind,
    event_day: t.eventDay,
    note: t.note,
    source: t.source,
    created_by: t.createdBy,
    created_at: t.at,
  });
  const rows = triggerRows([{ id: triggerId, recipient_id: t.recipient.id, org_unit_id: t.recipient.org_unit_id, org_path: unit.path, kind: t.kind, event_day: t.eventDay }], settings, owners, t.at);
  await insertDueVisitsUnscoped(trx, rows);
  return { triggerId, dueVisitId: rows[0].id };
}

type RegisteredRecipient = { id: string; org_unit_id: string; kind: string; discharge_date: string | null };

/** Recipients generated for per statement group when many register at once (an Excel import's batch). */
const REGISTERED_CHUNK = 1000;

/**
 * Entry into the registry (in the approval's or the import's transaction): a veteran discharged
 * within the last RETURN_HOME_DAYS gets a returnHome trigger (退役返乡必访, event day = the day of
 * registration), and the people's calendar visits of the coming period are owed.
 */
export async function onRecipientsRegisteredIn(trx: Tx, list: readonly RegisteredRecipient[], at: string, actorUserId: string): Promise<void> {
  const today = shanghaiDay(new Date(at));
  for (const r of list) {
    if (raisesReturnHome({ kind: r.kind, dischargeDate: r.discharge_date }, today)) {
      const recipient = { id: r.id, org_unit_id: r.org_unit_id };
      await recordTriggerIn(trx, null, { recipient, kind: 'returnHome', eventDay: today, note: `退役时间 ${r.discharge_date}`, source: 'registry', createdBy: actorUserId, at });
    }
  }
  for (let i = 0; i < list.length; i += REGISTERED_CHUNK) {
    await generateForRecipientsIn(trx, list.slice(i, i + REGISTERED_CHUNK).map((r) => r.id), today, at);
  }
}

/**
 * A death recorded (in its transaction): the person's open owed visits are cancelled, and a
 * veteran's death owes a visit to the family (veteranDeath trigger on the day of death).
 */
export async function onRecipientDiedIn(trx: Tx, r: { id: string; org_unit_id: string; kind: string }, deathDate: string, at: string, actorUserId: string): Promise<void> {
  await cancelOpenDueOfRecipientUnscoped(trx, r.id, at);
  if (r.kind === 'veteran') {
    await recordTriggerIn(trx, null, { recipient: { id: r.id, org_unit_id: r.org_unit_id }, kind: 'veteranDeath', eventDay: deathDate, note: '', source: 'registry', createdBy: actorUserId, at });
  }
}

/**
 * A transfer accepted (in its transaction): the person's visit records follow them to the new
 * unit, and their open owed visits pass to the owners on the receiving side (unassigned).
 */
export async function onRecipientMovedIn(trx: Tx, recipientId: string, unit: StoredUnit, at: string): Promise<void> {
  await moveVisitRecordsUnscoped(trx, recipientId, unit);
  const open = await openDueOfRecipientUnscoped(trx, recipientId);
  if (!open.length) return;
  const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
  const settings = await readVisitSettings(trx);
  const owners = await ownersFor(trx, lock, settings, [unit.id]);
  const county = open.filter((d) => d.reason === 'keyPerson').map((d) => d.id);
  const routine = open.filter((d) => d.reason !== 'keyPerson').map((d) => d.id);
  await setDueOwnerUnscoped(trx, routine, owners.of(unit.id, 'routine'), at);
  await setDueOwnerUnscoped(trx, county, owners.of(unit.id, 'county'), at);
}

/**
 * A duplicate merged (in the merge's transaction): the merged-away record's open owed visits are
 * cancelled (the remaining record owes its own), and its visit history follows the remaining one.
 */
export async function onRecipientMergedIn(trx: Tx, fromId: string, into: { id: string; unitId: string }, at: string): Promise<void> {
  await cancelOpenDueOfRecipientUnscoped(trx, fromId, at);
  // the remaining record's unit as it is now, under the tree lock
  await reassignVisitRecordsUnscoped(trx, fromId, { id: into.id, unit: await unitForWriteUnscoped(trx, dialectOf(trx), into.unitId) });
}
