// The registry's domain events (platform/events.ts). Published by this module from every path
// that creates the fact; other modules subscribe through ../recipients (index.ts).
import { defineEvent } from '../../platform/events';

/** A registered recipient as subscribers need it (visits: the 退役返乡 rule and calendar visits). */
export type RegisteredRecipient = { id: string; org_unit_id: string; org_path: string; kind: string; discharge_date: string | null };

/**
 * Recipients entered the registry (已入库): a collection review approved, or rows a county
 * reviewer imported from Excel (several at once: one event per written batch).
 */
export const recipientsRegistered = defineEvent<{ recipients: RegisteredRecipient[]; at: string; actorUserId: string; via: 'review' | 'import' }>('recipients.registered');

/** A transfer accepted: the record now belongs to `unit`. */
export const recipientMovedIn = defineEvent<{ recipientId: string; unit: { id: string; path: string }; at: string; actorUserId: string }>('recipients.moved-in');

/** A death recorded. */
export const recipientDied = defineEvent<{ recipient: { id: string; org_unit_id: string; org_path: string; kind: string }; deathDate: string; at: string; actorUserId: string }>('recipients.died');

/** A duplicate merged into another record (`fromId` keeps `merged_into`). */
export const recipientsMerged = defineEvent<{ fromId: string; into: { id: string; unitId: string; path: string }; at: string; actorUserId: string }>('recipients.merged');
