// The daily run: on boot and every few hours the visits owed of the whole deployment are
// generated (idempotent, so a run that finds nothing new adds nothing). Started by main.ts through
// buildApp({ jobs: true }); never in tests unless asked; stopped when the app closes. With several
// server instances on one PostgreSQL, one runs at a time (the job's advisory lock; the others skip).
import type { FastifyInstance } from 'fastify';
import { withJobLock } from '../../platform/job-lock.repo';
import { shanghaiDay } from '../../../shared/rules/dates';
import { generateForRange } from './visits.generate';

export const VISIT_JOB_FIRST_MS = 15_000;
export const VISIT_JOB_EVERY_MS = 4 * 3600_000;

export type VisitJob = { runNow: () => Promise<void>; stop: () => Promise<void> };

/** `stopOnClose: false` for an app already started (tests): the caller stops the job itself. */
export function startVisitJob(app: FastifyInstance, opts: { firstMs?: number; everyMs?: number; stopOnClose?: boolean } = {}): VisitJob {
  const ctx = app.ctx;
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = (): Promise<void> => {
    if (running || stopped) return running ?? Promise.resolve();
    running = (async () => {
      try {
        const now = ctx.clock.now();
        const r = await withJobLock(ctx, 'visits.generate', () => generateForRange(ctx.db, '/', shanghaiDay(now), now.toISOString()), {
          record: true,
          now: () => ctx.clock.now().toISOString(),
        });
        if (!r.ran) app.log.info('visits owed: another instance is generating them');
        else app.log.info({ created: r.value.created, recipients: r.value.recipients, ms: r.value.ms }, 'visits owed generated');
      } catch (e) {
        app.log.error(e, 'generating visits owed failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  // VISIT_JOB_FIRST_MS / VISIT_JOB_EVERY_MS: the two-instance test runs the job often
  const envMs = (name: string) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : undefined);
  const first = setTimeout(() => void runNow(), opts.firstMs ?? envMs('VISIT_JOB_FIRST_MS') ?? VISIT_JOB_FIRST_MS);
  const every = setInterval(() => void runNow(), opts.everyMs ?? envMs('VISIT_JOB_EVERY_MS') ?? VISIT_JOB_EVERY_MS);
  first.unref();
  every.unref();
  const stop = async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    if (running) await running;
  };
  if (opts.stopOnClose !== false) app.addHook('onClose', stop);
  return { runNow, stop };
}
