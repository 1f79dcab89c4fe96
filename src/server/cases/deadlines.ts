// Deadlines of case states, counted by the shared calendar (shared/rules/calendar.ts) with the
// shipped holiday table plus the years an administrator loaded.
import { addNaturalDays, addWorkingDays, mergeYear, type HolidayTable, type YearSchedule } from '../../shared/rules/calendar';
import { shippedHolidayTable } from '../../shared/holidays/cn-holidays';
import { shanghaiDay } from '../../shared/rules/dates';
import type { AppContext } from '../platform/context';
import type { CaseTypeDef, DeadlineRule } from './case-type';
import { caseTypeOf } from './case-type';
import { loadedYearsUnscoped, openCasesWithDeadlineUnscoped, saveYearUnscoped, setDueDayUnscoped } from './holidays.repo';
import { writeMirror } from './mirror';
import { transaction, type Tx } from '../db/transaction';

const CACHE_MS = 60_000;
const cache = new WeakMap<object, { at: number; table: HolidayTable }>();

/** The table in force. Inside a transaction pass it as `db` (SQLite has one connection: a query on ctx.db would wait forever). */
export async function holidayTable(ctx: AppContext, db: Tx = ctx.db): Promise<HolidayTable> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.table;
  let table = shippedHolidayTable;
  for (const row of await loadedYearsUnscoped(db)) {
    const merged = mergeYear(table, row.year, JSON.parse(row.data) as YearSchedule);
    if (merged.ok) table = merged.table;
  }
  cache.set(ctx.db, { at: Date.now(), table });
  return table;
}

export type DayRule = Extract<DeadlineRule, { days: number }>;

export function dueDayWith(table: HolidayTable, startDay: string, rule: DayRule): string {
  return (rule.kind === 'working' ? addWorkingDays(startDay, rule.days, table) : addNaturalDays(startDay, rule.days, table)).day;
}

export async function dueDayFor(ctx: AppContext, db: Tx, startDay: string, rule: DayRule): Promise<string> {
  return dueDayWith(await holidayTable(ctx, db), startDay, rule);
}

export type Due = { dueDay: string | null; dueAt: string | null };

/**
 * The deadline of a state entered at `enteredAt` (ISO): the type's `dueDay` from the payload, else
 * its `deadline` rule — days from the Shanghai day of entry, or hours from the instant of entry.
 */
export async function dueOf(ctx: AppContext, trx: Tx, def: CaseTypeDef<Record<string, unknown>>, status: string, payload: Record<string, unknown>, enteredAt: string): Promise<Due> {
  if (def.dueDay) return { dueDay: def.dueDay({ status, payload, table: await holidayTable(ctx, trx) }), dueAt: null };
  const rule = def.deadline?.(status, payload) ?? null;
  if (!rule) return { dueDay: null, dueAt: null };
  if ('hours' in rule) {
    const dueAt = new Date(Date.parse(enteredAt) + rule.hours * 3_600_000);
    return { dueDay: shanghaiDay(dueAt), dueAt: dueAt.toISOString() };
  }
  return { dueDay: await dueDayFor(ctx, trx, shanghaiDay(new Date(enteredAt)), rule), dueAt: null };
}

/**
 * Loads a year's schedule and recomputes the deadline of every open case, in one transaction with
 * `record` (the audit entry). Returns errors or the count recomputed.
 */
export async function loadHolidayYear(
  ctx: AppContext,
  year: number,
  data: YearSchedule,
  by: string,
  record?: (trx: Tx, recomputed: number) => Promise<void>,
): Promise<{ ok: true; recomputed: number } | { ok: false; errors: string[] }> {
  const current = await holidayTable(ctx);
  const merged = mergeYear(current, year, data);
  if (!merged.ok) return merged;
  const at = ctx.clock.now().toISOString();
  let recomputed = 0;
  await transaction(ctx.db, async (trx) => {
    await saveYearUnscoped(trx, year, JSON.stringify(data), at, by);
    for (const c of await openCasesWithDeadlineUnscoped(trx)) {
      const def = caseTypeOf(c.case_type);
      const payload = JSON.parse(c.payload) as Record<string, unknown>;
      let due: string | null;
      if (def?.dueDay) {
        due = def.dueDay({ status: c.status, payload, table: merged.table });
      } else {
        const rule = def?.deadline?.(c.status, payload);
        // an hour deadline runs by the clock: holidays do not move it
        if (!rule || 'hours' in rule) continue;
        due = dueDayWith(merged.table, shanghaiDay(new Date(c.waiting_since)), rule);
      }
      if (due !== null && due !== c.due_day) {
        await setDueDayUnscoped(trx, c.id, due);
        await writeMirror(trx, { ...c, due_day: due });
        recomputed++;
      }
    }
    await record?.(trx, recomputed);
  });
  cache.set(ctx.db, { at: Date.now(), table: merged.table });
  return { ok: true, recomputed };
}
