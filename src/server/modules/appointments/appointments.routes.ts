// Appointments' routes. Staff (services:read/write, the jurisdiction guard): the schedule and
// closures of a unit, its slots, the day list, the ledger list and export, the dashboard figure,
// and confirm / complete / no-show / cancel. Public (rate-limited per client address): a unit's
// bookable items and open slots; public-account routes: book, my bookings, cancel my own.
import { registerOverviewSection } from '../../platform/public-overview';
import { appointmentsOverviewSection } from './appointments.overview';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, okSchema } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  appointmentActionBody,
  appointmentCompleteBody,
  appointmentDto,
  appointmentListQuery,
  appointmentPage,
  appointmentSettingsSchema,
  appointmentStatsDto,
  appointmentStatsQuery,
  bookableItemList,
  closureBody,
  closureDto,
  closureList,
  dayListDto,
  dayListQuery,
  publicAppointmentDto,
  publicAppointmentList,
  publicBookBody,
  publicCancelBody,
  scheduleBody,
  scheduleDto,
  slotsDto,
  slotsQuery,
  unitQuery,
} from '../../../shared/schemas/appointments';
import { clientIp, requireAuth } from '../../platform/auth';
import { requirePublicAuth } from '../public-accounts';
import { exportAppointmentLedger } from './appointments.export';
import {
  act,
  addClosure,
  appointmentDetail,
  appointmentStats,
  book,
  cancelOwn,
  listClosures,
  myAppointments,
  publicItems,
  publicSlots,
  readAppointmentSettings,
  readSchedule,
  removeClosure,
  saveAppointmentSettings,
  saveSchedule,
  searchAppointments,
  staffDayList,
  staffSlots,
} from './appointments.service';
import './appointments.cases';

const tags = ['预约办理'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  registerOverviewSection(appointmentsOverviewSection, 30); // 我的
  const ctx = app.ctx;
  const limited = { max: ctx.config.publicRateLimit, timeWindow: 60_000, keyGenerator: (req: Parameters<typeof clientIp>[0]) => clientIp(req) };

  // ---- staff ----
  app.get(
    '/api/appointments/schedule',
    { config: { permission: 'services:read' }, schema: { tags, summary: '单位的预约时段设置（每周时间段、每段分钟数与人数；旁列办公时间）', querystring: unitQuery, response: { 200: scheduleDto } } },
    async (req) => readSchedule(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.put(
    '/api/appointments/schedule/:id',
    { config: { permission: 'services:write' }, schema: { tags, summary: '修改单位的预约时段（单位负责人或审核人员）', params: idParams, body: scheduleBody, response: { 200: scheduleDto } } },
    async (req) => saveSchedule(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/appointments/closures',
    { config: { permission: 'services:read' }, schema: { tags, summary: '单位的暂停预约（今天及以后）', querystring: unitQuery, response: { 200: closureList } } },
    async (req) => listClosures(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.post(
    '/api/appointments/closures/:id',
    { config: { permission: 'services:write' }, schema: { tags, summary: '登记暂停预约（某日或一段日期，写明原因）', params: idParams, body: closureBody, response: { 200: closureDto } } },
    async (req) => addClosure(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.delete(
    '/api/appointments/closures/:id',
    { config: { permission: 'services:write' }, schema: { tags, summary: '撤销暂停预约', params: idParams, response: { 200: okSchema } } },
    async (req) => {
      await removeClosure(ctx, requireAuth(req), req.params.id, clientIp(req));
      return { ok: true as const };
    },
  );
  app.get(
    '/api/appointments/slots',
    { config: { permission: 'services:read' }, schema: { tags, summary: '单位各日的预约时段与已约人数', querystring: unitQuery.merge(slotsQuery), response: { 200: slotsDto } } },
    async (req) => staffSlots(ctx, requireAuth(req), req.query.orgUnitId, req.query.from, req.query.days),
  );
  app.get(
    '/api/appointments/day',
    { config: { permission: 'services:read' }, schema: { tags, summary: '当日预约名单（本单位及辖区单位）', querystring: dayListQuery, response: { 200: dayListDto } } },
    async (req) => staffDayList(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/appointments',
    { config: { permission: 'services:read' }, schema: { tags, summary: '预约列表（按单位、日期、状态、事项筛选）', querystring: appointmentListQuery, response: { 200: appointmentPage } } },
    async (req) => searchAppointments(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/appointments/stats',
    { config: { permission: 'services:read' }, schema: { tags, summary: '预约与未到场统计（按下级单位、期间）', querystring: appointmentStatsQuery, response: { 200: appointmentStatsDto } } },
    async (req) => appointmentStats(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/appointment-settings',
    { config: { permission: 'services:read' }, schema: { tags, summary: '预约限制（每人未办预约数、同一事项每日次数、可提前天数）', response: { 200: appointmentSettingsSchema } } },
    async () => readAppointmentSettings(ctx.db),
  );
  app.put(
    '/api/appointment-settings',
    { config: { permission: 'services:review' }, schema: { tags, summary: '修改预约限制（县级及以上审核人员）', body: appointmentSettingsSchema, response: { 200: appointmentSettingsSchema } } },
    async (req) => saveAppointmentSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/appointments',
    { config: { permission: 'services:read' }, schema: { tags: [...tags, '台账'], summary: '导出预约办理台账（.xlsx，按当前筛选；电话脱敏；记入审计日志）', querystring: appointmentListQuery.omit({ page: true, pageSize: true, sort: true }) } },
    async (req, reply) => {
      const file = await exportAppointmentLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  app.get(
    '/api/appointments/:id',
    { config: { permission: 'services:read' }, schema: { tags, summary: '一条预约', params: idParams, response: { 200: appointmentDto } } },
    async (req) => appointmentDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/appointments/:id/confirm',
    { config: { permission: 'services:write' }, schema: { tags, summary: '确认预约', params: idParams, body: appointmentActionBody, response: { 200: appointmentDto } } },
    async (req) => act(ctx, requireAuth(req), req.params.id, 'confirm', req.body, clientIp(req)),
  );
  app.post(
    '/api/appointments/:id/complete',
    { config: { permission: 'services:write' }, schema: { tags, summary: '办理完成（可关联办件）', params: idParams, body: appointmentCompleteBody, response: { 200: appointmentDto } } },
    async (req) => act(ctx, requireAuth(req), req.params.id, 'complete', { ...req.body, data: { applicationId: req.body.applicationId } }, clientIp(req)),
  );
  app.post(
    '/api/appointments/:id/no-show',
    { config: { permission: 'services:write' }, schema: { tags, summary: '登记未到场（预约当日或之后）', params: idParams, body: appointmentActionBody, response: { 200: appointmentDto } } },
    async (req) => act(ctx, requireAuth(req), req.params.id, 'noShow', req.body, clientIp(req)),
  );
  app.post(
    '/api/appointments/:id/cancel',
    { config: { permission: 'services:write' }, schema: { tags, summary: '工作人员取消预约（写明原因）', params: idParams, body: appointmentActionBody, response: { 200: appointmentDto } } },
    async (req) => act(ctx, requireAuth(req), req.params.id, 'cancel', req.body, clientIp(req)),
  );

  // ---- public ----
  app.get(
    '/api/public/org-units/:id/bookable-items',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '单位可预约的服务事项及所需材料（一次性告知）', params: idParams, response: { 200: bookableItemList } } },
    async (req) => publicItems(ctx, req.params.id),
  );
  app.get(
    '/api/public/org-units/:id/slots',
    { config: { public: true, rateLimit: limited }, schema: { tags, summary: '单位可预约的日期与时段（法定节假日、周末、暂停预约日不开放）', params: idParams, response: { 200: slotsDto } } },
    async (req) => publicSlots(ctx, req.params.id),
  );
  app.get(
    '/api/public/appointments',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '我的预约', response: { 200: publicAppointmentList } } },
    async (req) => myAppointments(ctx, requirePublicAuth(req)),
  );
  app.post(
    '/api/public/appointments',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '网上预约（选择事项、日期与时段）', body: publicBookBody, response: { 200: publicAppointmentDto } } },
    async (req) => book(ctx, requirePublicAuth(req), req.body, clientIp(req)),
  );
  app.post(
    '/api/public/appointments/:id/cancel',
    { config: { publicAccount: true, rateLimit: limited }, schema: { tags, summary: '取消本人的预约', params: idParams, body: publicCancelBody, response: { 200: publicAppointmentDto } } },
    async (req) => cancelOwn(ctx, requirePublicAuth(req), req.params.id, req.body.version, clientIp(req)),
  );
};
