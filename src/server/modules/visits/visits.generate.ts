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
  type UnitLevelPath,
} from '../../../shared/rules/visit-rules';
import type { VisitSettings, VisitTriggerKind, VisitTriggerSource } from '../../../shared/schemas/visits';
import type { Db } from '../../db/client';
import { systemDb } from '../../db/system';
import { transaction, type Tx } from '../../db/transaction';
import type { DueVisitTable } from '../../db/types';
import { newId } from '../../platform/ids';
import type { Scope } from '../../platform/jurisdiction';
import {
  cancelOpenDueOfRecipient,
  existingDedupeKeysUnscoped,
  generationChunkUnscoped,
  insertDueVisitsIgnoringDuplicates,
  insertTrigger,
  moveVisitRecordsUnscoped,
  reassignVisitRecordsUnscoped,
  openDueOfRecipientUnscoped,
  setDueOwner,
  triggersWithoutDueUnscoped,
  unitsByIdsUnscoped,
  unitsForGenerationUnscoped,
  type GenRecipientRow,
  type TriggerGenRow,
  type UnitRow,
} from './visits.repo';
import { readVisitSettings } from './visits.settings';

/** Recipients read per chunk (one transaction each). */
export const GENERATION_CHUNK = 2000;

/** Who owes what: the owner unit of a recipient's unit, per owner kind, cached by path. */
class Owners {
  private readonly units = new Map<string, UnitRow>();
  private readonly cache = new Map<string, UnitLevelPath>();
  constructor(
    list: readonly UnitRow[],
    private readonly settings: VisitSettings,
  ) {
    for (const u of list) this.units.set(u.id, u);
  }
  missing(paths: readonly string[]): string[] {
    const ids = new Set<string>();
    for (const p of paths) for (const id of p.split('/').filter(Boolean)) if (!this.units.has(id)) ids.add(id);
    return [...ids];
  }
  add(list: readonly UnitRow[]): void {
    for (const u of list) this.units.set(u.id, u);
  }
  of(orgPath: string, kind: OwnerKind): UnitLevelPath {
    const key = `${kind}|${orgPath}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const chain = orgPath
        .split('/')
        .filter(Boolean)
        .flatMap((id) => {
          const u = this.units.get(id);
          return u ? [u] : [];
        });
      hit = ownerUnit(chain, kind, this.settings);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

async function ownersFor(db: Tx, settings: VisitSettings, paths: readonly string[], base?: Owners): Promise<Owners> {
  const owners = base ?? new Owners([], settings);
  const missing = owners.missing(paths);
  if (missing.length) owners.add(await unitsByIdsUnscoped(db, missing));
  return owners;
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

function dueRow(r: { id: string; org_unit_id: string; org_path: string }, e: DueEntry, owners: Owners, at: string, trigger: { id: string; kind: string } | null): DueVisitTable {
  const owner = owners.of(r.org_path, e.owner);
  return {
    id: newId(),
    recipient_id: r.id,
    org_unit_id: r.org_unit_id,
    org_path: r.org_path,
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

function calendarRows(list: readonly GenRecipientRow[], settings: VisitSettings, range: { from: string; to: string }, owners: Owners, at: string): DueVisitTable[] {
  const rows: DueVisitTable[] = [];
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
    for (const e of entries) rows.push(dueRow(r, e, owners, at, null));
  }
  return rows;
}

function triggerRows(list: readonly TriggerGenRow[], settings: VisitSettings, owners: Owners, at: string): DueVisitTable[] {
  return list.map((t) =>
    dueRow({ id: t.recipient_id, org_unit_id: t.org_unit_id, org_path: t.org_path }, triggerDueEntry({ id: t.id, kind: t.kind as VisitTriggerKind, eventDay: t.event_day }, settings), owners, at, {
      id: t.id,
      kind: t.kind,
    }),
  );
}

export type GenerationReport = { created: number; recipients: number; from: string; to: string; ms: number };

/**
 * Generates the owed visits of a range (a unit's path; '/' for the whole deployment) for `today`:
 * calendar visits whose windows overlap [today, today + horizon], and the owed visit of every
 * trigger that has none yet. Runs outside any request transaction (one transaction per chunk).
 */
export async function generateForRange(db: Db, unitPath: string, today: string, at: string, opts: { chunk?: number; settings?: VisitSettings } = {}): Promise<GenerationReport> {
  const started = Date.now();
  const sys = systemDb(db);
  const settings = opts.settings ?? (await readVisitSettings(db));
  const range = generationRange(today, settings);
  const owners = new Owners(await unitsForGenerationUnscoped(sys, unitPath), settings);
  const chunk = opts.chunk ?? GENERATION_CHUNK;
  let created = 0;
  let recipients = 0;
  let after: { path: string; name: string; id: string } | null = null;
  for (;;) {
    const list = await generationChunkUnscoped(sys, { unitPath }, after, chunk);
    if (!list.length) break;
    recipients += list.length;
    await ownersFor(sys, settings, list.map((r) => r.org_path), owners);
    const rows = calendarRows(list, settings, range, owners, at);
    // a rerun finds most keys owed already: skip them here (ON CONFLICT still guards a concurrent run)
    const existing = await existingDedupeKeysUnscoped(sys, list.map((r) => r.id));
    const fresh = existing.size ? rows.filter((r) => !existing.has(r.dedupe_key)) : rows;
    if (fresh.length) created += await transaction(db, (trx) => insertDueVisitsIgnoringDuplicates(trx, fresh));
    const last = list[list.length - 1];
    after = { path: last.org_path, name: last.name, id: last.id };
    if (list.length < chunk) break;
  }
  const triggers = await triggersWithoutDueUnscoped(sys, { unitPath });
  if (triggers.length) {
    await ownersFor(sys, settings, triggers.map((t) => t.org_path), owners);
    const rows = triggerRows(triggers, settings, owners, at);
    created += await transaction(db, (trx) => insertDueVisitsIgnoringDuplicates(trx, rows));
  }
  return { created, recipients, from: range.from, to: range.to, ms: Date.now() - started };
}

/** Generates inside the caller's transaction for some recipients (and their triggers without an owed visit). */
export async function generateForRecipientsIn(trx: Tx, recipientIds: string[], today: string, at: string): Promise<number> {
  if (!recipientIds.length) return 0;
  const settings = await readVisitSettings(trx);
  const range = generationRange(today, settings);
  const list = await generationChunkUnscoped(trx, { unitPath: '/', ids: recipientIds }, null, recipientIds.length);
  const triggers = await triggersWithoutDueUnscoped(trx, { unitPath: '/', recipientIds });
  const owners = await ownersFor(trx, settings, [...list.map((r) => r.org_path), ...triggers.map((t) => t.org_path)]);
  const rows = [...calendarRows(list, settings, range, owners, at), ...triggerRows(triggers, settings, owners, at)];
  return insertDueVisitsIgnoringDuplicates(trx, rows);
}

export type NewTrigger = {
  recipient: { id: string; org_unit_id: string; org_path: string };
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
  await insertTrigger(scope, trx, {
    id: triggerId,
    recipient_id: t.recipient.id,
    org_unit_id: t.recipient.org_unit_id,
    org_path: t.recipient.org_path,
    kind: t.kind,
    event_day: t.eventDay,
    note: t.note,
    source: t.source,
    created_by: t.createdBy,
    created_at: t.at,
  });
  const settings = await readVisitSettings(trx);
  const owners = await ownersFor(trx, settings, [t.recipient.org_path]);
  const rows = triggerRows([{ id: triggerId, recipient_id: t.recipient.id, org_unit_id: t.recipient.org_unit_id, org_path: t.recipient.org_path, kind: t.kind, event_day: t.eventDay }], settings, owners, t.at);
  await insertDueVisitsIgnoringDuplicates(trx, rows);
  return { triggerId, dueVisitId: rows[0].id };
}

type RegisteredRecipient = { id: string; org_unit_id: string; org_path: string; kind: string; discharge_date: string | null };

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
      const recipient = { id: r.id, org_unit_id: r.org_unit_id, org_path: r.org_path };
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
export async function onRecipientDiedIn(trx: Tx, r: { id: string; org_unit_id: string; org_path: string; kind: string }, deathDate: string, at: string, actorUserId: string): Promise<void> {
  await cancelOpenDueOfRecipient(trx, r.id, at);
  if (r.kind === 'veteran') {
    await recordTriggerIn(trx, null, { recipient: { id: r.id, org_unit_id: r.org_unit_id, org_path: r.org_path }, kind: 'veteranDeath', eventDay: deathDate, note: '', source: 'registry', createdBy: actorUserId, at });
  }
}

/**
 * A transfer accepted (in its transaction): the person's visit records follow them to the new
 * unit, and their open owed visits pass to the owners on the receiving side (unassigned).
 */
export async function onRecipientMovedIn(trx: Tx, recipientId: string, unit: { id: string; path: string }, at: string): Promise<void> {
  await moveVisitRecordsUnscoped(trx, recipientId, unit);
  const open = await openDueOfRecipientUnscoped(trx, recipientId);
  if (!open.length) return;
  const settings = await readVisitSettings(trx);
  const owners = await ownersFor(trx, settings, [unit.path]);
  const county = open.filter((d) => d.reason === 'keyPerson').map((d) => d.id);
  const routine = open.filter((d) => d.reason !== 'keyPerson').map((d) => d.id);
  await setDueOwner(trx, routine, owners.of(unit.path, 'routine'), at);
  await setDueOwner(trx, county, owners.of(unit.path, 'county'), at);
}

/**
 * A duplicate merged (in the merge's transaction): the merged-away record's open owed visits are
 * cancelled (the remaining record owes its own), and its visit history follows the remaining one.
 */
export async function onRecipientMergedIn(trx: Tx, fromId: string, into: { id: string; unitId: string; path: string }, at: string): Promise<void> {
  await cancelOpenDueOfRecipient(trx, fromId, at);
  await reassignVisitRecordsUnscoped(trx, fromId, { id: into.id, unit: { id: into.unitId, path: into.path } });
}
