// Holiday schedules loaded by an administrator for years the shipped table lacks.
import type { Tx } from '../db/transaction';

/** The deployment-wide calendar: not a scoped record. */
export async function loadedYearsUnscoped(db: Tx) {
  return db.selectFrom('holiday_years').selectAll().orderBy('year').execute();
}

export async function saveYearUnscoped(db: Tx, year: number, data: string, at: string, by: string) {
  await db.deleteFrom('holiday_years').where('year', '=', year).execute();
  await db.insertInto('holiday_years').values({ year, data, loaded_at: at, loaded_by: by }).execute();
}

/** Open cases with a deadline, for recomputing after a new year's schedule is loaded. */
export async function openCasesWithDeadlineUnscoped(db: Tx) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('open', '=', 1)
    .where('due_day', 'is not', null)
    .execute();
}

export async function setDueDayUnscoped(db: Tx, id: string, dueDay: string) {
  await db.updateTable('cases').set({ due_day: dueDay }).where('id', '=', id).execute();
}
