// The monthly figure rows' job: for every unit down to the township, each flow figure's value per
// month, so the dashboards of a city or a province sum a few thousand rows instead of counting a
// year of records. A run writes the months of last year and this year not written yet, and
// rewrites from the month before last to the end of this year (late records of the last closed
// months, the open month, and owed visits already generated for coming months). Under a job lock:
// one instance runs it at a time. Started by main.ts through buildApp({ jobs: true }) beside the
// visits' job; tests and the bench call `writeFigureMonths` directly.
import type { FastifyInstance } from 'fastify';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { Db } from '../../db/client';
import { transaction } from '../../db/transaction';
import { figureDefs, isRatio, realDay } from '../../platform/figures';
import { withJobLock } from '../../platform/job-lock.repo';
import { monthsWrittenUnscoped, putFigureMonths, snapshotUnitsUnscoped } from './figure-months.repo';

const pad = (n: number) => String(n).padStart(2, '0');

/** The months a run writes for a unit, given those it has already: missing ones, and the recent ones again. */
export function monthsToWrite(today: string, written: Set<string>): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (const y of [year - 1, year]) {
    for (let m = 1; m <= 12; m++) {
      const key = `${y}-${pad(m)}`;
      const recent = y === year ? m >= month - 2 : month <= 2 && m >= 12 + month - 2;
      if (recent || !written.has(key)) out.push(key);
    }
  }
  return out;
}

/** Writes the monthly rows; `months` fixes the months (the bench), else `monthsToWrite` per unit. */
export async function writeFigureMonths(db: Db, opts: { now: Date; months?: string[]; unitIds?: string[] }): Promise<{ units: number; rows: number; ms: number }> {
  const started = Date.now();
  const today = shanghaiDay(opts.now);
  const at = opts.now.toISOString();
  const flows = figureDefs().filter((d) => d.kind === 'flow' && !isRatio(d));
  let units = await snapshotUnitsUnscoped(db);
  if (opts.unitIds) units = units.filter((u) => opts.unitIds!.includes(u.id));
  let rows = 0;
  for (const u of units) {
    const months = opts.months ?? monthsToWrite(today, await monthsWrittenUnscoped(db, u.id));
    const out: { unit_id: string; figure: string; month: string; value: number; computed_at: string }[] = [];
    for (const month of months) {
      const q = { path: u.path, from: `${month}-01`, to: realDay(`${month}-31`) };
      // a month's figures at once: PostgreSQL spreads them over the pool; SQLite runs them in turn
      const values = await Promise.all(flows.map((d) => (isRatio(d) ? 0 : d.compute(db, q))));
      flows.forEach((d, i) => out.push({ unit_id: u.id, figure: d.key, month, value: values[i] ?? 0, computed_at: at }));
    }
    await transaction(db, (trx) => putFigureMonths(trx, out));
    rows += out.length;
  }
  return { units: units.length, rows, ms: Date.now() - started };
}

export const FIGURE_JOB_FIRST_MS = 60_000;
export const FIGURE_JOB_EVERY_MS = 3600_000;

export function startFigureMonthsJob(app: FastifyInstance): { runNow: () => Promise<void> } {
  const ctx = app.ctx;
  let running: Promise<void> | null = null;
  const runNow = (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      try {
        const r = await withJobLock(ctx, 'dashboards.figure-months', () => writeFigureMonths(ctx.db, { now: ctx.clock.now() }), {
          record: true,
          now: () => ctx.clock.now().toISOString(),
        });
        if (r.ran) app.log.info(r.value, 'monthly figures written');
      } catch (e) {
        app.log.error(e, 'writing monthly figures failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const first = setTimeout(() => void runNow(), FIGURE_JOB_FIRST_MS);
  const every = setInterval(() => void runNow(), FIGURE_JOB_EVERY_MS);
  first.unref();
  every.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(every);
    if (running) await running;
  });
  return { runNow };
}
