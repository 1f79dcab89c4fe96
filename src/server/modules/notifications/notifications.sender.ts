// The sender (issue 16): drains the outbox after the writing transactions committed — never inside
// a request's transaction. Each pending message due for an attempt goes to the configured channel
// (the unit's group robot, or the log); a failure is retried with back-off and given up after the
// last retry; a message whose unit no longer has a webhook is skipped. Started with the app's jobs
// (main.ts); tests and the browser test call `deliverOutbox` themselves.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';
import { withJobLock } from '../../platform/job-lock.repo';
import { logChannel, wecomChannel, type OutboundChannel } from './notifications.channels';
import { dueOutboxUnscoped, settleOutboxUnscoped, webhookUnscoped } from './notifications.repo';
import { runDailyNotifications } from './notifications.service';

/** Minutes to wait before attempt n+1 (after n failures); after the last, the message is given up. */
export const RETRY_MINUTES = [1, 5, 30, 120, 360] as const;

export function channelOf(ctx: AppContext, log: FastifyBaseLogger): OutboundChannel {
  return ctx.config.notifyChannel === 'wecom' ? wecomChannel : logChannel(log);
}

export type DeliverResult = { sent: number; failed: number; skipped: number; retrying: number };

export async function deliverOutbox(ctx: AppContext, channel: OutboundChannel, opts: { limit?: number } = {}): Promise<DeliverResult> {
  const out: DeliverResult = { sent: 0, failed: 0, skipped: 0, retrying: 0 };
  const now = ctx.clock.now();
  for (const m of await dueOutboxUnscoped(ctx.db, now.toISOString(), opts.limit ?? 100)) {
    const hook = await webhookUnscoped(ctx.db, m.org_unit_id);
    if (!hook) {
      if (await settleOutboxUnscoped(ctx.db, m.id, m.attempts, { state: 'skipped', last_error: '单位未设置推送地址' })) out.skipped++;
      continue;
    }
    const attempts = m.attempts + 1;
    try {
      await channel.send({ url: ctx.crypto.decrypt(hook.url_enc), hint: hook.url_hint }, { unitId: m.org_unit_id, content: m.content });
      if (await settleOutboxUnscoped(ctx.db, m.id, m.attempts, { state: 'sent', attempts, sent_at: ctx.clock.now().toISOString(), last_error: '' })) out.sent++;
    } catch (e) {
      const wait = RETRY_MINUTES[m.attempts];
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 200);
      if (wait === undefined) {
        if (await settleOutboxUnscoped(ctx.db, m.id, m.attempts, { state: 'failed', attempts, last_error: error })) out.failed++;
      } else if (await settleOutboxUnscoped(ctx.db, m.id, m.attempts, { attempts, last_error: error, next_attempt_at: new Date(now.getTime() + wait * 60_000).toISOString() })) out.retrying++;
    }
  }
  return out;
}

export const SEND_EVERY_MS = 30_000;
export const DAILY_CHECK_EVERY_MS = 3600_000;
/** The daily notifications are made from this Shanghai hour on (once a day: their keys carry the day). */
export const DAILY_FROM_HOUR = 8;

export type NotificationJobs = { sendNow: () => Promise<void>; dailyNow: () => Promise<void>; stop: () => Promise<void> };

/** The sender every SEND_EVERY_MS and the daily run checked hourly, each under its job lock (one instance at a time). */
export function startNotificationJobs(app: FastifyInstance, opts: { sendEveryMs?: number; dailyEveryMs?: number } = {}): NotificationJobs {
  const ctx = app.ctx;
  const channel = channelOf(ctx, app.log);
  let stopped = false;
  const guarded = (name: string, work: () => Promise<unknown>) => {
    let running: Promise<void> | null = null;
    return (): Promise<void> => {
      if (running || stopped) return running ?? Promise.resolve();
      running = (async () => {
        try {
          await withJobLock(ctx, name, work);
        } catch (e) {
          app.log.error(e, `${name} failed`);
        } finally {
          running = null;
        }
      })();
      return running;
    };
  };
  const sendNow = guarded('notifications.send', () => deliverOutbox(ctx, channel));
  const dailyNow = guarded('notifications.daily', async () => {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(ctx.clock.now()));
    if (hour < DAILY_FROM_HOUR) return;
    const r = await runDailyNotifications(ctx);
    app.log.info(r, 'daily notifications');
  });
  const send = setInterval(() => void sendNow(), opts.sendEveryMs ?? SEND_EVERY_MS);
  const daily = setInterval(() => void dailyNow(), opts.dailyEveryMs ?? DAILY_CHECK_EVERY_MS);
  const first = setTimeout(() => void dailyNow(), 20_000);
  for (const t of [send, daily, first]) t.unref();
  const stop = async () => {
    stopped = true;
    clearInterval(send);
    clearInterval(daily);
    clearTimeout(first);
  };
  app.addHook('onClose', stop);
  return { sendNow, dailyNow, stop };
}
