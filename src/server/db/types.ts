// Table types. Booleans are 0/1 integers and JSON is text on both databases; timestamps are
// ISO strings (SQLite text, PostgreSQL timestamptz parsed back to ISO by the client).
import type { Generated } from 'kysely';

export type Flag = 0 | 1;

export type OrgUnitTable = {
  id: string;
  parent_id: string | null;
  level: string;
  code: string;
  name: string;
  path: string;
  /** the compact path of unit codes, `/1/2a/k3/` (0060): the name-search index's copy of the path */
  key_path: string;
  depth: number;
  address: string;
  phone: string;
  office_hours: string;
  head_name: string;
  active: number;
  merged_into: string | null;
  dataset_year: number | null;
  created_at: string;
  updated_at: string;
};

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  org_unit_id: string;
  org_path: string;
  roles: string;
  title: string;
  work_phone: string;
  show_in_directory: number;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  totp_secret_enc: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  is_demo: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

export type SessionTable = {
  id: string;
  user_id: string;
  csrf_token: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
};

export type SettingTable = {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
};

export type AuditLogTable = {
  seq: Generated<number>;
  chain_index: number | null;
  at: string;
  user_id: string | null;
  username: string | null;
  org_unit_id: string | null;
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  ip: string | null;
  detail: string | null;
  prev_hash: string | null;
  hash: string | null;
  /** 1: sealed before 0010, the hash leaves org_path out; 2: the hash covers org_path (0010-audit-unit-path) */
  hash_version: Generated<number>;
  /** MAC made at write time with a key the database does not hold (0015); null on older entries */
  entry_mac: string | null;
  /** the sealing that linked the entry, one line of the anchor file each (0015); null before */
  sealing: number | null;
};

/** A flow figure's value for a unit's subtree and a month (dashboards' job, migration 0050). */
export type FigureMonthTable = {
  unit_id: string;
  figure: string;
  month: string;
  value: number | string;
  computed_at: string;
};

export type JobRunTable = {
  id: string;
  name: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
};

export type AccessGrantTable = {
  id: string;
  record_type: string;
  record_id: string;
  grantee_user_id: string | null;
  grantee_org_unit_id: string | null;
  grantee_path: string | null;
  created_at: string;
};

/** One row per role a user holds (migration 0016): written by the staff repo with users.roles. */
export type StaffRoleTable = { user_id: string; role: string };

/** Failed sign-ins under names with no account (migration 0019), by a keyed hash of the name. */
export type UnknownNameFailureTable = { name_hash: string; failed_count: number; locked_until: string | null; updated_at: string };

export type Database = {
  unknown_name_failures: UnknownNameFailureTable;
  org_units: OrgUnitTable;
  org_unit_key_counter: OrgUnitKeyCounterTable;
  users: UserTable;
  staff_roles: StaffRoleTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_logs: AuditLogTable;
  job_runs: JobRunTable;
  figure_months: FigureMonthTable;
  access_grants: AccessGrantTable;
  cases: CaseTable;
  case_actions: CaseActionTable;
  holiday_years: HolidayYearTable;
  households: HouseholdTable;
  /** key_groups: the Part 5 三(三) bit mask, kept by the recipients repo (0006-visits) */
  recipients: RecipientTable & { key_groups: Generated<number> };
  recipient_versions: RecipientVersionTable;
  recipient_name_tokens: RecipientNameTokenTable;
  files: FileTable;
  rollups: RollupTable;
  glory_plaques: GloryPlaqueTable;
  service_items: ServiceItemTable;
  applications: ApplicationTable;
  application_visits: ApplicationVisitTable;
  application_counters: ApplicationCounterTable;
  visits: VisitTable;
  visit_visitors: VisitVisitorTable;
  visit_triggers: VisitTriggerTable;
  due_visits: DueVisitTable;
  visit_follow_ups: VisitFollowUpTable;
  key_person_contacts: KeyPersonContactTable;
  // petitions and the public side (issue 6)
  petitions: PetitionTable;
  petition_counters: PetitionCounterTable;
  public_accounts: PublicAccountTable;
  public_sessions: PublicSessionTable;
  pow_spent: PowSpentTable;
  // disputes and opinion reports (issue 6)
  // the public service portal (issue 13)
  feedback_entries: FeedbackEntryTable;
  service_commitments: ServiceCommitmentTable;
  service_supervisors: ServiceSupervisorTable;
  disputes: DisputeTable;
  support_plans: SupportPlanTable;
  support_plan_measures: SupportPlanMeasureTable;
  // assistance 帮扶援助 (issue 14)
  assistance_applications: AssistanceApplicationTable;
  assistance_referrals: AssistanceReferralTable;
  legal_aid_partners: LegalAidPartnerTable;
  legal_aid_cases: LegalAidCaseTable;
  // care records 关爱服务记录 (issue 14)
  care_records: CareRecordTable;
  care_record_people: CareRecordPersonTable;
  // party members 退役军人党员 (issue 15)
  party_branches: PartyBranchTable;
  party_memberships: PartyMembershipTable;
  party_transfers: PartyTransferTable;
  // education 教育管理: exemplars and activities (issue 15)
  exemplars: ExemplarTable;
  // hard problems 疑难问题 (issue 16)
  hard_problems: HardProblemTable;
  activities: ActivityTable;
  activity_attendees: ActivityAttendeeTable;
  party_meetings: PartyMeetingTable;
  party_meeting_attendance: PartyMeetingAttendanceTable;
  volunteer_teams: VolunteerTeamTable;
  volunteer_team_members: VolunteerTeamMemberTable;
  volunteer_activities: VolunteerActivityTable;
  volunteer_activity_people: VolunteerActivityPersonTable;
  // satisfaction surveys 满意度调查 (issue 16)
  questionnaires: QuestionnaireTable;
  survey_runs: SurveyRunTable;
  survey_invitations: SurveyInvitationTable;
  // job fairs and trainings 招聘会、培训 (issue 15)
  job_fairs: JobFairTable;
  job_fair_employers: JobFairEmployerTable;
  job_fair_people: JobFairPersonTable;
  trainings: TrainingTable;
  // notifications 消息通知 (issue 16)
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  unit_webhooks: UnitWebhookTable;
  notification_outbox: NotificationOutboxTable;
  training_enrolments: TrainingEnrolmentTable;
  ventures: VentureTable;
  venture_founders: VentureFounderTable;
  venture_supports: VentureSupportTable;
  venture_mentors: VentureMentorTable;
  venture_mentorships: VentureMentorshipTable;
  zero_employment_households: ZeroEmploymentHouseholdTable;
  // obligations 工作制度 and ledgers' responsible persons (issue 16)
  obligation_defs: ObligationDefTable;
  obligation_records: ObligationRecordTable;
  ledger_responsibles: LedgerResponsibleTable;
  // the semi-annual summary 半年工作总结 (issue 16)
  semi_annual_summaries: SemiAnnualSummaryTable;
  // honors, star ratings, the honor wall, merit notices (issue 15)
  honors: HonorTable;
  star_rating_campaigns: StarRatingCampaignTable;
  star_rating_nominations: StarRatingNominationTable;
  honor_wall_consents: HonorWallConsentTable;
  merit_notices: MeritNoticeTable;
  // evaluation 考核评估 and rectification 整改 (issue 16); scores in tenths
  evaluation_sets: EvaluationSetTable;
  evaluation_rounds: EvaluationRoundTable;
  evaluations: EvaluationTable;
  evaluation_items: EvaluationItemTable;
  evaluation_scores: EvaluationScoreTable;
  rectifications: RectificationTable;
  // funds and disbursement (issue 14); money columns are bigint fen (PostgreSQL returns them as text: read with Number())
  funds: FundTable;
  fund_balances: FundBalanceTable;
  fund_movements: FundMovementTable;
  payables: PayableTable;
  payment_batches: PaymentBatchTable;
  payment_batch_items: PaymentBatchItemTable;
  dispute_submissions: DisputeSubmissionTable;
  opinion_reports: OpinionReportTable;
  // appointments (issue 13)
  appointment_schedules: AppointmentScheduleTable;
  appointment_closures: AppointmentClosureTable;
  appointments: AppointmentTable;
  // rights cases and the kernel's supervision notices / assignments (issue 14)
  rights_cases: RightsCaseTable;
  case_supervisions: CaseSupervisionTable;
  // employment 就业创业 (issue 15)
  employment_profiles: EmploymentProfileTable;
  employers: EmployerTable;
  job_openings: JobOpeningTable;
  job_opening_shares: JobOpeningShareTable;
  job_recommendations: JobRecommendationTable;
  job_interests: JobInterestTable;
};

export type CaseTable = {
  id: string;
  case_type: string;
  status: string;
  open: number;
  org_unit_id: string;
  org_path: string;
  counterpart_unit_id: string | null;
  counterpart_path: string | null;
  waiting_unit_id: string | null;
  waiting_path: string | null;
  restricted: number;
  subject_type: string | null;
  subject_id: string | null;
  title: string;
  payload: string;
  due_day: string | null;
  /** an hour deadline's instant (0009); null for day deadlines (due at the end of due_day) */
  due_at: string | null;
  waiting_since: string;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  created_by: string;
  version: number;
};

export type CaseActionTable = {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string;
  actor_name: string;
  actor_unit_name: string;
  at: string;
  comment: string;
  /** JSON: the action's input as parsed by its `input` schema (null when it has none) */
  data: string | null;
};

export type HolidayYearTable = { year: number; data: string; loaded_at: string; loaded_by: string | null };

export type HouseholdTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  address: string;
  head_recipient_id: string | null;
  zero_employment: number;
  hardship: number;
  created_at: string;
  updated_at: string;
};

export type RecipientTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  household_id: string | null;
  status: string;
  kind: string;
  name: string;
  gender: string;
  ethnicity: string;
  birth_date: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  bank_account_enc: string | null;
  political_status: string | null;
  recipient_group: string;
  care_mask: number;
  enlistment_date: string | null;
  discharge_date: string | null;
  discharge_type: string | null;
  branch: string | null;
  last_unit: string | null;
  rank: string | null;
  disability_grade: number | null;
  disability_cause: string | null;
  disability_cert_enc: string | null;
  medical_enc: string | null;
  education: string | null;
  employment_status: string | null;
  skills: string;
  merits: string;
  situations: string;
  family_members: string;
  deceased_soldier: string | null;
  certificates: string;
  household_address: string;
  current_address: string;
  notes: string;
  lunar_birthday: number;
  /** §44 上门服务对象: the reasons as a bit mask (shared/schemas/recipients homeServiceMaskOf; migration 0025, default 0) */
  home_service?: number;
  deceased: number;
  death_date: string | null;
  merged_into: string | null;
  situations_filled: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  registered_at: string | null;
};

export type RecipientVersionTable = {
  id: string;
  recipient_id: string;
  version: number;
  at: string;
  actor_user_id: string;
  actor_name: string;
  kind: string;
  changes: string;
  case_id: string | null;
};

/** `name`: the recipient's name, the sort key of name search (0017); `unit_key`: the key path of the record's unit (0060); rows are built by nameTokenRows alone. */
export type RecipientNameTokenTable = { token: string; unit_key: string; recipient_id: string; name: string };
/** One row (id 1): the last unit code given (0060); codes are never reused. */
export type OrgUnitKeyCounterTable = { id: number; last: number };

export type FileTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
  data_enc: string;
  created_by: string;
  created_at: string;
};

export type RollupTable = { unit_id: string; metric: string; bucket: string; n: number };

export type GloryPlaqueTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  household_id: string;
  status: string;
  basis: string;
  grounds: string;
  applied_on: string | null;
  applicant: string;
  hung_on: string | null;
  hung_by: string;
  photo_file_id: string | null;
  replaced_on: string | null;
  replace_reason: string | null;
  replace_count: number;
  revoked_on: string | null;
  revoke_reason: string | null;
  revoke_note: string;
  note: string;
  /** mirrors of the case (glory-plaques.cases.ts): version and updated_at follow the case's */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A service item 服务事项 of the catalog (0022); materials and steps are JSON (shared/schemas/service-items.ts). */
export type ServiceItemTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  kind: string;
  policy_basis: string;
  eligibility: string;
  materials: string;
  steps: string;
  notice_required: number;
  notice_days: number | null;
  decider: string;
  fee: string;
  result_document: string;
  time_limit_note: string;
  handoff: string | null;
  status: string;
  seed_key: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** One row per (visit, visitor) (0018): "my visits" by an index, not a LIKE on the JSON column. */
export type VisitVisitorTable = {
  visit_id: string;
  user_id: string;
};

export type VisitTable = {
  id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  visited_on: string;
  visit_type: string;
  visitors: string;
  visitor_user_ids: string;
  situations: string;
  needs: string;
  money_cents: number;
  goods: string;
  follow_up: string;
  note: string;
  photo_file_ids: string;
  due_visit_id: string | null;
  late: number;
  client_key: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type VisitTriggerTable = {
  id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  event_day: string;
  note: string;
  source: string;
  created_by: string;
  created_at: string;
};

export type DueVisitTable = {
  id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  owner_unit_id: string;
  owner_path: string;
  reason: string;
  trigger_id: string | null;
  trigger_kind: string | null;
  occasion_day: string;
  window_start: string;
  window_end: string;
  dedupe_key: string;
  assigned_user_id: string | null;
  status: string;
  visit_id: string | null;
  done_on: string | null;
  created_at: string;
  updated_at: string;
};

export type VisitFollowUpTable = {
  id: string;
  visit_id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  need: string;
  owner_user_id: string;
  due_day: string | null;
  status: string;
  passed_to: string | null;
  closed_at: string | null;
  note: string;
  created_at: string;
};

export type KeyPersonContactTable = {
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  contact_user_id: string;
  assigned_at: string;
  assigned_by: string;
};
// ---- disputes and opinion reports (issue 6, migration 0008) ----

export type DisputeTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  found_on: string;
  method: string;
  parties: string;
  summary: string;
  risk_level: string;
  responsible_user_id: string;
  leader_user_id: string | null;
  deadline: string;
  plan: string;
  /** the case's status (mirror, written by the kernel; the log is the case's action log since 0012) */
  status: string;
  result: string;
  closed_on: string | null;
  closed_by: string | null;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type DisputeSubmissionTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  month: string;
  summary: string;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: string;
  revision: number;
};

export type OpinionReportTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  found_at: string;
  source: string;
  summary: string;
  people: string;
  level: string;
  link: string;
  status: string;
  acting_seq: number;
  note: string;
  reported_by: string;
  reported_by_name: string;
  reported_at: string;
  version: number;
  updated_at: string;
  /** the level the report waits on (mirror of its case, 0013) */
  waiting_unit_id: string | null;
};


// ---- petitions and the public side (issue 6) ----
export type PetitionTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  registration_no: string;
  channel: string;
  petition_type: string;
  category: string;
  received_on: string;
  petitioner_name: string;
  id_number_enc: string | null;
  id_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  discharge_cert_checked: Flag;
  address: string;
  headcount: number;
  /** JSON: [{ name, idEnc, idHash }] */
  representatives: string;
  request: string;
  facts: string;
  reasons: string;
  oral: Flag;
  note: string;
  recipient_id: string | null;
  handler_user_id: string | null;
  leader_user_id: string | null;
  repeat_of: string | null;
  /** JSON: user ids */
  accused_user_ids: string;
  accused_org_unit_id: string | null;
  restricted: Flag;
  public_account_id: string | null;
  query_code_hash: string | null;
  /** the query code encrypted, printed on the 受理告知书 (null before migration 0020) */
  query_code_enc: string | null;
  accept_due: string | null;
  /** the day acceptance was decided (accepted, not accepted, transferred): the first stage's on-time mark */
  accept_decided_on: string | null;
  accepted_on: string | null;
  handle_due: string | null;
  replied_on: string | null;

  reply_received_on: string | null;
  outcome: string | null;
  reply_text: string | null;
  satisfaction: number | null;
  rated_at: string | null;
  closed_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};
export type PetitionCounterTable = { org_unit_id: string; channel: string; year: number; last_no: number };

// ---- support plans 一人一策 and the home-service mark (issue 13, migration 0025) ----

export type SupportPlanTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  difficulty: string;
  situation: string;
  goals: string;
  responsible_user_id: string;
  opened_on: string;
  next_review_on: string | null;
  status: string;
  measure_count: number;
  measures_done: number;
  closed_on: string | null;
  closed_by: string | null;
  outcome: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type RightsCaseTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  kind: string;
  party_kind: string;
  party_name: string;
  facts: string;
  request: string;
  source_kind: string;
  source_id: string | null;
  opened_on: string;
  status: string;
  due_day: string | null;
  conclusion: string | null;
  notice_count: number;
  closed_on: string | null;
  outcome: string | null;
  on_time: number | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type CaseSupervisionTable = {
  id: string;
  case_id: string;
  case_type: string;
  kind: string;
  seq: number;
  org_unit_id: string;
  org_path: string;
  external_body: string | null;
  issuer_unit_id: string;
  issuer_path: string;
  issued_by: string;
  issued_by_name: string;
  issued_on: string;
  due_day: string;
  content: string;
  reply: string | null;
  replied_on: string | null;
  replied_by_name: string | null;
  created_at: string;
  /** 0037: a lower unit's own 交办 reply: the result beside what was done */
  result: string | null;
  /** 0037: the assigning unit's review of a lower unit's reply: 'accepted' | 'returned' | null */
  review: string | null;
  reviewed_on: string | null;
  review_comment: string | null;
  reviewed_by_name: string | null;
  /** 0037: how many times the reply was sent back */
  returns: number;
};

export type SupportPlanMeasureTable = {
  id: string;
  plan_id: string;
  org_unit_id: string;
  org_path: string;
  seq: number;
  content: string;
  owner_user_id: string;
  due_on: string;
  done: number;
  done_on: string | null;
  note: string;
  created_at: string;
  updated_at: string;
};
export type PublicAccountTable = {
  id: string;
  name: string;
  id_number_enc: string;
  id_hash: string;
  phone_enc: string;
  phone_hash: string;
  password_hash: string;
  privacy_notice_version: string;
  failed_count: number;
  locked_until: string | null;
  disabled: Flag;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};
export type PublicSessionTable = {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
};
export type PowSpentTable = { id: string; expires_at: string };

// ---- appointments 预约办理 (issue 13, migration 0024) ----
export type AppointmentScheduleTable = {
  org_unit_id: string;
  org_path: string;
  slot_minutes: number;
  capacity: number;
  /** JSON: [{ weekday: 1–7, start: 'HH:MM', end: 'HH:MM' }] */
  ranges: string;
  version: number;
  updated_by: string;
  updated_at: string;
};

export type AppointmentClosureTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  from_day: string;
  to_day: string;
  reason: string;
  created_by: string;
  created_at: string;
};

export type AppointmentTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  account_id: string;
  recipient_id: string | null;
  person_name: string;
  phone_enc: string;
  item_id: string;
  item_name: string;
  day: string;
  start_time: string;
  end_time: string;
  note: string;
  /** the case's status (mirror) */
  status: string;
  application_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** An application 办件 (0023): same id as its case (type `application`); status columns are the case's mirror. */
export type ApplicationTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  item_id: string;
  item_name: string;
  status: string;
  step_label: string;
  due_day: string | null;
  runs: number;
  home_services: number;
  opened_on: string;
  closed_on: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** (0027) null on applications made before query codes */
  registration_no: string | null;
  query_code_hash: string | null;
  query_code_enc: string | null;
  /** 'staff' | 'online' (0027) */
  source: string;
  public_account_id: string | null;
};

/** Applications numbered per year (0027). */
export type ApplicationCounterTable = {
  year: number;
  last_no: number;
};

/** An in-person visit of the applicant (run), or a home service / delegated handling (zero runs) (0023). */
export type ApplicationVisitTable = {
  id: string;
  application_id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  reason: string;
  day: string;
  handled_by: string;
  note: string;
  created_by: string;
  created_at: string;
};

// ---- the public service portal (issue 13, migration 0026) ----
export type FeedbackEntryTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  body: string;
  rating: number | null;
  signature: string;
  writer_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  public_account_id: string | null;
  query_code_hash: string;
  submitted_at: string;
  submitted_on: string;
  status: string;
  due_day: string | null;
  reply: string | null;
  replied_on: string | null;
  replied_by_name: string | null;
  published: number;
  published_at: string | null;
  version: number;
  updated_at: string;
};
export type ServiceCommitmentTable = { id: string; org_unit_id: string; org_path: string; position: number; body: string; updated_by_name: string; updated_at: string };
export type ServiceSupervisorTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  position: number;
  name: string;
  affiliation: string;
  phone: string;
  updated_by_name: string;
  updated_at: string;
};

export type AssistanceApplicationTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  household_key: string;
  ground: string;
  place: string;
  monthly_income_fen: number;
  members: number;
  opened_on: string;
  status: string;
  verified: number;
  form: string | null;
  amount_fen: number;
  goods_value_fen: number;
  approved: number;
  decided_on: string | null;
  notice_start: string | null;
  notice_end: string | null;
  repeat_reason: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** 'staff' (受理 at a desk) or 'online' (the veteran's public account; migration 0036) */
  source: string;
  public_account_id: string | null;
  /** aid approved for the household within the repeat period when the online application came in */
  repeat_flagged: number;
  /** the narrative 困难情况, ctx.crypto ciphertext (null: written before 0036, not yet sealed) */
  narrative_enc: string | null;
};

export type AssistanceReferralTable = {
  id: string;
  case_id: string;
  org_unit_id: string;
  org_path: string;
  agency: string;
  referred_on: string;
  note: string;
  outcome: string | null;
  outcome_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

// ---- funds and disbursement 资金与发放 (issue 14, migration 0032) ----

export type FundTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  name: string;
  donor: string;
  purpose: string;
  earmark_kind: string;
  earmark_recipient_id: string | null;
  earmark_note: string;
  created_by: string;
  created_at: string;
};

export type FundBalanceTable = { fund_id: string; org_unit_id: string; org_path: string; balance_fen: number };

export type FundMovementTable = {
  id: string;
  fund_id: string;
  org_unit_id: string;
  org_path: string;
  from_unit_id: string | null;
  kind: string;
  amount_fen: number;
  on_day: string;
  method: string | null;
  payable_id: string | null;
  batch_id: string | null;
  note: string;
  details: string | null;
  created_by: string;
  created_at: string;
};

export type PayableTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  source_kind: string;
  source_id: string;
  recipient_id: string;
  amount_fen: number;
  form: string;
  goods: string;
  account_enc: string | null;
  account_masked: string | null;
  approved_on: string;
  batch_id: string | null;
  paid_movement_id: string | null;
  paid_on: string | null;
  last_failure: string;
  created_at: string;
};

export type PaymentBatchTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  fund_id: string;
  status: string;
  item_count: number;
  total_fen: number;
  paid_count: number;
  paid_fen: number;
  failed_count: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type PaymentBatchItemTable = {
  batch_id: string;
  payable_id: string;
  org_unit_id: string;
  org_path: string;
  seq: number;
  amount_fen: number;
  result: string | null;
  bank_reply: string;
  movement_id: string | null;
};

// ---- legal aid 法律援助 (issue 14, migration 0034) ----

export type LegalAidPartnerTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  kind: string;
  address: string;
  /** the institution's public phone (not personal data) */
  phone: string;
  lawyers: string;
  areas: string;
  active: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A care record 关爱服务记录 (migration 0035): consultation, counselling, law education, health check or insurance. */
export type CareRecordTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  day: string;
  title: string;
  place: string;
  organiser: string;
  /** the staff member who did it (a name, free text) */
  by_name: string;
  summary: string;
  /** counselling notes, health-check results: ctx.crypto ciphertext, null when none */
  details_enc: string | null;
  headcount: number;
  /** JSON text of the kind's own fields (insurance), null when none */
  extra: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A person concerned by a care record (attendance), under the record's unit. */
export type CareRecordPersonTable = {
  id: string;
  record_id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  note: string;
};

export type LegalAidCaseTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  applied_on: string;
  matter_kind: string;
  matter: string;
  opposing_party: string;
  claims: string;
  prior_steps: number;
  route: string;
  status: string;
  partner_id: string | null;
  referred_on: string | null;
  ack_due_day: string | null;
  acknowledged_on: string | null;
  ack_receiver: string;
  follow_up_count: number;
  closed_on: string | null;
  outcome_kind: string | null;
  outcome: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A person's employment profile 就业信息 (0039); the status is recipients.employment_status. */
export type EmploymentProfileTable = {
  recipient_id: string;
  seeking: number;
  industries_mask: number;
  skills_mask: number;
  work_time: string;
  /** JSON array of unit ids */
  place_unit_ids: string;
  pay_min: number | null;
  employer_name: string;
  training_wishes: string;
  venture_intent: number;
  venture_help: string;
  note: string;
  confirmed_on: string | null;
  confirmed_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type EmployerTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  kind: string;
  credit_code: string;
  veteran_founded: number;
  address: string;
  contact_name: string;
  contact_phone_enc: string | null;
  contact_phone_masked: string;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type JobOpeningTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  employer_id: string;
  position: string;
  skills_mask: number;
  industry: string;
  place_unit_id: string;
  /** where the work is: a unit (county, township…) and its path */
  place_path: string;
  work_time: string;
  pay_min: number;
  pay_max: number;
  headcount: number;
  valid_from: string;
  valid_to: string;
  veterans_preferred: number;
  description: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type JobOpeningShareTable = {
  id: string;
  opening_id: string;
  org_unit_id: string;
  org_path: string;
  shared_by: string;
  shared_at: string;
};

/** The mirror of a `jobRecommendation` case (same id). */
export type JobRecommendationTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  opening_id: string;
  recipient_id: string;
  score: number;
  reasons: string;
  recommended_on: string;
  status: string;
  outcome_on: string | null;
  /** the reason when declined (0042); null otherwise */
  decline_reason: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A veteran's interest 我有意向 in an opening, said from their public account (0042); follows its person. */
export type JobInterestTable = {
  id: string;
  opening_id: string;
  recipient_id: string;
  public_account_id: string;
  /** the Shanghai day it was said */
  interested_on: string;
  created_at: string;
};

/** A party branch 党支部 kept by a unit (issue 15; §16). */
export type PartyBranchTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  kind: string;
  secretary: string;
  contact: string;
  active: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A recommendation of an outstanding veteran 优秀退役军人典型 (issue 15): the case's facts and, as its mirror, its state. */
export type ExemplarTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  kind: string;
  category: string;
  honor_level: string;
  title: string;
  reason: string;
  status: string;
  reviewing_unit_id: string | null;
  accepted_level: string | null;
  accepted_unit_name: string | null;
  accepted_on: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A learning and education activity 学习教育活动 (issue 15), kept by its organiser unit. */
export type ActivityTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  topic: string;
  kind: string;
  place_kind: string;
  place: string;
  held_on: string;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** An invitation to an activity and, once marked, whether the person attended (1/0; null: not marked). */
export type ActivityAttendeeTable = {
  activity_id: string;
  recipient_id: string;
  attended: number | null;
  invited_by: string;
  invited_at: string;
  marked_by: string | null;
  marked_at: string | null;
};

/** A recipient's party membership facts (joined day, branch); scoped through the recipient's row. */
export type PartyMembershipTable = {
  recipient_id: string;
  joined_on: string | null;
  branch_id: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
};

/** A branch meeting 三会一课 / 主题党日, kept under its branch's unit (issue 15; Part 3 四(六)). */
export type PartyMeetingTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  branch_id: string;
  kind: string;
  held_on: string;
  topic: string;
  place: string;
  host: string;
  content: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A party member's attendance at a branch meeting: present, absent, or excused with the reason. */
export type PartyMeetingAttendanceTable = {
  meeting_id: string;
  recipient_id: string;
  attendance: string;
  reason: string;
};

/** A volunteer team 志愿服务队 or model post 示范岗 kept by a unit (§17). */
export type VolunteerTeamTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  name: string;
  field: string;
  leader_id: string | null;
  founded_on: string | null;
  description: string;
  active: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type VolunteerTeamMemberTable = { team_id: string; recipient_id: string };

/** One activity of a volunteer team or model post; hours in tenths. */
export type VolunteerActivityTable = {
  id: string;
  team_id: string;
  held_on: string;
  content: string;
  place: string;
  hours_tenths: number;
  created_by: string;
  created_at: string;
};

export type VolunteerActivityPersonTable = { activity_id: string; recipient_id: string };

/** An organisation transfer 组织关系转接: the letter's facts and, as the case's mirror, its state. */
export type PartyTransferTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  from_branch_id: string | null;
  from_name: string;
  to_branch_id: string | null;
  to_name: string;
  letter_no: string;
  letter_issued_on: string;
  limit_days: number;
  status: string;
  due_day: string | null;
  reported_on: string | null;
  done_on: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A unit's semi-annual summary 半年工作总结 (issue 16; §45): the kernel case's row. */
export type SemiAnnualSummaryTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  /** 'YYYY-H1' | 'YYYY-H2' */
  half_year: string;
  status: string;
  work: string;
  problems: string;
  plans: string;
  /** optimistic lock of the text (the case's own version guards the actions) */
  edit_version: number;
  /** JSON FigureValueDto-like snapshot with module, counted at submission */
  figures_json: string | null;
  figures_at: string | null;
  submitted_at: string | null;
  accepted_at: string | null;
  review_comment: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** An honor after service 荣誉 (issue 15; Part 3 四(四)). */
export type HonorTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  title: string;
  level: string;
  giver: string;
  awarded_on: string;
  note: string;
  created_by: string;
  created_at: string;
};

/** A star-rating campaign 评星级 (the kernel case's row; status and published_on are its mirror). */
export type StarRatingCampaignTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  title: string;
  criteria: string;
  /** comma-separated star levels offered, e.g. "3,4,5" */
  levels: string;
  period_from: string;
  period_to: string;
  status: string;
  published_on: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A station's nomination to a campaign (the kernel case's row; status and review_comment are its mirror). */
export type StarRatingNominationTable = {
  id: string;
  campaign_id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  level: number;
  reason: string;
  status: string;
  review_comment: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A recipient's recorded consent 本人同意 to the public honor wall; scoped through the recipient's row. */
export type HonorWallConsentTable = {
  recipient_id: string;
  active: number;
  method: string;
  consented_on: string;
  citation: string;
  photo_file_id: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
  withdrawn_by_name: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string;
  version: number;
};

/** A merit notice 喜报 for a serving member's family (the kernel case's row). */
export type MeritNoticeTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  serving_name: string;
  merit: string;
  serving_unit: string;
  awarded_on: string;
  status: string;
  due_day: string | null;
  delivered_on: string | null;
  delivered_by: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A venture 创业项目 (0044): scoped by the unit that keeps it. */
export type VentureTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  sector: string;
  place: string;
  stage: string;
  started_on: string | null;
  jobs_created: number;
  veterans_employed: number;
  employer_id: string | null;
  veteran_founded: number;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type VentureFounderTable = { venture_id: string; recipient_id: string; seq: number };

/** Support given to a venture 扶持 (0044); follows its venture. */
export type VentureSupportTable = {
  id: string;
  venture_id: string;
  kind: string;
  amount_fen: number | string;
  given_on: string;
  giver: string;
  note: string;
  created_by: string;
  created_at: string;
};

/** A mentor of the founders' network 创业导师 (0044): scoped by the unit that keeps the list. */
export type VentureMentorTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  sectors: string;
  enterprise: string;
  expertise: string;
  created_by: string;
  created_at: string;
};

export type VentureMentorshipTable = { id: string; mentor_id: string; venture_id: string; from_on: string; note: string; created_by: string; created_at: string };

/** A zero-employment household case 零就业家庭 (0044): the kernel's mirror. */
export type ZeroEmploymentHouseholdTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string;
  household_id: string | null;
  worker_user_id: string;
  status: string;
  confirmed_on: string;
  closed_on: string | null;
  reemployed_name: string;
  employer_name: string;
  measure_count: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A job fair 招聘会 held by a unit (issue 15; Part 4 四(一)). */
export type JobFairTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  name: string;
  held_on: string;
  place: string;
  kind: string;
  note: string;
  intent_count: number | null;
  hired_count: number | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** An employer taking part in a fair, with the openings it offers there. */
export type JobFairEmployerTable = {
  fair_id: string;
  employer_id: string;
  openings: number;
};

/** A veteran registered for a fair, and whether they attended. */
export type JobFairPersonTable = {
  fair_id: string;
  recipient_id: string;
  registered_on: string;
  attended: number;
  registered_by: string;
  /** the result the worker recorded (0055): intent 达成意向 / hired 已录用 / none 未达成; null until recorded */
  outcome: string | null;
  outcome_employer_id: string | null;
  outcome_opening_id: string | null;
  outcome_note: Generated<string>;
  outcome_on: string | null;
  outcome_by: string | null;
};

/** A training 适应性培训/技能培训 kept by a unit (issue 15; Part 4 四(三)(六), 五(一)). */
export type TrainingTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  kind: string;
  name: string;
  provider: string;
  course: string;
  start_on: string;
  end_on: string;
  places: number;
  sessions: number;
  place: string;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A veteran enrolled in a training: attendance, completion and certificate. */
export type TrainingEnrolmentTable = {
  training_id: string;
  recipient_id: string;
  enrolled_on: string;
  attended_sessions: number;
  completed_on: string | null;
  certificate_name: string;
  certificate_no: string;
  version: number;
  enrolled_by: string;
  updated_at: string;
};

/** A staff user's notification (issue 16): theirs alone. */
export type NotificationTable = {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  case_id: string | null;
  /** one per (user, key): a due item's notification per day, the day's digest */
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
};

/** A user's choice for one kind of notification (no row: everything on). */
export type NotificationPreferenceTable = { user_id: string; kind: string; in_app: number; digest: number; webhook: number; updated_at: string };

/** A unit's 企业微信 group-robot webhook: the URL encrypted, a masked hint shown. */
export type UnitWebhookTable = { org_unit_id: string; org_path: string; url_enc: string; url_hint: string; updated_by: string; updated_at: string };

/** A message waiting to be sent to a unit's channel after its transaction committed. */
export type NotificationOutboxTable = {
  id: string;
  org_unit_id: string;
  /** the message's text (markdown), free of personal data */
  content: string;
  /** pending | sent | failed (gave up after the last retry) | skipped (no webhook set when sending) */
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string;
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
};

/** A unit's indicator set 考评指标体系 (indicators as JSON; the default sets live in code). */
export type EvaluationSetTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  based_on: string | null;
  name: string;
  kind: string;
  level: string;
  indicators: string;
  /** grade bands 等次 as JSON [{ name, min }]; null: the default bands (migration 0058) */
  grades: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

/** An evaluation round 考评 (the set's indicators copied in at creation). */
export type EvaluationRoundTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  set_id: string;
  set_name: string;
  set_kind: string;
  level: string;
  indicators: string;
  title: string;
  period: string;
  period_from: string;
  period_to: string;
  self_due_day: string;
  scorer_mode: string;
  /** JSON array of user ids (a joint/peer group) */
  scorer_ids: string;
  /** the set's grade bands copied in; null: the default bands (rounds before migration 0058) */
  grades: string | null;
  created_by: string;
  created_at: string;
};

/** One unit's evaluation (the kernel case's row; status, due_day, totals and published_at are its mirror). */
export type EvaluationTable = {
  id: string;
  round_id: string;
  org_unit_id: string;
  org_path: string;
  status: string;
  due_day: string | null;
  self_total10: number | null;
  total10: number | null;
  /** the grade 等次 of total10 under the round's bands (set with it at scoring) */
  grade: string | null;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type EvaluationItemTable = {
  evaluation_id: string;
  indicator_key: string;
  org_unit_id: string;
  org_path: string;
  /** the figure's value as JSON number text; frozen = 1 once scored */
  value: string | null;
  frozen: number;
  self_score10: number | null;
  self_note: string;
  score10: number | null;
  problem: string;
  updated_at: string;
};

export type EvaluationScoreTable = {
  evaluation_id: string;
  scorer_id: string;
  indicator_key: string;
  org_unit_id: string;
  org_path: string;
  score10: number | null;
  problem: string;
  updated_at: string;
};

/** A rectification item 整改 (the kernel case's row; status, due_day, done_on, report are its mirror). */
export type RectificationTable = {
  id: string;
  evaluation_id: string;
  org_unit_id: string;
  org_path: string;
  indicator_key: string;
  indicator_name: string;
  problem: string;
  owner_user_id: string;
  due_day: string;
  status: string;
  done_on: string | null;
  report: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A questionnaire 调查问卷 kept by a unit (issue 16): a draft until published, then frozen. */
export type QuestionnaireTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  title: string;
  intro: string;
  /** JSON: Question[] (shared/schemas/surveys.ts) */
  questions: string;
  published_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** A survey run 满意度调查: a questionnaire over a unit's range and a period (issue 16). */
export type SurveyRunTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  questionnaire_id: string;
  title: string;
  period: string;
  period_from: string;
  period_to: string;
  /** JSON: SurveySource[] */
  sources: string;
  sample_mode: string;
  sample_value: number | null;
  served: number;
  closes_on: string;
  closed_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** One sampled person's invitation, kept under the person's unit; answered once (issue 16). */
export type SurveyInvitationTable = {
  id: string;
  run_id: string;
  recipient_id: string;
  org_unit_id: string;
  org_path: string;
  source_mask: number;
  token_hash: string;
  token_enc: string;
  invited_on: string;
  answered_at: string | null;
  /** 'link' | 'phone' */
  answered_via: string | null;
  answered_by: string | null;
  /** JSON: Answer[] */
  answers: string | null;
  rating_count: number;
  satisfied_count: number;
  rating_sum: number;
};

/** A hard problem 疑难问题 reported up (issue 16, §8): the case's facts and, as its mirror, its state. */
export type HardProblemTable = {
  id: string;
  org_unit_id: string;
  org_path: string;
  recipient_id: string | null;
  category: string;
  title: string;
  description: string;
  tried: string;
  first_level: string;
  reported_on: string;
  status: string;
  at_unit_id: string | null;
  due_day: string | null;
  last_review_on: string | null;
  closed_on: string | null;
  resolved_level: string | null;
  resolved_unit_name: string | null;
  resolution: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** An obligation 工作制度 (issue 16): a default of Chapter 2 (no unit) or a county's own (its unit and path). */
export type ObligationDefTable = {
  id: string;
  code: string;
  name: string;
  basis: string;
  level: string;
  period_kind: string;
  due_days: number;
  due_working: number;
  record_kind: string;
  note: string;
  org_unit_id: string | null;
  org_path: string | null;
  active: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** What a unit did for an obligation in a period, judged against the due day when it was recorded. */
export type ObligationRecordTable = {
  id: string;
  def_id: string;
  org_unit_id: string;
  org_path: string;
  period: string;
  period_end: string;
  held_on: string;
  due_day: string;
  recorded_on: string;
  on_time: number;
  attendees: string;
  topics: string;
  minutes: string;
  course: string;
  trainer: string;
  hours: number | null;
  decisions: string;
  body: string;
  version: number;
  recorded_by: string;
  recorded_by_name: string;
  created_at: string;
  updated_at: string;
};

/** The person responsible for one ledger at one unit (§10 专人负责). */
export type LedgerResponsibleTable = {
  org_unit_id: string;
  org_path: string;
  ledger: string;
  person_name: string;
  phone: string;
  version: number;
  set_by: string;
  set_by_name: string;
  set_at: string;
};
