// THE jurisdiction guard. Every query on a scoped record goes through these predicates.
//
// WARNING: do not write your own path comparison in a repo. A user's scope is their unit's
// materialized path; a record is visible when its path copy lies in [scope, scope + '~'), or
// when an explicit grant names the user or a unit inside the user's range. A restricted record
// (e.g. a 检举控告 petition) is visible only to users named in its grants, even inside the range.
// Anything outside answers 404 (never 403), so existence is not revealed.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export type Scope = {
  userId: string;
  orgUnitId: string;
  /** materialized path of the user's unit, e.g. "/a1/b2/" */
  path: string;
  /**
   * the unit's key path (unit keys, 0060), where it was read with the path (a signed-in user's,
   * from the session); the name search reads it itself when absent
   */
  keyPath?: string;
};

/** Upper bound of a path range: '~' sorts after every id character. */
export function pathUpperBound(path: string): string {
  return path + '~';
}

/** The record's path column lies in the scope's subtree (the unit itself included). */
export function inScope(scope: Scope, pathColumn: string): RawBuilder<SqlBool> {
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${col} >= ${scope.path} and ${col} < ${pathUpperBound(scope.path)})`;
}

/**
 * The same test as inScope, written so that no index range serves it: each row is checked as a
 * filter. For a walk along another index's order that stops after a page (the name search walks
 * the token index in name order): a range on the path would make the planner fetch and sort
 * every match in the range first.
 */
export function inScopeAsFilter(scope: Scope, pathColumn: string): RawBuilder<SqlBool> {
  const col = sql`(${sql.ref(pathColumn)} || '')`;
  return sql<SqlBool>`(${col} >= ${scope.path} and ${col} < ${pathUpperBound(scope.path)})`;
}

/**
 * The key-path column (unit keys, 0060: the name-search index's compact copy of the path) lies in
 * the scope's subtree. The scope's own key path is read by the statement, from its unit's row.
 */
export function keyInScope(scope: Scope, keyColumn: string): RawBuilder<SqlBool> {
  const col = sql.ref(keyColumn);
  const key = sql<string>`(select u.key_path from org_units u where u.path = ${scope.path})`;
  return sql<SqlBool>`(${col} >= ${key} and ${col} < (${key} || '~'))`;
}

/** pathWithin as a filter on each row (see inScopeAsFilter). */
export function pathWithinAsFilter(pathColumn: string, unitPath: string): RawBuilder<SqlBool> {
  const col = sql`(${sql.ref(pathColumn)} || '')`;
  return sql<SqlBool>`(${col} >= ${unitPath} and ${col} < ${pathUpperBound(unitPath)})`;
}

/** The paths of the units above the scope's unit, root first (a path is `/id/id/…/`). */
export function ancestorPaths(scope: Scope): string[] {
  const ids = scope.path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/**
 * The path column is the unit's own path or one of its ancestors': records a unit inherits from the
 * units above it (the service catalog: an item published by the province reaches every unit below).
 */
export function pathAtOrAbove(pathColumn: string, unitPath: string): RawBuilder<SqlBool> {
  const ids = unitPath.split('/').filter(Boolean);
  const paths = ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
  return sql<SqlBool>`(${sql.ref(pathColumn)} in (${sql.join(paths)}))`;
}

/** A path (a plain value, not a column) lies in the scope. */
export function pathInScope(scope: Scope, path: string): boolean {
  return path >= scope.path && path < pathUpperBound(scope.path);
}

/** The path column lies in the subtree of `unitPath` (the unit itself included): "rows under this unit". */
export function pathWithin(pathColumn: string, unitPath: string): RawBuilder<SqlBool> {
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${col} >= ${unitPath} and ${col} < ${pathUpperBound(unitPath)})`;
}

/** The path column lies strictly below `unitPath` (the unit itself excluded): "units under this one". */
export function pathBelow(pathColumn: string, unitPath: string): RawBuilder<SqlBool> {
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${col} > ${unitPath} and ${col} < ${pathUpperBound(unitPath)})`;
}

/** A plain path lies in the subtree of `unitPath` (the unit itself included). */
export function pathIsWithin(path: string, unitPath: string): boolean {
  return path >= unitPath && path < pathUpperBound(unitPath);
}

/** Join shape: the path column lies in the subtree of the unit path held by another column. */
export function pathWithinColumn(pathColumn: string, unitPathColumn: string): RawBuilder<SqlBool> {
  const col = sql.ref(pathColumn);
  const unit = sql.ref(unitPathColumn);
  return sql<SqlBool>`(${col} >= ${unit} and ${col} < ${unit} || '~')`;
}

/** The range held by a column (e.g. a user's `org_path`) contains the plain path: "whose range holds this unit". */
export function rangeHolds(rangeColumn: string, path: string): RawBuilder<SqlBool> {
  const range = sql.ref(rangeColumn);
  return sql<SqlBool>`(${path} >= ${range} and ${path} < ${range} || '~')`;
}

export type GuardedRecord = {
  /** record type as stored in access_grants.record_type */
  recordType: string;
  idColumn: string;
  pathColumn: string;
  /** a 0/1 column; when 1 only named participants see the record */
  restrictedColumn?: string;
};

function grantToUser(scope: Scope, r: GuardedRecord): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from access_grants g
    where g.record_type = ${r.recordType} and g.record_id = ${sql.ref(r.idColumn)}
      and g.grantee_user_id = ${scope.userId})`;
}

function grantToUnitInRange(scope: Scope, r: GuardedRecord): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from access_grants g
    where g.record_type = ${r.recordType} and g.record_id = ${sql.ref(r.idColumn)}
      and g.grantee_path >= ${scope.path} and g.grantee_path < ${pathUpperBound(scope.path)})`;
}

/** The full guard for case-like records: range, grants, and restriction. */
export function visibleTo(scope: Scope, r: GuardedRecord): RawBuilder<SqlBool> {
  const open = sql<SqlBool>`(${inScope(scope, r.pathColumn)} or ${grantToUser(scope, r)} or ${grantToUnitInRange(scope, r)})`;
  if (!r.restrictedColumn) return open;
  const restricted = sql.ref(r.restrictedColumn);
  return sql<SqlBool>`((${restricted} = 1 and ${grantToUser(scope, r)}) or (${restricted} = 0 and ${open}))`;
}

/**
 * Every table that carries a copy of an org unit's path. Moving or merging a unit rewrites them
 * all (and, where a unit column is named, re-points records of a merged unit). A new scoped table
 * is added here, in the same commit as its migration.
 */
export type ScopedTable = {
  table: string;
  unitColumn: string | null;
  pathColumn: string;
  /** the column holds the unit's key path (0060), not its path */
  keyPath?: true;
};
const scopedTables: ScopedTable[] = [
  { table: 'users', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'access_grants', unitColumn: 'grantee_org_unit_id', pathColumn: 'grantee_path' },
  { table: 'cases', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'cases', unitColumn: 'counterpart_unit_id', pathColumn: 'counterpart_path' },
  { table: 'cases', unitColumn: 'waiting_unit_id', pathColumn: 'waiting_path' },
  { table: 'households', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'recipients', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'recipient_name_tokens', unitColumn: null, pathColumn: 'unit_key', keyPath: true },
  { table: 'files', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'glory_plaques', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'visits', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'visit_triggers', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'due_visits', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // the public service portal (issue 13)
  { table: 'feedback_entries', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'service_commitments', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'service_supervisors', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // support plans 一人一策 and their measures (issue 13)
  { table: 'support_plans', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'support_plan_measures', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // legal aid 法律援助: the directory of partners and the cases (issue 14)
  { table: 'legal_aid_partners', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'legal_aid_cases', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'care_records', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'care_record_people', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // party branches and organisation transfers (issue 15)
  { table: 'party_branches', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'party_transfers', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // the semi-annual summary (issue 16): a summary stays its unit's after a merge (one per unit and half-year stays unique)
  { table: 'semi_annual_summaries', unitColumn: null, pathColumn: 'org_path' },
  // honors, star ratings and merit notices (issue 15)
  { table: 'honors', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'star_rating_campaigns', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'star_rating_nominations', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'merit_notices', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // ventures, mentors and zero-employment households (issue 15)
  { table: 'ventures', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'venture_mentors', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'zero_employment_households', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // branch meetings by their branch's unit, volunteer teams by their unit (attendance, members and activities through them)
  { table: 'party_meetings', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'volunteer_teams', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // education 教育管理: exemplars and activities (issue 15)
  { table: 'exemplars', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'activities', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // hard problems 疑难问题 (issue 16)
  { table: 'hard_problems', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // evaluation 考核评估 and rectification 整改 (issue 16)
  { table: 'evaluation_sets', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'evaluation_rounds', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'evaluations', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'evaluation_items', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'evaluation_scores', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'rectifications', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'due_visits', unitColumn: 'owner_unit_id', pathColumn: 'owner_path' },
  { table: 'visit_follow_ups', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'key_person_contacts', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // petitions (issue 6)
  { table: 'petitions', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // disputes and opinion reports (issue 6)
  { table: 'disputes', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // a submission stays the submitting unit's after a merge (and one per unit and month stays unique)
  { table: 'dispute_submissions', unitColumn: null, pathColumn: 'org_path' },
  { table: 'opinion_reports', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // appointments (issue 13): a schedule and its closures stay the unit's own rows (one schedule per unit id)
  { table: 'appointment_schedules', unitColumn: null, pathColumn: 'org_path' },
  { table: 'appointment_closures', unitColumn: null, pathColumn: 'org_path' },
  { table: 'appointments', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // policy services (issue 13): the catalog's items, by publishing unit
  { table: 'service_items', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // applications 办件 (issue 13): the applicant's unit; their visits and home services follow it
  { table: 'applications', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'application_visits', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // assistance 帮扶援助 (issue 14): the application's unit; its referrals follow it
  { table: 'assistance_applications', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'assistance_referrals', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // rights cases 权益维护 and the kernel's supervision notices 督办 / assignments 交办 (issue 14)
  { table: 'rights_cases', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'case_supervisions', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'case_supervisions', unitColumn: 'issuer_unit_id', pathColumn: 'issuer_path' },
  // funds and disbursement 资金与发放 (issue 14): a fund by its owning unit, a share balance and a
  // movement by the share's unit, a payable by the payee's unit, a batch by its county
  { table: 'funds', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'fund_balances', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'fund_movements', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'payables', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'payment_batches', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'payment_batch_items', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // employment 就业创业 (issue 15): employers and openings by owning unit, a share by the unit shared
  // with, a recommendation by the person's unit (profiles follow their person through recipients)
  { table: 'employers', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'job_openings', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'job_openings', unitColumn: 'place_unit_id', pathColumn: 'place_path' },
  { table: 'job_opening_shares', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'job_recommendations', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // job fairs and trainings 招聘会、培训 (issue 15): by the holding unit (registrations and enrolments follow them)
  { table: 'job_fairs', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'trainings', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // satisfaction surveys 满意度调查 (issue 16): questionnaires and runs by their unit, an invitation by its person's unit
  { table: 'questionnaires', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'survey_runs', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'survey_invitations', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  // notifications (issue 16): a unit's group-robot webhook stays the unit's own row (one per unit id)
  { table: 'unit_webhooks', unitColumn: null, pathColumn: 'org_path' },
  // obligations 工作制度 (issue 16): a county's own definitions by the county, records by the owing
  // unit, ledgers' responsible persons by their unit
  { table: 'obligation_defs', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'obligation_records', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
  { table: 'ledger_responsibles', unitColumn: 'org_unit_id', pathColumn: 'org_path' },
];
export function listScopedTables(): readonly ScopedTable[] {
  return scopedTables;
}
