import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema } from '../../../shared/schemas/common';
import {
  calendarQuery,
  calendarResult,
  coverageQuery,
  coverageResult,
  dueVisitAssign,
  dueVisitCancel,
  dueVisitDto,
  dueVisitListQuery,
  dueVisitPage,
  followUpClose,
  followUpDto,
  followUpListQuery,
  followUpPage,
  generateBody,
  generateResult,
  keyPersonContactSet,
  keyPersonListQuery,
  keyPersonPage,
  recipientVisits,
  staffPickList,
  staffPickQuery,
  VISIT_BODY_LIMIT,
  visitCreate,
  visitDetail,
  visitLedgerQuery,
  visitListQuery,
  visitPage,
  visitSettingsSchema,
  visitTriggerCreate,
  visitTriggerDto,
} from '../../../shared/schemas/visits';
import { SEALED_BODY_LIMIT, sealedEnvelopeBody } from '../../../shared/schemas/sealed';
import { badRequest } from '../../platform/errors';
import { openSealedFor } from '../../platform/sealed';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import {
  assignDueVisits,
  calendar,
  cancelDueVisits,
  closeFollowUp,
  coverage,
  createTrigger,
  createVisit,
  dueVisitOne,
  generateNow,
  pickStaff,
  readVisitPhoto,
  recipientVisits as recipientVisitsOf,
  searchDue,
  searchFollowUps,
  searchKeyPersons,
  searchVisits,
  setKeyPersonContacts,
  visitDetail as detailOf,
} from './visits.service';
import { exportVisitLedger } from './visits.export';
import { readVisitSettings, saveVisitSettings } from './visits.settings';
import { visitWorkQueue } from './visits.work-queue';

const tags = ['走访慰问'];

export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(visitWorkQueue);

  // ---- visits owed 应访名单 ----
  app.get(
    '/api/due-visits',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '应访名单（按单位、事由、重点人员、分派、走访期筛选）', querystring: dueVisitListQuery, response: { 200: dueVisitPage } } },
    async (req) => searchDue(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/due-visits/:id',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '一条应访记录（待办链接打开走访表单时用）', params: idParams, response: { 200: dueVisitDto } } },
    async (req) => dueVisitOne(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/due-visits/assign',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '分派走访任务（负责人；全部成功或全部不变）', body: dueVisitAssign, response: { 200: z.object({ assigned: z.number().int() }) } } },
    async (req) => assignDueVisits(ctx, requireAuth(req), req.body, req.ip),
  );
  app.post(
    '/api/due-visits/cancel',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '取消应访记录（负责人，须写明原因）', body: dueVisitCancel, response: { 200: z.object({ cancelled: z.number().int() }) } } },
    async (req) => cancelDueVisits(ctx, requireAuth(req), req.body, req.ip),
  );
  app.post(
    '/api/visits/generate',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '立即生成本辖区应访名单（负责人；重复生成不会重复）', body: generateBody, response: { 200: generateResult } } },
    async (req) => generateNow(ctx, requireAuth(req), req.body.orgUnitId, req.ip),
  );

  // ---- visits ----
  app.get(
    '/api/visits',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访记录列表', querystring: visitListQuery, response: { 200: visitPage } } },
    async (req) => searchVisits(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/visits',
    {
      config: { permission: 'visits:write' },
      bodyLimit: VISIT_BODY_LIMIT,
      schema: { tags, summary: '登记走访（完成对应的应访记录，更新七个状况，登记后续事项；同一表单重复提交只保存一次）', body: visitCreate, response: { 200: visitDetail, 201: visitDetail } },
    },
    async (req, reply) => {
      const r = await createVisit(ctx, requireAuth(req), req.body, req.ip);
      return reply.status(r.created ? 201 : 200).send(r.detail);
    },
  );
  app.post(
    '/api/visits/sealed',
    {
      config: { permission: 'visits:write' },
      bodyLimit: SEALED_BODY_LIMIT,
      schema: {
        tags,
        summary: '发送离线保存的走访（浏览器加密给服务器的表单；只能由保存它的用户发送，按本人权限登记，重复发送只保存一次）',
        body: sealedEnvelopeBody,
        response: { 200: visitDetail, 201: visitDetail },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const parsed = visitCreate.safeParse(openSealedFor(ctx.crypto, auth, req.body.envelope, 'visit'));
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw badRequest(`离线记录有误：${details[0] ? `${details[0].path ? `${details[0].path}：` : ''}${details[0].message}` : '请重新填写'}`, details);
      }
      const r = await createVisit(ctx, auth, parsed.data, req.ip);
      return reply.status(r.created ? 201 : 200).send(r.detail);
    },
  );
  app.get(
    '/api/visits/coverage',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访覆盖情况（按下级单位：应访、按期、逾期走访、未访）', querystring: coverageQuery, response: { 200: coverageResult } } },
    async (req) => coverage(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/visits/calendar',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访日历（节日与每日应访数）', querystring: calendarQuery, response: { 200: calendarResult } } },
    async (req) => calendar(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/visits/staff',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '可选的工作人员（走访人员、分派、联系人）', querystring: staffPickQuery, response: { 200: staffPickList } } },
    async (req) => pickStaff(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/visits/:id',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访记录详情', params: idParams, response: { 200: visitDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/visits/:id/photos/:fileId',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访照片', params: z.object({ id: idSchema, fileId: idSchema }) } },
    async (req, reply) => {
      const f = await readVisitPhoto(ctx, requireAuth(req), req.params.id, req.params.fileId);
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'private, no-store').send(f.data);
    },
  );
  app.post(
    '/api/visit-triggers',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '登记走访事由（六必访事件），生成一条应访记录', body: visitTriggerCreate, response: { 200: visitTriggerDto } } },
    async (req) => createTrigger(ctx, requireAuth(req), req.body, req.ip),
  );
  app.get(
    '/api/recipients/:id/visits',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '服务对象的走访：记录、应访与下一次走访', params: idParams, response: { 200: recipientVisits } } },
    async (req) => recipientVisitsOf(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/ledgers/visits',
    { config: { permission: 'visits:read' }, schema: { tags: [...tags, '台账'], summary: '导出走访慰问台账（.xlsx，按当前筛选；记入审计日志）', querystring: visitLedgerQuery } },
    async (req, reply) => {
      const file = await exportVisitLedger(ctx, requireAuth(req), req.query, req.ip);
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('cache-control', 'no-store').send(file.stream);
    },
  );

  // ---- key persons 重点人员 and their county contacts ----
  app.get(
    '/api/key-persons',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '重点走访对象及县级联系人', querystring: keyPersonListQuery, response: { 200: keyPersonPage } } },
    async (req) => searchKeyPersons(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/key-persons/contacts',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '指定（或取消）重点人员的县级联系人', body: keyPersonContactSet, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => setKeyPersonContacts(ctx, requireAuth(req), req.body, req.ip),
  );

  // ---- follow-ups 后续事项 ----
  app.get(
    '/api/visit-follow-ups',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访后续事项（我的、本辖区）', querystring: followUpListQuery, response: { 200: followUpPage } } },
    async (req) => searchFollowUps(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/visit-follow-ups/:id/close',
    { config: { permission: 'visits:write' }, schema: { tags, summary: '办结后续事项', params: idParams, body: followUpClose, response: { 200: followUpDto } } },
    async (req) => closeFollowUp(ctx, requireAuth(req), req.params.id, req.body.note, req.ip),
  );

  // ---- settings ----
  app.get(
    '/api/visit-settings',
    { config: { permission: 'visits:read' }, schema: { tags, summary: '走访设置（走访期、责任单位、提前生成天数、生日走访年龄）', response: { 200: visitSettingsSchema } } },
    async () => readVisitSettings(ctx.db),
  );
  app.put(
    '/api/visit-settings',
    { config: { permission: 'visits:review' }, schema: { tags, summary: '修改走访设置（县级及以上审核人员）', body: visitSettingsSchema, response: { 200: visitSettingsSchema } } },
    async (req) => saveVisitSettings(ctx, requireAuth(req), req.body, req.ip),
  );
};
