// Domain events, handled inside the publisher's transaction (DESIGN.md "How modules meet").
//
// The module that owns a fact defines its event (`defineEvent<Payload>('recipients.registered')`),
// exports it from its index.ts and publishes it from every path that creates the fact (a form, a
// review, an Excel import, a merge, a transfer). Other modules subscribe, also from their
// index.ts, and react in the same transaction: `publish` awaits every subscriber in order of
// subscription, and a subscriber that throws fails the publisher's write, which is rolled back
// with everything the other subscribers did. No queue, no retry: the write and its consequences
// land together or not at all.
import type { Tx } from '../db/transaction';
import type { AppContext } from './context';

/** The publisher's transaction: subscribers write in it. */
export type EventTx = Tx;

export type EventHandler<T> = (trx: EventTx, ctx: AppContext, payload: T) => Promise<void>;

export type DomainEvent<T> = {
  readonly name: string;
  /** phantom: carries the payload type */
  readonly _payload?: T;
};

/** The payload type of an event. */
export type EventPayload<E> = E extends DomainEvent<infer T> ? T : never;

const handlers = new Map<string, EventHandler<never>[]>();

/** Declares an event: the name is `<module>.<fact>` and must be unique. */
export function defineEvent<T>(name: string): DomainEvent<T> {
  return { name };
}

/**
 * Adds a subscriber; returns its unsubscribe. Subscribing the same function twice to one event keeps one (module
 * indexes may be imported many times, e.g. by several test apps in one process).
 */
export function subscribe<T>(event: DomainEvent<T>, handler: EventHandler<T>): () => void {
  const list = handlers.get(event.name) ?? [];
  if (!list.includes(handler as EventHandler<never>)) list.push(handler as EventHandler<never>);
  handlers.set(event.name, list);
  /** unsubscribes (tests) */
  return () => {
    const now = handlers.get(event.name) ?? [];
    handlers.set(event.name, now.filter((h) => h !== handler));
  };
}

/** Runs every subscriber of `event` in `trx`, one after the other; the first failure propagates. */
export async function publish<T>(trx: EventTx, ctx: AppContext, event: DomainEvent<T>, payload: T): Promise<void> {
  for (const h of handlers.get(event.name) ?? []) await (h as EventHandler<T>)(trx, ctx, payload);
}

/** The subscribers of an event, by function name (tests and the module graph's notes). */
export function subscribersOf(event: DomainEvent<unknown>): string[] {
  return (handlers.get(event.name) ?? []).map((h) => h.name || 'anonymous');
}
