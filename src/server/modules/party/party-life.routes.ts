// Routes of branch meetings 三会一课/主题党日 and volunteer teams 志愿服务队/示范岗 (registered by partyRoutes).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  partyMeetingDetail,
  partyMeetingFigures,
  partyMeetingFiguresQuery,
  partyMeetingInput,
  partyMeetingLedgerQuery,
  partyMeetingPage,
  partyMeetingQuery,
  partyMeetingUpdate,
  partyMemberMeetings,
  volunteerActivityInput,
  volunteerTeamDetail,
  volunteerTeamInput,
  volunteerTeamLedgerQuery,
  volunteerTeamPage,
  volunteerTeamQuery,
  volunteerTeamUpdate,
} from '../../../shared/schemas/party-life';
import { clientIp, requireAuth } from '../../platform/auth';
import { addActivity, changeMeeting, changeTeam, createMeeting, createTeam, meetingDetail, meetingFigures, memberMeetings, searchMeetings, searchTeams, teamDetail } from './party-life.service';
import { exportMeetingLedger, exportTeamLedger } from './party-life.export';

const tags = ['党员管理'];
const teamTags = ['志愿服务'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const partyLifeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- branch meetings 三会一课 / 主题党日 ----
  app.get(
    '/api/party/meetings',
    { config: { permission: 'party:read' }, schema: { tags, summary: '三会一课及主题党日记录（按单位、党支部、类别、期间筛选）', querystring: partyMeetingQuery, response: { 200: partyMeetingPage } } },
    async (req) => searchMeetings(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/party/meetings',
    { config: { permission: 'party:write' }, schema: { tags, summary: '登记支部会议（三会一课或主题党日）及每名党员的出勤情况', body: partyMeetingInput, response: { 200: partyMeetingDetail } } },
    async (req) => createMeeting(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/party/meetings/figures',
    { config: { permission: 'party:read' }, schema: { tags, summary: '各党支部期间内三会一课及主题党日召开次数（与通常频次比较）', querystring: partyMeetingFiguresQuery, response: { 200: partyMeetingFigures } } },
    async (req) => meetingFigures(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/party/meetings/:id',
    { config: { permission: 'party:read' }, schema: { tags, summary: '支部会议详情（含出勤名单）', params: idParams, response: { 200: partyMeetingDetail } } },
    async (req) => meetingDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/party/meetings/:id',
    { config: { permission: 'party:write' }, schema: { tags, summary: '修改支部会议及出勤情况', params: idParams, body: partyMeetingUpdate, response: { 200: partyMeetingDetail } } },
    async (req) => changeMeeting(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/party/members/:id/meetings',
    { config: { permission: 'party:read' }, schema: { tags, summary: '党员参加三会一课及主题党日的出勤记录', params: idParams, response: { 200: partyMemberMeetings } } },
    async (req) => memberMeetings(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/ledgers/party-meetings',
    { config: { permission: 'party:read' }, schema: { tags: [...tags, '台账'], summary: '导出三会一课及主题党日台账（.xlsx，按当前筛选；记入审计日志）', querystring: partyMeetingLedgerQuery } },
    async (req, reply) => {
      const file = await exportMeetingLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- volunteer teams 志愿服务队 and model posts 模范示范岗 ----
  app.get(
    '/api/party/volunteer-teams',
    { config: { permission: 'party:read' }, schema: { tags: teamTags, summary: '志愿服务队及模范示范岗（按单位、类别、名称筛选）', querystring: volunteerTeamQuery, response: { 200: volunteerTeamPage } } },
    async (req) => searchTeams(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/party/volunteer-teams',
    { config: { permission: 'party:write' }, schema: { tags: teamTags, summary: '新增志愿服务队或模范示范岗（成员为本单位辖区内的服务对象）', body: volunteerTeamInput, response: { 200: volunteerTeamDetail } } },
    async (req) => createTeam(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/party/volunteer-teams/:id',
    { config: { permission: 'party:read' }, schema: { tags: teamTags, summary: '志愿服务队或示范岗详情（成员、活动）', params: idParams, response: { 200: volunteerTeamDetail } } },
    async (req) => teamDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/party/volunteer-teams/:id',
    { config: { permission: 'party:write' }, schema: { tags: teamTags, summary: '修改志愿服务队或示范岗（含成员、负责人、停用）', params: idParams, body: volunteerTeamUpdate, response: { 200: volunteerTeamDetail } } },
    async (req) => changeTeam(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/party/volunteer-teams/:id/activities',
    { config: { permission: 'party:write' }, schema: { tags: teamTags, summary: '登记志愿服务活动（日期、内容、参与成员、时长）', params: idParams, body: volunteerActivityInput, response: { 200: volunteerTeamDetail } } },
    async (req) => addActivity(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/volunteer-teams',
    { config: { permission: 'party:read' }, schema: { tags: [...teamTags, '台账'], summary: '导出志愿服务队及示范岗台账（.xlsx，按当前筛选，可按期间统计活动；记入审计日志）', querystring: volunteerTeamLedgerQuery } },
    async (req, reply) => {
      const file = await exportTeamLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
