// The world of the cross-jurisdiction suite: an owner unit (孝丰镇), a sibling (杭垓镇) and a
// child of the owner (its second village), each with the same roles, and records that belong
// to the owner outside the child's branch (the owner's third and fourth villages).
import { systemDb } from '../../src/server/db/system';
import type { Role } from '../../src/shared/permissions';
import { idCheckCharacter } from '../../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from '../helpers/app';
import type { DbKind } from '../helpers/db';

export const OWNER_CODE = '330523105'; // 孝丰镇
export const SIBLING_CODE = '330523104'; // 杭垓镇

export type Trio = { owner: Agent; sibling: Agent; child: Agent };
export type RoleSet = 'sysAdmin' | 'auditor' | 'security' | 'worker' | 'reviewer' | 'head';

export type World = {
  t: TestApp;
  units: { owner: string; sibling: string; child: string; recordVillage: string; otherVillage: string };
  trios: Record<RoleSet, Trio>;
  /** makes a fresh staff account in the owner's record village, returns its id */
  newStaff: () => Promise<string>;
  /** makes an audit admin account in the owner's record village, returns its id */
  newAdminAccount: () => Promise<string>;
  /** makes a fresh grid in the owner's record village, returns its id */
  newGrid: () => Promise<string>;
  /** registers a veteran in the owner's record village (draft, or submitted and approved) */
  newRecipient: (opts?: { registered?: boolean; name?: string; birth?: string; household?: boolean; politicalStatus?: string }) => Promise<{ id: string; version: number }>;
  /** a household in the owner's record village whose head is a registered veteran (eligible for a glory plaque) */
  newHousehold: () => Promise<{ householdId: string; recipientId: string }>;
  /** the county reviewer (demo account `county`) */
  county: Agent;
  /** a fingerprint of every scoped table, to show a refused request changed nothing */
  snapshot: () => Promise<string>;
};

let counter = 0;

export async function buildWorld(kind: DbKind): Promise<World> {
  // the security trio's owner is the deployment's top unit (三员分立: a security admin sits only there)
  const t = await createTestApp(kind, { env: { TOP_UNIT_CODE: OWNER_CODE, LOGIN_RATE_LIMIT: '10000' } });
  const sys = systemDb(t.db.handle.db);
  const byCode = async (code: string) =>
    (await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow()).id;
  const owner = await byCode(OWNER_CODE);
  const sibling = await byCode(SIBLING_CODE);
  const villages = await sys
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('parent_id', '=', owner)
    .orderBy('code')
    .execute();
  const [, child, recordVillage, otherVillage] = villages.map((v) => v.id);

  const trio = async (name: string, roles: Role[]): Promise<Trio> => {
    const agents: Agent[] = [];
    for (const [suffix, unit] of [
      ['o', owner],
      ['s', sibling],
      ['c', child],
    ] as const) {
      const username = `xj-${name}-${suffix}`;
      await t.createUser({ username, roles, orgUnitId: unit });
      agents.push(await t.login(username));
    }
    return { owner: agents[0], sibling: agents[1], child: agents[2] };
  };
  const trios = {
    sysAdmin: await trio('sys', ['sys_admin']),
    auditor: await trio('aud', ['audit_admin']),
    security: await trio('sec', ['security_admin']),
    worker: await trio('wrk', ['worker']),
    reviewer: await trio('rev', ['worker', 'county_reviewer']),
    // station heads 站长 (unit:head): ledgers' responsible persons (issue 16)
    head: await trio('head', ['station_head']),
  };
  const county = await t.login('county');
  let idSeq = 0;

  const world: World = {
    t,
    units: { owner, sibling, child, recordVillage, otherVillage },
    trios,
    newAdminAccount: async () => {
      counter += 1;
      return t.createUser({ username: `xj-adm-${counter}`, roles: ['audit_admin'], orgUnitId: recordVillage });
    },
    newStaff: async () => {
      counter += 1;
      const res = await trios.sysAdmin.owner.post('/api/staff', {
        username: `xj-rec-${counter}`,
        displayName: '测试人员',
        orgUnitId: recordVillage,
        roles: ['worker'],
      });
      if (res.statusCode !== 200) throw new Error(`newStaff: ${res.body}`);
      return json<{ staff: { id: string } }>(res).staff.id;
    },
    newGrid: async () => {
      const res = await trios.sysAdmin.owner.post('/api/org-units', { parentId: recordVillage, name: `测试网格${++counter}` });
      if (res.statusCode !== 200) throw new Error(`newGrid: ${res.body}`);
      return json<{ id: string }>(res).id;
    },
    county,
    newRecipient: async (opts = {}) => {
      idSeq += 1;
      const birth = opts.birth ?? `19${60 + (idSeq % 30)}0${1 + (idSeq % 9)}1${idSeq % 10}`;
      const first17 = `330523${birth.replace(/-/g, '')}${String(100 + idSeq * 2 + 1).slice(-3)}`;
      const idNumber = first17 + idCheckCharacter(first17);
      const res = await trios.worker.owner.post('/api/recipients', {
        kind: 'veteran',
        orgUnitId: recordVillage,
        name: opts.name ?? `测试${'甲乙丙丁戊己庚辛壬癸'[idSeq % 10]}${idSeq}`,
        idNumber,
        recipientGroup: 'dischargedSoldier',
        phone: `1385720${String(1000 + idSeq).slice(-4)}`,
        bankAccount: '6217000011112222',
        ...(opts.household && { household: { mode: 'new', address: `越界测试户${idSeq}号` } }),
        ...(opts.politicalStatus && { politicalStatus: opts.politicalStatus }),
      });
      if (res.statusCode !== 200) throw new Error(`newRecipient: ${res.body}`);
      let r = json<{ id: string; version: number }>(res);
      if (opts.registered) {
        const sub = await trios.worker.owner.post(`/api/recipients/${r.id}/submit`, { version: r.version });
        if (sub.statusCode !== 200) throw new Error(`submit: ${sub.body}`);
        const cases = json<{ items: { id: string; version: number }[] }>(await county.get(`/api/cases?subjectId=${r.id}&open=true`));
        const ok = await county.post(`/api/cases/${cases.items[0].id}/actions`, { action: 'approve', version: cases.items[0].version });
        if (ok.statusCode !== 200) throw new Error(`approve: ${ok.body}`);
        r = json<{ id: string; version: number }>(await trios.worker.owner.get(`/api/recipients/${r.id}`));
      }
      return { id: r.id, version: r.version };
    },
    newHousehold: async () => {
      const r = await world.newRecipient({ registered: true, household: true });
      const d = json<{ household: { id: string } | null }>(await trios.worker.owner.get(`/api/recipients/${r.id}`));
      if (!d.household) throw new Error('newHousehold: no household');
      return { householdId: d.household.id, recipientId: r.id };
    },
    snapshot: async () => {
      const units = await sys.selectFrom('org_units').selectAll().orderBy('id').execute();
      const users = await sys
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'org_unit_id', 'org_path', 'roles', 'title', 'work_phone', 'show_in_directory', 'password_hash', 'must_change_password', 'disabled', 'totp_enabled'])
        .orderBy('id')
        .execute();
      const settings = await sys.selectFrom('settings').selectAll().orderBy('key').execute();
      const grants = await sys.selectFrom('access_grants').selectAll().orderBy('id').execute();
      const recipients = await sys.selectFrom('recipients').selectAll().orderBy('id').execute();
      const cases = await sys.selectFrom('cases').selectAll().orderBy('id').execute();
      const caseActions = await sys.selectFrom('case_actions').select((eb) => eb.fn.countAll().as('n')).execute();
      const files = await sys.selectFrom('files').select(['id', 'owner_id', 'org_path']).orderBy('id').execute();
      const households = await sys.selectFrom('households').selectAll().orderBy('id').execute();
      const holidays = await sys.selectFrom('holiday_years').selectAll().orderBy('year').execute();
      const plaques = await sys.selectFrom('glory_plaques').selectAll().orderBy('id').execute();
      const visits = {
        visits: await sys.selectFrom('visits').selectAll().orderBy('id').execute(),
        triggers: await sys.selectFrom('visit_triggers').selectAll().orderBy('id').execute(),
        due: await sys.selectFrom('due_visits').selectAll().orderBy('id').execute(),
        followUps: await sys.selectFrom('visit_follow_ups').selectAll().orderBy('id').execute(),
        contacts: await sys.selectFrom('key_person_contacts').selectAll().orderBy('recipient_id').execute(),
      };
      // disputes and opinion reports (issue 6)
      const issue6 = await Promise.all(
        (['disputes', 'dispute_submissions', 'opinion_reports'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()),
      );
      // petitions (issue 6)
      const petitions = await sys.selectFrom('petitions').selectAll().orderBy('id').execute();
      const counters = await sys.selectFrom('petition_counters').selectAll().orderBy('org_unit_id').orderBy('channel').execute();
      // appointments (issue 13)
      const appointments = await Promise.all(
        (['appointment_schedules', 'appointment_closures', 'appointments'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // policy services (issue 13)
      const serviceItems = await sys.selectFrom('service_items').selectAll().orderBy('id').execute();
      // support plans 一人一策 (issue 13)
      const supportPlans = await Promise.all((['support_plans', 'support_plan_measures'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      // the public service portal (issue 13)
      const portal = await Promise.all(
        (['feedback_entries', 'service_commitments', 'service_supervisors'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()),
      );
      // applications 办件 (issue 13)
      const applications = await Promise.all((['applications', 'application_visits'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      const applicationCounters = await sys.selectFrom('application_counters').selectAll().orderBy('year').execute();
      // assistance 帮扶援助 (issue 14)
      const assistance = await Promise.all((['assistance_applications', 'assistance_referrals'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      // legal aid 法律援助 (issue 14)
      const legalAid = await Promise.all((['legal_aid_partners', 'legal_aid_cases'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      // care records 关爱服务记录 (issue 14)
      const careRecords = await Promise.all((['care_records', 'care_record_people'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      // rights cases 权益维护 and the kernel's supervision notices 督办/交办 (issue 14)
      const rights = await Promise.all((['rights_cases', 'case_supervisions'] as const).map((table) => sys.selectFrom(table).selectAll().orderBy('id').execute()));
      // employment 就业创业 (issue 15)
      const employment = await Promise.all(
        (['employment_profiles', 'employers', 'job_openings', 'job_opening_shares', 'job_recommendations'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // party members 退役军人党员 (issue 15)
      const party = await Promise.all([
        sys.selectFrom('party_branches').selectAll().orderBy('id').execute(),
        sys.selectFrom('party_memberships').selectAll().orderBy('recipient_id').execute(),
        sys.selectFrom('party_transfers').selectAll().orderBy('id').execute(),
        sys.selectFrom('party_meetings').selectAll().orderBy('id').execute(),
        sys.selectFrom('party_meeting_attendance').selectAll().orderBy('meeting_id').orderBy('recipient_id').execute(),
        sys.selectFrom('volunteer_teams').selectAll().orderBy('id').execute(),
        sys.selectFrom('volunteer_team_members').selectAll().orderBy('team_id').orderBy('recipient_id').execute(),
        sys.selectFrom('volunteer_activities').selectAll().orderBy('id').execute(),
        sys.selectFrom('volunteer_activity_people').selectAll().orderBy('activity_id').orderBy('recipient_id').execute(),
      ]);
      // ventures and zero-employment households 创业项目、零就业家庭 (issue 15)
      const ventures = await Promise.all(
        (['ventures', 'venture_founders', 'venture_supports', 'venture_mentors', 'venture_mentorships', 'zero_employment_households'] as const).map((table) =>
          sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())),
        ),
      );
      // job fairs and trainings 招聘会、培训 (issue 15)
      const trainings = await Promise.all(
        (['job_fairs', 'job_fair_employers', 'job_fair_people', 'trainings', 'training_enrolments'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // education 教育管理: exemplars and activities (issue 15)
      const education = await Promise.all([
        sys.selectFrom('exemplars').selectAll().orderBy('id').execute(),
        sys.selectFrom('activities').selectAll().orderBy('id').execute(),
        sys.selectFrom('activity_attendees').selectAll().orderBy('activity_id').orderBy('recipient_id').execute(),
      ]);
      // honors, star ratings, the honor wall, merit notices 荣誉表彰 (issue 15)
      const honors = await Promise.all(
        (['honors', 'star_rating_campaigns', 'star_rating_nominations', 'honor_wall_consents', 'merit_notices'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // hard problems 疑难问题 (issue 16)
      const hardProblems = await sys.selectFrom('hard_problems').selectAll().orderBy('id').execute();
      // satisfaction surveys 满意度调查 (issue 16)
      const surveys = await Promise.all(
        (['questionnaires', 'survey_runs', 'survey_invitations'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // the semi-annual summary 半年工作总结 (issue 16)
      const summaries = await sys.selectFrom('semi_annual_summaries').selectAll().orderBy('id').execute();
      // evaluation 考核评估 and rectification 整改 (issue 16)
      const evaluations = await Promise.all(
        (['evaluation_sets', 'evaluation_rounds', 'evaluations', 'evaluation_items', 'evaluation_scores', 'rectifications'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // notifications 消息通知 (issue 16)
      const notifications = await Promise.all(
        (['notifications', 'notification_preferences', 'unit_webhooks', 'notification_outbox'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      // monthly figure rows of the dashboards (issue 16)
      const figureMonths = await sys.selectFrom('figure_months').selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
      // obligations 工作制度 and ledgers' responsible persons (issue 16)
      const obligations = await Promise.all(
        (['obligation_defs', 'obligation_records', 'ledger_responsibles'] as const).map((table) => sys.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))),
      );
      return JSON.stringify({ units, users, settings, grants, recipients, cases, caseActions, files, households, holidays, plaques, visits, issue6, petitions, counters, serviceItems, appointments, supportPlans, portal, applications, applicationCounters, assistance, legalAid, careRecords, rights, employment, party, ventures, trainings, education, honors, hardProblems, surveys, summaries, evaluations, notifications, figureMonths, obligations });
    },
  };
  return world;
}
