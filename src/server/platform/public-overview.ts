// 我的 (the public account's own page): the shape of one section a module contributes. The
// public-accounts module lists the sections (public-accounts.overview.ts); a module exports a
// section from its index and the list gains one line. A section gets the signed-in account and
// must return only that account's own records (its own submissions, or records of the registry
// person the account is linked to by ID number hash).
import type { OverviewSection } from '../../shared/schemas/public-overview';
import type { SystemDb } from '../db/system';
import type { AppContext } from './context';

export type OverviewOwner = {
  accountId: string;
  /** keyed hash of the account's ID number (ctx.crypto.lookupHash) */
  idHash: string;
  /** the registry record with that ID hash, if any (服务对象) */
  recipientId: string | null;
};

export type OverviewSectionSource = {
  key: string;
  title: string;
  /** `db` is the system handle (public-accounts.service hands it out): the owner's filter is the section's own duty */
  load: (ctx: AppContext, db: SystemDb, owner: OverviewOwner) => Promise<OverviewSection>;
};

type RegisteredSection = OverviewSectionSource & { order: number };
const sections = new Map<string, RegisteredSection>();

/**
 * A module's route plugin registers its section of 我的 once at start (as work-queue providers do),
 * so public-accounts needs no import of the modules that themselves use public accounts (bookings,
 * feedback): `order` places it on the page. Registering a key again replaces it.
 */
export function registerOverviewSection(source: OverviewSectionSource, order: number): void {
  sections.set(source.key, { ...source, order });
}

/** The registered sections in page order. */
export function overviewSections(): readonly OverviewSectionSource[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
