import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { caseFileParams } from '../../../shared/schemas/cases';
import { materialFileUpload } from '../../../shared/schemas/application-materials';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  activityAttendance,
  activityCreate,
  activityUpdate,
  activityDetail as activityDetailSchema,
  activityInvite,
  activityLedgerQuery,
  activityPage,
  activityQuery,
  educationOfRecipient as educationOfRecipientSchema,
  exemplarActionBody,
  exemplarCreate,
  exemplarDetail as exemplarDetailSchema,
  exemplarLedgerQuery,
  exemplarPage,
  exemplarQuery,
  exemplarReviseBody,
  gazetteerPage,
  gazetteerQuery,
} from '../../../shared/schemas/education';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  actOnExemplar,
  activityDetail,
  changeActivity,
  createActivity,
  createExemplar,
  educationOfRecipient,
  exemplarDetail,
  inviteToActivity,
  reviseExemplar,
  markActivityAttendance,
  searchActivities,
  searchExemplars,
  searchGazetteer,
} from './education.service';
import { addExemplarFile, readExemplarFile } from './education.files';
import { exportActivityLedger, exportExemplarLedger } from './education.export';

const tags = ['教育管理'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const educationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- exemplars 优秀退役军人典型 ----
  app.get(
    '/api/education/exemplars',
    { config: { permission: 'education:read' }, schema: { tags, summary: '优秀退役军人典型（资源库与推荐；可筛选待我审核、重大庆典与地方志人选）', querystring: exemplarQuery, response: { 200: exemplarPage } } },
    async (req) => searchExemplars(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/education/exemplars',
    { config: { permission: 'education:write' }, schema: { tags, summary: '推荐优秀退役军人典型（纳入资源库或推荐进入“两委”班子；报上级单位审核）', body: exemplarCreate, response: { 200: exemplarDetailSchema } } },
    async (req) => createExemplar(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/education/exemplars/:id',
    { config: { permission: 'education:read' }, schema: { tags, summary: '典型推荐详情（事迹、立功受奖、各级意见、材料、办理记录）', params: idParams, response: { 200: exemplarDetailSchema } } },
    async (req) => exemplarDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/education/exemplars/:id/actions',
    { config: { permission: 'education:write' }, schema: { tags, summary: '审核典型推荐：审核通过并上报、审核通过并入库、退回（须填写意见）；重新报送、撤回', params: idParams, body: exemplarActionBody, response: { 200: exemplarDetailSchema } } },
    async (req) => actOnExemplar(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.put(
    '/api/education/exemplars/:id/text',
    { config: { permission: 'education:write' }, schema: { tags, summary: '修改推荐材料（典型类别、表彰级别、事迹标题、推荐理由；仅退回推荐单位、尚未重新报送时，由推荐单位修改；记入办理记录）', params: idParams, body: exemplarReviseBody, response: { 200: exemplarDetailSchema } } },
    async (req) => reviseExemplar(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/education/exemplars/:id/files',
    {
      config: { permission: 'education:write' },
      bodyLimit: 5 * 1024 * 1024,
      schema: { tags, summary: '上传典型事迹材料（PDF、JPG、PNG、WEBP，不超过 3 MB；加密保存，记入审计日志）', params: idParams, body: materialFileUpload, response: { 200: exemplarDetailSchema } },
    },
    async (req) => addExemplarFile(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/education/exemplars/:id/files/:fileId',
    { config: { permission: 'education:read' }, schema: { tags, summary: '下载典型事迹材料（记入审计日志）', params: caseFileParams } },
    async (req, reply) => {
      const f = await readExemplarFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.get(
    '/api/ledgers/exemplars',
    { config: { permission: 'education:read' }, schema: { tags: [...tags, '台账'], summary: '导出优秀退役军人典型台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: exemplarLedgerQuery } },
    async (req, reply) => {
      const file = await exportExemplarLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  app.get(
    '/api/education/gazetteer',
    { config: { permission: 'education:read' }, schema: { tags, summary: '推荐参加地方重大庆典、写入地方志的人员（二等功及以上、参战、省部级或战区级及以上表彰），及其典型推荐情况', querystring: gazetteerQuery, response: { 200: gazetteerPage } } },
    async (req) => searchGazetteer(ctx, requireAuth(req), req.query),
  );
  // ---- activities 学习教育活动 ----
  app.get(
    '/api/education/activities',
    { config: { permission: 'education:read' }, schema: { tags, summary: '学习教育活动列表（按单位、类型、场所、日期、主题筛选）', querystring: activityQuery, response: { 200: activityPage } } },
    async (req) => searchActivities(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/education/activities',
    { config: { permission: 'education:write' }, schema: { tags, summary: '新增学习教育活动（主题、类型、场所、日期、组织单位）', body: activityCreate, response: { 200: activityDetailSchema } } },
    async (req) => createActivity(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/education/activities/:id',
    { config: { permission: 'education:read' }, schema: { tags, summary: '学习教育活动详情（邀请名单与出勤）', params: idParams, response: { 200: activityDetailSchema } } },
    async (req) => activityDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/education/activities/:id',
    { config: { permission: 'education:write' }, schema: { tags, summary: '修改学习教育活动（主题、类型、场所、日期、备注；已登记出勤的活动日期不能改到今天以后）', params: idParams, body: activityUpdate, response: { 200: activityDetailSchema } } },
    async (req) => changeActivity(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/education/activities/:id/invitations',
    { config: { permission: 'education:write' }, schema: { tags, summary: '邀请服务对象参加活动（组织单位辖区内已入库人员；全部成功或全部不写入）', params: idParams, body: activityInvite, response: { 200: activityDetailSchema } } },
    async (req) => inviteToActivity(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/education/activities/:id/attendance',
    { config: { permission: 'education:write' }, schema: { tags, summary: '登记出勤（邀请名单中的人员；活动当日及以后；全部成功或全部不写入）', params: idParams, body: activityAttendance, response: { 200: activityDetailSchema } } },
    async (req) => markActivityAttendance(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/education-activities',
    { config: { permission: 'education:read' }, schema: { tags: [...tags, '台账'], summary: '导出学习教育活动台账（.xlsx，按当前筛选；记入审计日志）', querystring: activityLedgerQuery } },
    async (req, reply) => {
      const file = await exportActivityLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- a recipient's page ----
  app.get(
    '/api/education/recipients/:id',
    { config: { permission: 'education:read' }, schema: { tags, summary: '服务对象的学习教育活动（参加情况）与典型推荐（服务对象详情页）', params: idParams, response: { 200: educationOfRecipientSchema } } },
    async (req) => educationOfRecipient(ctx, requireAuth(req), req.params.id),
  );
};
