// The outbound channel interface (issue 16) and its two adapters: the 企业微信 group robot (a POST
// of {"msgtype":"markdown","markdown":{"content":…}} to the unit's webhook URL) and the log (pino,
// for development). NOTIFY_CHANNEL chooses one (config.notifyChannel). Messages are written to the
// outbox in the writer's transaction and sent by the sender (notifications.sender.ts) after commit.
import type { FastifyBaseLogger } from 'fastify';

export type OutboundMessage = {
  /** the unit whose group receives it */
  unitId: string;
  /** markdown text, free of personal data (built by notifications.text.ts) */
  content: string;
};

export type OutboundChannel = {
  name: 'wecom' | 'log';
  /** sends one message; throws on failure (the sender retries later) */
  send: (target: { url: string | null; hint: string | null }, msg: OutboundMessage) => Promise<void>;
};

/** How long one POST may take. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** 企业微信 group robot: markdown message; an answer other than 2xx with errcode 0 is a failure. */
export const wecomChannel: OutboundChannel = {
  name: 'wecom',
  async send(target, msg) {
    if (!target.url) throw new Error('no webhook');
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: msg.content } }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    let errcode = 0;
    try {
      errcode = Number((JSON.parse(text) as { errcode?: unknown }).errcode ?? 0);
    } catch {
      errcode = 0;
    }
    if (errcode !== 0) throw new Error(`errcode ${errcode}`);
  },
};

/** Development: the message goes to the server's log (with the webhook's masked hint, never the URL). */
export function logChannel(log: FastifyBaseLogger): OutboundChannel {
  return {
    name: 'log',
    async send(target, msg) {
      log.info({ unitId: msg.unitId, webhook: target.hint, content: msg.content }, 'notification (log channel)');
    },
  };
}
