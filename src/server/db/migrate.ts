// Migrations: written once with the schema builder, run on both dialects, never edited once landed.
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import type { DbHandle } from './client';
import { columnKit, type ColumnKit } from './columns';
import { foundation } from './migrations/0001-foundation';
import { casesRegistry } from './migrations/0002-cases-registry';
import { rollups } from './migrations/0003-rollups';
import { gloryPlaques } from './migrations/0004-glory-plaques';
import { recipientListIndex } from './migrations/0005-recipient-list-index';
import { visits } from './migrations/0006-visits';
import { petitions } from './migrations/0007-petitions';
import { disputesOpinions } from './migrations/0008-disputes-opinions';
import { caseKernel } from './migrations/0009-case-kernel';
import { auditUnitPath } from './migrations/0010-audit-unit-path';
import { counterpartGrants } from './migrations/0011-counterpart-grants';
import { disputesCases } from './migrations/0012-disputes-cases';
import { opinionCases } from './migrations/0013-opinion-cases';
import { plaqueCases } from './migrations/0014-plaque-cases';
import { auditEntryMac } from './migrations/0015-audit-entry-mac';
import { staffRoles } from './migrations/0016-staff-roles';
import { nameTokenSort } from './migrations/0017-name-token-sort';
import { visitVisitors } from './migrations/0018-visit-visitors';
import { unknownNameFailures } from './migrations/0019-unknown-name-failures';
import { petitionQueryCode } from './migrations/0020-petition-query-code';
import { visitsDueLean } from './migrations/0021-visits-due-lean';
import { serviceItems } from './migrations/0022-service-items';
import { applications } from './migrations/0023-applications';
import { appointments } from './migrations/0024-appointments';
import { supportPlans } from './migrations/0025-support-plans';
import { portal } from './migrations/0026-portal';
import { applicationQueryCode } from './migrations/0027-application-query-code';
import { appointmentRollups } from './migrations/0029-appointment-rollups';
import { applicationsOrder } from './migrations/0030-applications-order';
import { assistance } from './migrations/0031-assistance';
import { legalAid } from './migrations/0034-legal-aid';
import { rightsSupervision } from './migrations/0033-rights-supervision';
import { funds } from './migrations/0032-funds';
import { careRecords } from './migrations/0035-care-records';
import { assistanceOnline } from './migrations/0036-assistance-online';
import { assignmentReplies } from './migrations/0037-assignment-replies';
import { fundsFiguresIndexes } from './migrations/0038-funds-figures-indexes';
import { employment } from './migrations/0039-employment';
import { party } from './migrations/0041-party';
import { employmentPublic } from './migrations/0042-employment-public';
import { trainings } from './migrations/0043-trainings';
import { ventures } from './migrations/0044-ventures';
import { honors } from './migrations/0045-honors';
import { partyLife } from './migrations/0047-party-life';
import { notifications } from './migrations/0054-notifications';
import { fairResults } from './migrations/0055-fair-results';
import { figureMonths } from './migrations/0050-figure-months';
import { education } from './migrations/0046-education';
import { hardProblems } from './migrations/0049-hard-problems';
import { surveys } from './migrations/0053-surveys';
import { summaries } from './migrations/0051-summaries';
import { evaluations } from './migrations/0052-evaluations';
import { obligations } from './migrations/0048-obligations';
import { obligationSummaries } from './migrations/0057-obligation-summaries';
import { evaluationGrades } from './migrations/0058-evaluation-grades';
import { nameTokensLean } from './migrations/0059-name-tokens-lean';
import { unitKeys } from './migrations/0060-unit-keys';

export type Migration = {
  name: string;
  up: (db: Kysely<unknown>, kit: ColumnKit) => Promise<void>;
};

/** In order. Append new migrations; never reorder or edit landed ones. */
export const migrations: Migration[] = [foundation, casesRegistry, rollups, gloryPlaques, recipientListIndex, visits, petitions, disputesOpinions, caseKernel, auditUnitPath, counterpartGrants, disputesCases, opinionCases, plaqueCases, auditEntryMac, staffRoles, nameTokenSort, visitVisitors, unknownNameFailures, petitionQueryCode, visitsDueLean, serviceItems, applications, appointments, supportPlans, portal, applicationQueryCode, appointmentRollups, applicationsOrder, assistance, funds, rightsSupervision, legalAid, careRecords, assistanceOnline, assignmentReplies, fundsFiguresIndexes, employment, party, employmentPublic, trainings, ventures, honors, partyLife, education, obligations, hardProblems, figureMonths, summaries, evaluations, surveys, notifications, fairResults, obligationSummaries, evaluationGrades, nameTokensLean, unitKeys];

/**
 * Runs the pending migrations. `before` (tests of a migration only) stops short of the first
 * migration whose name sorts at or after it, leaving the database in the shape it had then.
 */
export async function migrateToLatest(handle: DbHandle, opts: { before?: string } = {}): Promise<string[]> {
  const kit = columnKit(handle.dialect);
  const wanted = opts.before ? migrations.filter((m) => m.name < opts.before!) : migrations;
  const provider: MigrationProvider = {
    async getMigrations() {
      return Object.fromEntries(
        wanted.map((m) => [m.name, { up: (db: Kysely<unknown>) => m.up(db, kit) }]),
      );
    },
  };
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
