import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Party life and volunteer service (issue 15; seed Part 3 四(六) "定期举办三会一课，开展主题党日活动",
 * §17 志愿服务队、模范示范岗): a branch's meetings 三会一课 and 主题党日 (kept under the branch's unit,
 * with one attendance row per party member: present, absent, excused with the reason), volunteer
 * teams and model posts (kept by a unit, with members who are recipients of its range) and their
 * activities (scoped through their team) (date, content, participants, hours in tenths). Plain records: no workflow, no status.
 */
export const partyLife: Migration = {
  name: '0047-party-life',
  async up(db: Kysely<unknown>, k) {
    await db.schema
      .createTable('party_meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull().references('party_branches.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('held_on', k.day, (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('host', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('party_meetings_org_path').on('party_meetings').columns(['org_path', 'held_on']).execute();
    await db.schema.createIndex('party_meetings_branch').on('party_meetings').columns(['branch_id', 'held_on']).execute();

    await db.schema
      .createTable('party_meeting_attendance')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('party_meetings.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addColumn('attendance', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('party_meeting_attendance_pk', ['meeting_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('party_meeting_attendance_recipient').on('party_meeting_attendance').column('recipient_id').execute();

    await db.schema
      .createTable('volunteer_teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
      .addColumn('org_path', k.path, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('leader_id', 'text', (c) => c.references('recipients.id'))
      .addColumn('founded_on', k.day)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', k.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .addColumn('updated_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('volunteer_teams_org_path').on('volunteer_teams').columns(['org_path', 'kind']).execute();

    await db.schema
      .createTable('volunteer_team_members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addPrimaryKeyConstraint('volunteer_team_members_pk', ['team_id', 'recipient_id'])
      .execute();
    await db.schema.createIndex('volunteer_team_members_recipient').on('volunteer_team_members').column('recipient_id').execute();

    await db.schema
      .createTable('volunteer_activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('volunteer_teams.id'))
      .addColumn('held_on', k.day, (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hours_tenths', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', k.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('volunteer_activities_team').on('volunteer_activities').columns(['team_id', 'held_on']).execute();

    await db.schema
      .createTable('volunteer_activity_people')
      .addColumn('activity_id', 'text', (c) => c.notNull().references('volunteer_activities.id'))
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
      .addPrimaryKeyConstraint('volunteer_activity_people_pk', ['activity_id', 'recipient_id'])
      .execute();
  },
};
