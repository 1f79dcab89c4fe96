// The only place with SQL for honors 荣誉: honors after service and their documents, star-rating
// campaigns and nominations, the honor wall's consents and photos, merit notices. Every staff query
// takes the caller's scope first and filters with the jurisdiction guard; a campaign is also seen by
// the units below the one that runs it (their stations nominate). The public honor wall's reads are
// the only unscoped ones: they return people with an active consent and nothing else.
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FileTable, HonorTable, HonorWallConsentTable, MeritNoticeTable, StarRatingCampaignTable, StarRatingNominationTable } from '../../db/types';
import { cappedCount } from '../../db/paging';
import { inScope, pathAtOrAbove, pathInScope, pathWithin, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export const HONOR_FILE_OWNER = 'honor';
export const WALL_PHOTO_OWNER = 'honor-wall';

// ---- units, recipients ----

/** An unmerged recipient of the caller's range. */
export async function recipientInScope(scope: Scope, db: Tx, id: string) {
  return db
    .selectFrom('recipients')
    .select(['id', 'name', 'id_number_masked', 'kind', 'recipient_group', 'org_unit_id', 'org_path', 'status'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

/** A public unit (the public page's): active. */
export async function publicUnitUnscoped(db: Db, id: string) {
  return db.selectFrom('org_units').select(['id', 'path', 'name']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

// ---- files (honor documents, wall photos) ----

export async function insertFileRow(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('honor file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function honorFilesOf(scope: Scope, db: Tx, honorIds: string[]) {
  if (!honorIds.length) return [];
  return db
    .selectFrom('files')
    .select(['id', 'owner_id', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', HONOR_FILE_OWNER)
    .where('owner_id', 'in', honorIds)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function honorFileOf(scope: Scope, db: Tx, honorId: string, fileId: string) {
  return db.selectFrom('files').selectAll().where('owner_type', '=', HONOR_FILE_OWNER).where('owner_id', '=', honorId).where('id', '=', fileId).where(inScope(scope, 'org_path')).executeTakeFirst();
}

// ---- honors ----

function honorsQ(db: Tx) {
  return db
    .selectFrom('honors as h')
    .innerJoin('org_units as u', 'u.id', 'h.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'h.recipient_id')
    .selectAll('h')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked']);
}
export type HonorRow = HonorTable & { org_unit_name: string; recipient_name: string; recipient_id_masked: string };
export type HonorFilter = { unitPath?: string; recipientId?: string; level?: string; year?: number };

function filteredHonors(scope: Scope, db: Tx, f: HonorFilter) {
  let q = honorsQ(db).where(inScope(scope, 'h.org_path'));
  if (f.unitPath) q = q.where(pathWithin('h.org_path', f.unitPath));
  if (f.recipientId) q = q.where('h.recipient_id', '=', f.recipientId);
  if (f.level) q = q.where('h.level', '=', f.level);
  if (f.year) q = q.where('h.awarded_on', '>=', `${f.year}-01-01`).where('h.awarded_on', '<=', `${f.year}-12-31`);
  return q;
}

export async function listHonors(scope: Scope, db: Db, f: HonorFilter & { page: number; pageSize: number }) {
  const q = filteredHonors(scope, db, f);
  const items = await q.orderBy('h.awarded_on', 'desc').orderBy('h.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function honorChunk(scope: Scope, db: Db, f: HonorFilter, after: { path: string; id: string } | null, limit: number): Promise<HonorRow[]> {
  let q = filteredHonors(scope, db, f);
  if (after) q = q.where((eb) => eb.or([eb('h.org_path', '>', after.path), eb.and([eb('h.org_path', '=', after.path), eb('h.id', '>', after.id)])]));
  return q.orderBy('h.org_path').orderBy('h.id').limit(limit).execute();
}

export async function getHonor(scope: Scope, db: Tx, id: string): Promise<HonorRow | undefined> {
  return honorsQ(db).where('h.id', '=', id).where(inScope(scope, 'h.org_path')).executeTakeFirst();
}

export async function insertHonor(scope: Scope, db: Tx, row: Stored<HonorTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('honor outside scope');
  await db.insertInto('honors').values(row).execute();
}

// ---- campaigns ----

const NOMINATION_COUNTS = ['nominated', 'approved', 'rejected'] as const;

function campaignsQ(db: Tx) {
  return db
    .selectFrom('star_rating_campaigns as c')
    .innerJoin('org_units as u', 'u.id', 'c.org_unit_id')
    .selectAll('c')
    .select((eb) => [
      'u.name as org_unit_name',
      ...NOMINATION_COUNTS.map((s) =>
        eb
          .selectFrom('star_rating_nominations as n')
          .whereRef('n.campaign_id', '=', 'c.id')
          .where('n.status', '=', s)
          .select((e) => e.fn.countAll<number>().as('n'))
          .as(`n_${s}`),
      ),
    ]);
}
export type CampaignRow = StarRatingCampaignTable & { org_unit_name: string; n_nominated: number | string | null; n_approved: number | string | null; n_rejected: number | string | null };

/** A campaign is seen in the range of the unit that runs it and by the units below that unit. */
const campaignVisible = (scope: Scope) => sql<boolean>`(${inScope(scope, 'c.org_path')} or ${pathAtOrAbove('c.org_path', scope.path)})`;

export async function listCampaigns(scope: Scope, db: Db, f: { status?: string; page: number; pageSize: number }) {
  let q = campaignsQ(db).where(campaignVisible(scope));
  if (f.status) q = q.where('c.status', '=', f.status);
  const items = (await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()) as CampaignRow[];
  return { items, ...(await cappedCount(db, q)) };
}

export async function campaignVisibleTo(scope: Scope, db: Tx, id: string): Promise<CampaignRow | undefined> {
  return (await campaignsQ(db).where('c.id', '=', id).where(campaignVisible(scope)).executeTakeFirst()) as CampaignRow | undefined;
}

export async function insertCampaign(scope: Scope, db: Tx, row: Stored<StarRatingCampaignTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('campaign outside scope');
  await db.insertInto('star_rating_campaigns').values(row).execute();
}

/** The campaign's status, read inside a nomination's review (the reviewer's range holds the campaign). */
export async function campaignStatusUnscoped(db: Tx, id: string): Promise<string | undefined> {
  return (await db.selectFrom('star_rating_campaigns').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

export async function pendingNominationCount(db: Tx, campaignId: string): Promise<number> {
  const r = await db.selectFrom('star_rating_nominations').where('campaign_id', '=', campaignId).where('status', '=', 'nominated').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- nominations ----

function nominationsQ(db: Tx) {
  return db
    .selectFrom('star_rating_nominations as n')
    .innerJoin('org_units as u', 'u.id', 'n.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'n.recipient_id')
    .selectAll('n')
    .select(['u.name as org_unit_name', 'r.name as recipient_name', 'r.id_number_masked as recipient_id_masked']);
}
export type NominationRow = StarRatingNominationTable & { org_unit_name: string; recipient_name: string; recipient_id_masked: string };

/** The nominations of a campaign kept in the caller's range (the running unit sees them all). */
export async function nominationsOf(scope: Scope, db: Tx, campaignId: string): Promise<NominationRow[]> {
  return nominationsQ(db).where('n.campaign_id', '=', campaignId).where(inScope(scope, 'n.org_path')).orderBy('n.level', 'desc').orderBy('r.name').orderBy('n.id').execute();
}

export async function getNomination(scope: Scope, db: Tx, id: string): Promise<NominationRow | undefined> {
  return nominationsQ(db).where('n.id', '=', id).where(inScope(scope, 'n.org_path')).executeTakeFirst();
}

/** A nomination of the person to the campaign that is not rejected (one per person and campaign). */
export async function liveNominationOf(db: Tx, campaignId: string, recipientId: string): Promise<string | undefined> {
  return (await db.selectFrom('star_rating_nominations').select('id').where('campaign_id', '=', campaignId).where('recipient_id', '=', recipientId).where('status', '!=', 'rejected').executeTakeFirst())?.id;
}

export async function insertNomination(scope: Scope, db: Tx, row: Stored<StarRatingNominationTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('nomination outside scope');
  await db.insertInto('star_rating_nominations').values(row).execute();
}

// ---- consents ----

export async function consentOf(scope: Scope, db: Tx, recipientId: string): Promise<HonorWallConsentTable | undefined> {
  return db
    .selectFrom('honor_wall_consents as w')
    .innerJoin('recipients as r', 'r.id', 'w.recipient_id')
    .selectAll('w')
    .where('w.recipient_id', '=', recipientId)
    .where(inScope(scope, 'r.org_path'))
    .executeTakeFirst();
}

/** Writes the consent at the version the caller saw (0: none yet); false when stale. The recipient is of the caller's range (checked in the same transaction). */
export async function writeConsent(db: Tx, version: number, row: Omit<HonorWallConsentTable, 'version'>): Promise<boolean> {
  const current = await db.selectFrom('honor_wall_consents').select('version').where('recipient_id', '=', row.recipient_id).executeTakeFirst();
  if (!current) {
    if (version !== 0) return false;
    await db.insertInto('honor_wall_consents').values({ ...row, version: 1 }).execute();
    return true;
  }
  if (current.version !== version) return false;
  const r = await db.updateTable('honor_wall_consents').set({ ...row, version: version + 1 }).where('recipient_id', '=', row.recipient_id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function withdrawConsentRow(db: Tx, recipientId: string, version: number, by: string, at: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('honor_wall_consents')
    .set({ active: 0, withdrawn_by_name: by, withdrawn_at: at, withdraw_reason: reason, version: version + 1 })
    .where('recipient_id', '=', recipientId)
    .where('version', '=', version)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- the public wall (unscoped: active consents only) ----

/** The people under the unit with an active consent, and their unit's name. */
export async function wallPeopleUnscoped(db: Db, unitPath: string, limit: number) {
  return db
    .selectFrom('honor_wall_consents as w')
    .innerJoin('recipients as r', 'r.id', 'w.recipient_id')
    .innerJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .select(['w.recipient_id', 'w.citation', 'w.photo_file_id', 'w.recorded_at', 'r.name', 'u.name as unit_name'])
    .where('w.active', '=', 1)
    .where('r.merged_into', 'is', null)
    .where(pathWithin('r.org_path', unitPath))
    .orderBy('w.recorded_at', 'desc')
    .orderBy('w.recipient_id')
    .limit(limit)
    .execute();
}

/** The published star ratings (approved nominations of published campaigns) of these people. */
export async function publishedStarsUnscoped(db: Db, recipientIds: string[]) {
  if (!recipientIds.length) return [];
  return db
    .selectFrom('star_rating_nominations as n')
    .innerJoin('star_rating_campaigns as c', 'c.id', 'n.campaign_id')
    .select(['n.recipient_id', 'n.level', 'c.title', 'c.published_on'])
    .where('n.recipient_id', 'in', recipientIds)
    .where('n.status', '=', 'approved')
    .where('c.status', '=', 'published')
    .orderBy('c.published_on', 'desc')
    .execute();
}

export async function honorsOfUnscoped(db: Db, recipientIds: string[]) {
  if (!recipientIds.length) return [];
  return db.selectFrom('honors').select(['recipient_id', 'title', 'level', 'awarded_on']).where('recipient_id', 'in', recipientIds).orderBy('awarded_on', 'desc').execute();
}

/** The photo of a person on the wall: only while the consent is active. */
export async function wallPhotoUnscoped(db: Db, fileId: string) {
  return db
    .selectFrom('honor_wall_consents as w')
    .innerJoin('files as f', 'f.id', 'w.photo_file_id')
    .select(['f.mime', 'f.data_enc'])
    .where('w.photo_file_id', '=', fileId)
    .where('w.active', '=', 1)
    .where('f.owner_type', '=', WALL_PHOTO_OWNER)
    .executeTakeFirst();
}

// ---- merit notices ----

function meritsQ(db: Tx) {
  return db
    .selectFrom('merit_notices as m')
    .innerJoin('org_units as u', 'u.id', 'm.org_unit_id')
    .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
    .selectAll('m')
    .select(['u.name as org_unit_name', 'r.name as recipient_name']);
}
export type MeritRow = MeritNoticeTable & { org_unit_name: string; recipient_name: string };

export async function listMerits(scope: Scope, db: Db, f: { status?: string; page: number; pageSize: number }) {
  let q = meritsQ(db).where(inScope(scope, 'm.org_path'));
  if (f.status) q = q.where('m.status', '=', f.status);
  const items = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items, ...(await cappedCount(db, q)) };
}

export async function getMerit(scope: Scope, db: Tx, id: string): Promise<MeritRow | undefined> {
  return meritsQ(db).where('m.id', '=', id).where(inScope(scope, 'm.org_path')).executeTakeFirst();
}

export async function insertMerit(scope: Scope, db: Tx, row: Stored<MeritNoticeTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('merit notice outside scope');
  await db.insertInto('merit_notices').values(row).execute();
}
