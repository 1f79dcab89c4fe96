import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  honorDto,
  honorFileParams,
  honorInput,
  honorLedgerQuery,
  honorPage,
  honorQuery,
  honorWallConsentDto,
  honorWallConsentInput,
  honorWallWithdraw,
  meritNoticeCancel,
  meritNoticeDeliver,
  meritNoticeDetail,
  meritNoticeInput,
  meritNoticePage,
  meritNoticeQuery,
  nominationParams,
  publicHonorWall as publicHonorWallSchema,
  starCampaignCancel,
  starCampaignDetail,
  starCampaignInput,
  starCampaignPage,
  starCampaignPublish,
  starCampaignQuery,
  starNominationInput,
  starNominationReview,
} from '../../../shared/schemas/honors';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  campaignDetail,
  cancelCampaign,
  cancelMerit,
  consentView,
  createCampaign,
  createHonor,
  createMerit,
  deliverMerit,
  honorDetail,
  honorFile,
  meritDetail,
  meritFile,
  nominate,
  publicHonorWall,
  publicWallPhoto,
  publishCampaign,
  recordConsent,
  reviewNomination,
  searchCampaigns,
  searchHonors,
  searchMerits,
  withdrawConsent,
} from './honors.service';
import { exportHonorLedger } from './honors.export';

const tags = ['荣誉表彰'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const inline = (name: string) => `inline; filename*=UTF-8''${encodeURIComponent(name)}`;

export const honorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- honors 荣誉 ----
  app.get(
    '/api/honors',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '荣誉列表（退役后获得的荣誉；按单位、服务对象、级别、年度筛选）', querystring: honorQuery, response: { 200: honorPage } } },
    async (req) => searchHonors(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/honors',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '登记荣誉（名称、级别、授予单位、日期、证明材料）', body: honorInput, response: { 200: honorDto } } },
    async (req) => createHonor(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/honors/:id',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '荣誉详情', params: idParams, response: { 200: honorDto } } },
    async (req) => honorDetail(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/honors/:id/files/:fileId',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '查看荣誉证明材料（记入审计日志）', params: honorFileParams } },
    async (req, reply) => {
      const f = await honorFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', inline(f.name)).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.get(
    '/api/ledgers/honors',
    { config: { permission: 'honors:read' }, schema: { tags: [...tags, '台账'], summary: '导出荣誉表彰台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: honorLedgerQuery } },
    async (req, reply) => {
      const file = await exportHonorLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- star-rating campaigns 评星级 ----
  app.get(
    '/api/honors/campaigns',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '评星级活动列表（本单位、下级及上级单位组织的活动）', querystring: starCampaignQuery, response: { 200: starCampaignPage } } },
    async (req) => searchCampaigns(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/honors/campaigns',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '发起评星级活动（评选标准、星级、推荐期）', body: starCampaignInput, response: { 200: starCampaignDetail } } },
    async (req) => createCampaign(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/honors/campaigns/:id',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '评星级活动详情（本范围内的推荐人选与评审结果）', params: idParams, response: { 200: starCampaignDetail } } },
    async (req) => campaignDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/honors/campaigns/:id/nominations',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '推荐评星级人选（本范围内已入库的服务对象，星级与推荐理由）', params: idParams, body: starNominationInput, response: { 200: starCampaignDetail } } },
    async (req) => nominate(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/honors/campaigns/:id/nominations/:nominationId/review',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '评审推荐人选（组织单位；不通过须填写意见）', params: nominationParams, body: starNominationReview, response: { 200: starCampaignDetail } } },
    async (req) => reviewNomination(ctx, requireAuth(req), req.params.id, req.params.nominationId, req.body, clientIp(req)),
  );
  app.post(
    '/api/honors/campaigns/:id/publish',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '公布评星级结果（推荐人选须全部评审完毕）', params: idParams, body: starCampaignPublish, response: { 200: starCampaignDetail } } },
    async (req) => publishCampaign(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/honors/campaigns/:id/cancel',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '撤销评星级活动（须填写原因）', params: idParams, body: starCampaignCancel, response: { 200: starCampaignDetail } } },
    async (req) => cancelCampaign(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // ---- the honor wall's consent 本人同意 ----
  app.get(
    '/api/honors/consents/:id',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '服务对象上光荣墙的本人同意记录', params: idParams, response: { 200: honorWallConsentDto } } },
    async (req) => consentView(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/honors/consents/:id',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '记录本人同意上光荣墙（方式、日期、展示事迹、照片；记录人自动登记）', params: idParams, body: honorWallConsentInput, response: { 200: honorWallConsentDto } } },
    async (req) => recordConsent(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/honors/consents/:id/withdraw',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '撤回本人同意（立即从光荣墙撤下）', params: idParams, body: honorWallWithdraw, response: { 200: honorWallConsentDto } } },
    async (req) => withdrawConsent(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // ---- the public honor wall 光荣墙/荣誉榜 ----
  app.get(
    '/api/public/org-units/:id/honor-wall',
    { config: { public: true }, schema: { tags: ['公开信息'], summary: '光荣墙/荣誉榜：本单位及下级单位评星与荣誉（仅限本人同意公开的人员）', params: idParams, response: { 200: publicHonorWallSchema } } },
    async (req) => publicHonorWall(ctx, req.params.id),
  );
  app.get(
    '/api/public/honor-wall/photos/:id',
    { config: { public: true }, schema: { tags: ['公开信息'], summary: '光荣墙照片（本人同意有效时）', params: z.object({ id: idSchema }) } },
    async (req, reply) => {
      const f = await publicWallPhoto(ctx, req.params.id);
      return reply.type(f.mime).header('cache-control', 'no-store').send(f.data);
    },
  );
  // ---- 送喜报 merit notices ----
  app.get(
    '/api/honors/merit-notices',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '喜报列表（现役军人立功受奖，送达家属）', querystring: meritNoticeQuery, response: { 200: meritNoticePage } } },
    async (req) => searchMerits(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/honors/merit-notices',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '登记喜报（送达现役军人家属；按期送达，进入待办）', body: meritNoticeInput, response: { 200: meritNoticeDetail } } },
    async (req) => createMerit(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/honors/merit-notices/:id',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '喜报详情（送达情况、照片、办理记录）', params: idParams, response: { 200: meritNoticeDetail } } },
    async (req) => meritDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/honors/merit-notices/:id/deliver',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '登记喜报送达（日期、送达人员、照片）', params: idParams, body: meritNoticeDeliver, response: { 200: meritNoticeDetail } } },
    async (req) => deliverMerit(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/honors/merit-notices/:id/cancel',
    { config: { permission: 'honors:write' }, schema: { tags, summary: '撤销喜报（须填写原因）', params: idParams, body: meritNoticeCancel, response: { 200: meritNoticeDetail } } },
    async (req) => cancelMerit(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/honors/merit-notices/:id/files/:fileId',
    { config: { permission: 'honors:read' }, schema: { tags, summary: '查看喜报送达照片（记入审计日志）', params: honorFileParams } },
    async (req, reply) => {
      const f = await meritFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', inline(f.name)).header('cache-control', 'no-store').send(f.data);
    },
  );
};
