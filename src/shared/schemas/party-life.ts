// Party life and volunteer service (issue 15): a branch's meetings 三会一课 (支部党员大会, 支部委员会,
// 党小组会, 党课) and 主题党日 (seed Part 3 四(六) "定期举办三会一课，开展主题党日活动") with the
// attendance of its party-member veterans, each member's attendance history and the count per kind
// and period against the usual frequency; volunteer teams 志愿服务队 and model posts 模范示范岗
// (§17) with members, leader and activities (date, content, participants, hours).
import { z } from '../zod-setup';
import { periodMonths, periodSchema } from '../rules/periods';
import { idSchema, pageOf, pageQuery } from './common';
import { partyDay as day, partyRequired as required, partyText as text, partyVersion as version } from './party';

// ---- branch meetings 三会一课 / 主题党日 ----

export const partyMeetingKinds = ['memberAssembly', 'committee', 'groupMeeting', 'partyLecture', 'themeDay'] as const;
export type PartyMeetingKind = (typeof partyMeetingKinds)[number];
export const partyMeetingKindLabels: Record<PartyMeetingKind, string> = {
  memberAssembly: '支部党员大会',
  committee: '支部委员会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themeDay: '主题党日',
};

/**
 * How many of each kind a branch usually holds per month: the seed says only "定期" (regularly);
 * the common rule of the 三会一课 system is 党员大会 and 党课 once a quarter, 支委会, 党小组会 and
 * 主题党日 once a month. The figures compare a period's count with it.
 */
export const PARTY_MEETING_MONTHS_PER_MEETING: Record<PartyMeetingKind, number> = { memberAssembly: 3, committee: 1, groupMeeting: 1, partyLecture: 3, themeDay: 1 };

/** Meetings of a kind a branch should hold in a period (month, quarter, year): at least one. */
export function partyMeetingsRequired(kind: PartyMeetingKind, period: string): number {
  const months = periodMonths(period).length;
  return Math.max(1, Math.floor(months / PARTY_MEETING_MONTHS_PER_MEETING[kind]));
}

export const partyAttendanceKinds = ['present', 'absent', 'excused'] as const;
export type PartyAttendanceKind = (typeof partyAttendanceKinds)[number];
export const partyAttendanceLabels: Record<PartyAttendanceKind, string> = { present: '出席', absent: '缺席', excused: '请假' };

export const partyAttendanceInput = z.object({
  recipientId: idSchema,
  attendance: z.enum(partyAttendanceKinds, { message: '请选择出勤情况' }),
  reason: text(200),
});
export type PartyAttendanceInput = z.infer<typeof partyAttendanceInput>;

const meetingFields = {
  kind: z.enum(partyMeetingKinds, { message: '请选择会议类别' }),
  heldOn: day('会议日期'),
  topic: required('会议主题', 100),
  place: text(100),
  host: text(50),
  content: text(5000),
  attendance: z.array(partyAttendanceInput).max(500, '参会党员最多 500 人'),
};
function checkAttendance(v: { attendance: PartyAttendanceInput[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  v.attendance.forEach((a, i) => {
    if (seen.has(a.recipientId)) ctx.addIssue({ code: 'custom', path: ['attendance', i, 'recipientId'], message: '同一党员重复登记出勤' });
    seen.add(a.recipientId);
    if (a.attendance === 'excused' && !a.reason) ctx.addIssue({ code: 'custom', path: ['attendance', i, 'reason'], message: '请假须填写原因' });
  });
}
export const partyMeetingInput = z.object({ branchId: idSchema, ...meetingFields }).superRefine(checkAttendance);
export type PartyMeetingInput = z.infer<typeof partyMeetingInput>;
export const partyMeetingUpdate = z.object({ version, ...meetingFields }).superRefine(checkAttendance);
export type PartyMeetingUpdate = z.infer<typeof partyMeetingUpdate>;

export const partyMeetingDto = z.object({
  id: z.string(),
  version: z.number().int(),
  branchId: z.string(),
  branchName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(partyMeetingKinds),
  heldOn: z.string(),
  topic: z.string(),
  place: z.string(),
  host: z.string(),
  present: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyMeetingDto = z.infer<typeof partyMeetingDto>;
export const partyAttendanceDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  orgUnitName: z.string(),
  attendance: z.enum(partyAttendanceKinds),
  reason: z.string(),
});
export type PartyAttendanceDto = z.infer<typeof partyAttendanceDto>;
export const partyMeetingDetail = partyMeetingDto.extend({ content: z.string(), attendance: z.array(partyAttendanceDto), canEdit: z.boolean() });
export type PartyMeetingDetail = z.infer<typeof partyMeetingDetail>;
export const partyMeetingPage = pageOf(partyMeetingDto);

const meetingFilter = {
  orgUnitId: idSchema.optional(),
  branchId: idSchema.optional(),
  kind: z.enum(partyMeetingKinds, { message: '会议类别不正确' }).optional(),
  /** held in this period (YYYY-MM, YYYY-Qn, YYYY) */
  period: periodSchema.optional(),
};
export const partyMeetingQuery = pageQuery.extend(meetingFilter);
export type PartyMeetingQuery = z.infer<typeof partyMeetingQuery>;
export const partyMeetingLedgerQuery = z.object(meetingFilter);
export type PartyMeetingLedgerQuery = z.infer<typeof partyMeetingLedgerQuery>;
export const PARTY_MEETING_LEDGER_TITLE = '三会一课及主题党日台账';

/** Meetings held in a period per branch of the chosen unit's range, by kind, against the usual frequency. */
export const partyMeetingFiguresQuery = z.object({ orgUnitId: idSchema.optional(), period: periodSchema });
export type PartyMeetingFiguresQuery = z.infer<typeof partyMeetingFiguresQuery>;
const kindCounts = z.object({ memberAssembly: z.number().int(), committee: z.number().int(), groupMeeting: z.number().int(), partyLecture: z.number().int(), themeDay: z.number().int() });
export const partyMeetingFigureRow = z.object({
  branchId: z.string(),
  branchName: z.string(),
  orgUnitName: z.string(),
  held: kindCounts,
  /** kinds held at least as often as required in the period */
  met: z.array(z.enum(partyMeetingKinds)),
});
export type PartyMeetingFigureRow = z.infer<typeof partyMeetingFigureRow>;
export const partyMeetingFigures = z.object({
  orgUnitId: z.string(),
  period: z.string(),
  required: kindCounts,
  rows: z.array(partyMeetingFigureRow),
  /** branches that held every kind as often as required */
  branchesMet: z.number().int(),
});
export type PartyMeetingFigures = z.infer<typeof partyMeetingFigures>;

/** A member's attendance history. */
export const partyMemberMeetings = z.object({
  items: z.array(
    z.object({
      meetingId: z.string(),
      kind: z.enum(partyMeetingKinds),
      heldOn: z.string(),
      topic: z.string(),
      branchName: z.string(),
      attendance: z.enum(partyAttendanceKinds),
      reason: z.string(),
    }),
  ),
  present: z.number().int(),
  absent: z.number().int(),
  excused: z.number().int(),
});
export type PartyMemberMeetings = z.infer<typeof partyMemberMeetings>;

// ---- volunteer teams 志愿服务队 and model posts 模范示范岗 (§17) ----

export const volunteerTeamKinds = ['team', 'modelPost'] as const;
export type VolunteerTeamKind = (typeof volunteerTeamKinds)[number];
export const volunteerTeamKindLabels: Record<VolunteerTeamKind, string> = { team: '志愿服务队', modelPost: '模范示范岗' };
/** §17: the fields where veterans lead by example. */
export const volunteerFields = ['emergency', 'governance', 'environment', 'ruralRevival', 'defenseEducation', 'other'] as const;
export type VolunteerField = (typeof volunteerFields)[number];
export const volunteerFieldLabels: Record<VolunteerField, string> = {
  emergency: '应急救援',
  governance: '社会治理',
  environment: '环境保护',
  ruralRevival: '脱贫攻坚与乡村振兴',
  defenseEducation: '国防教育',
  other: '其他',
};

const teamFields = {
  kind: z.enum(volunteerTeamKinds, { message: '请选择类别（志愿服务队或模范示范岗）' }),
  name: required('名称', 100),
  field: z.enum(volunteerFields, { message: '请选择服务领域' }),
  /** the leader, one of the members */
  leaderId: idSchema.nullable().default(null),
  foundedOn: day('成立日期').nullable().default(null),
  description: text(1000),
  memberIds: z.array(idSchema).max(500, '成员最多 500 人').default([]),
};
function checkTeam(v: { leaderId: string | null; memberIds: string[] }, ctx: z.RefinementCtx) {
  if (new Set(v.memberIds).size !== v.memberIds.length) ctx.addIssue({ code: 'custom', path: ['memberIds'], message: '成员重复' });
  if (v.leaderId && !v.memberIds.includes(v.leaderId)) ctx.addIssue({ code: 'custom', path: ['leaderId'], message: '负责人须是成员之一' });
}
export const volunteerTeamInput = z.object({ orgUnitId: idSchema, ...teamFields }).superRefine(checkTeam);
export type VolunteerTeamInput = z.infer<typeof volunteerTeamInput>;
export const volunteerTeamUpdate = z.object({ version, active: z.boolean({ message: '请选择是否启用' }), ...teamFields }).superRefine(checkTeam);
export type VolunteerTeamUpdate = z.infer<typeof volunteerTeamUpdate>;

export const volunteerActivityInput = z.object({
  heldOn: day('活动日期'),
  content: required('活动内容', 500),
  place: text(100),
  hours: z.number({ message: '请填写服务时长' }).min(0.5, '服务时长不少于 0.5 小时').max(24, '服务时长不超过 24 小时').multipleOf(0.1, '服务时长最多一位小数'),
  participantIds: z.array(idSchema).min(1, '请选择参与人员').max(500, '参与人员最多 500 人'),
});
export type VolunteerActivityInput = z.infer<typeof volunteerActivityInput>;

export const volunteerTeamDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(volunteerTeamKinds),
  name: z.string(),
  field: z.enum(volunteerFields),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  description: z.string(),
  active: z.boolean(),
  memberCount: z.number().int(),
  activityCount: z.number().int(),
  /** all activities' hours × participants */
  personHours: z.number(),
  lastActivityOn: z.string().nullable(),
});
export type VolunteerTeamDto = z.infer<typeof volunteerTeamDto>;
export const volunteerActivityDto = z.object({
  id: z.string(),
  heldOn: z.string(),
  content: z.string(),
  place: z.string(),
  hours: z.number(),
  participants: z.array(z.object({ recipientId: z.string(), name: z.string() })),
});
export type VolunteerActivityDto = z.infer<typeof volunteerActivityDto>;
export const volunteerTeamDetail = volunteerTeamDto.extend({
  members: z.array(z.object({ recipientId: z.string(), name: z.string(), orgUnitName: z.string() })),
  activities: z.array(volunteerActivityDto),
  canEdit: z.boolean(),
});
export type VolunteerTeamDetail = z.infer<typeof volunteerTeamDetail>;
export const volunteerTeamPage = pageOf(volunteerTeamDto);

const teamFilter = {
  orgUnitId: idSchema.optional(),
  kind: z.enum(volunteerTeamKinds, { message: '类别不正确' }).optional(),
  name: z.string().trim().max(50, '名称最多 50 个字').optional(),
};
export const volunteerTeamQuery = pageQuery.extend(teamFilter);
export type VolunteerTeamQuery = z.infer<typeof volunteerTeamQuery>;
export const volunteerTeamLedgerQuery = z.object({ ...teamFilter, period: periodSchema.optional() });
export type VolunteerTeamLedgerQuery = z.infer<typeof volunteerTeamLedgerQuery>;
export const VOLUNTEER_TEAM_LEDGER_TITLE = '志愿服务队及示范岗台账';
