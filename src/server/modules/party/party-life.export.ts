// Two ledgers, streamed in chunks with the one .xlsx writer, audited:
// 三会一课及主题党日台账 (序号, 党支部, 所属单位, 会议类别, 会议日期, 会议主题, 地点, 主持人, 应到人数,
// 实到人数, 请假人数, 缺席人数, 请假及缺席人员, 会议内容) by day, and 志愿服务队及示范岗台账 (序号, 名称,
// 类别, 服务领域, 所属单位, 负责人, 成立日期, 成员人数, 成员名单, 活动次数, 服务时长（人·小时）,
// 最近活动日期 — activities counted in the chosen period when one is given) in unit order.
import { partyAttendanceLabels, partyMeetingKindLabels, PARTY_MEETING_LEDGER_TITLE, volunteerFieldLabels, volunteerTeamKindLabels, VOLUNTEER_TEAM_LEDGER_TITLE, type PartyAttendanceKind, type PartyMeetingKind, type PartyMeetingLedgerQuery, type VolunteerField, type VolunteerTeamKind, type VolunteerTeamLedgerQuery } from '../../../shared/schemas/party-life';
import { periodDays, periodLabel } from '../../../shared/rules/periods';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { attendanceOf, meetingChunk, teamActivities, teamChunk, teamMembers } from './party-life.repo';

import { auditPartyLifeExport, meetingFilter, teamFilter } from './party-life.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 500;
export const PARTY_MEETING_LEDGER_HEADERS = ['序号', '党支部', '所属单位', '会议类别', '会议日期', '会议主题', '地点', '主持人', '应到人数', '实到人数', '请假人数', '缺席人数', '请假及缺席人员', '会议内容'];
export const VOLUNTEER_TEAM_LEDGER_HEADERS = ['序号', '名称', '类别', '服务领域', '所属单位', '负责人', '成立日期', '成员人数', '成员名单', '活动次数', '服务时长（人·小时）', '最近活动日期'];

export async function exportMeetingLedger(ctx: AppContext, auth: AuthContext, q: PartyMeetingLedgerQuery, ip: string | null) {
  const f = await meetingFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditPartyLifeExport(ctx, auth, 'party-meeting.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${PARTY_MEETING_LEDGER_TITLE}${q.period ? `（${periodLabel(q.period)}）` : ''}　导出日期：${day}`;
  async function* rows(): AsyncGenerator<(string | number)[][]> {
    let after: { day: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const chunk = await meetingChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!chunk.length) return;
      const att = await attendanceOf(ctx.db, chunk.map((m) => m.id));
      yield chunk.map((m) => {
        const mine = att.filter((a) => a.meeting_id === m.id);
        const notPresent = mine.filter((a) => a.attendance !== 'present').map((a) => `${a.name}（${partyAttendanceLabels[a.attendance as PartyAttendanceKind]}${a.reason ? `：${a.reason}` : ''}）`);
        return [
          ++seq,
          m.branch_name,
          m.org_unit_name,
          partyMeetingKindLabels[m.kind as PartyMeetingKind] ?? m.kind,
          m.held_on,
          m.topic,
          m.place,
          m.host,
          mine.length,
          Number(m.present ?? 0),
          Number(m.excused ?? 0),
          Number(m.absent ?? 0),
          notPresent.join('；'),
          m.content,
        ];
      });
      const last = chunk[chunk.length - 1];
      after = { day: last.held_on, id: last.id };
      if (chunk.length < CHUNK) return;
    }
  }
  return {
    name: `${unit.name}${PARTY_MEETING_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, PARTY_MEETING_LEDGER_TITLE, unit.id, { sheetName: '三会一课台账', title, headers: [PARTY_MEETING_LEDGER_HEADERS], widths: [6, 22, 14, 12, 12, 28, 16, 10, 8, 8, 8, 8, 30, 40] }, rows()),
  };
}

export async function exportTeamLedger(ctx: AppContext, auth: AuthContext, q: VolunteerTeamLedgerQuery, ip: string | null) {
  const f = await teamFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  const days = q.period ? periodDays(q.period) : null;
  await auditPartyLifeExport(ctx, auth, 'volunteer-team.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${VOLUNTEER_TEAM_LEDGER_TITLE}${q.period ? `（活动：${periodLabel(q.period)}）` : ''}　导出日期：${day}`;
  async function* rows(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const chunk = await teamChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!chunk.length) return;
      const ids = chunk.map((t) => t.id);
      const members = await teamMembers(ctx.db, ids);
      const acts = await teamActivities(ctx.db, ids, days?.from, days?.to);
      yield chunk.map((t) => {
        const mine = acts.filter((a) => a.team_id === t.id);
        const personTenths = mine.reduce((s, a) => s + Number(a.hours_tenths) * a.people.length, 0);
        return [
          ++seq,
          t.name,
          volunteerTeamKindLabels[t.kind as VolunteerTeamKind] ?? t.kind,
          volunteerFieldLabels[t.field as VolunteerField] ?? t.field,
          t.org_unit_name,
          t.leader_name ?? '',
          t.founded_on ?? '',
          members.filter((m) => m.team_id === t.id).length,
          members
            .filter((m) => m.team_id === t.id)
            .map((m) => m.name)
            .join('、'),
          mine.length,
          personTenths / 10,
          mine[0]?.held_on ?? '',
        ];
      });
      const last = chunk[chunk.length - 1];
      after = { path: last.org_path, id: last.id };
      if (chunk.length < CHUNK) return;
    }
  }
  return {
    name: `${unit.name}${VOLUNTEER_TEAM_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, VOLUNTEER_TEAM_LEDGER_TITLE, unit.id, { sheetName: '志愿服务队台账', title, headers: [VOLUNTEER_TEAM_LEDGER_HEADERS], widths: [6, 24, 12, 14, 14, 10, 12, 8, 36, 8, 12, 12] }, rows()),
  };
}
