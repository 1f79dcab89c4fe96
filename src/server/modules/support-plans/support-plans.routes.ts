import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  measureAdd,
  measureMark,
  planAssigneeList,
  planAssigneeQuery,
  supportPlanClose,
  supportPlanCreate,
  supportPlanDetail,
  supportPlanLedgerQuery,
  supportPlanListQuery,
  supportPlanPage,
  supportPlanReview,
  supportPlanUpdate,
} from '../../../shared/schemas/support-plans';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import { addMeasure, assignees, closePlan, createPlan, markMeasure, planDetail, reviewPlan, searchPlans, updatePlan } from './support-plans.service';
import { exportPlanLedger } from './support-plans.export';
import { supportPlanWorkQueue } from './support-plans.work-queue';

const tags = ['一人一策'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const supportPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(supportPlanWorkQueue);
  app.get(
    '/api/support-plans',
    { config: { permission: 'supportPlans:read' }, schema: { tags, summary: '一人一策帮扶计划列表（按单位、服务对象、状态、困难类型、评估超期筛选，排序、分页）', querystring: supportPlanListQuery, response: { 200: supportPlanPage } } },
    async (req) => searchPlans(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/support-plans',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '制定帮扶计划（服务对象、困难情况、帮扶目标、措施、责任人、评估日期；可由走访后续事项转办）', body: supportPlanCreate, response: { 200: supportPlanDetail } } },
    async (req) => createPlan(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/support-plans/assignees',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '可选的责任人（该单位及其上级、在本人管辖范围内的工作人员）', querystring: planAssigneeQuery, response: { 200: planAssigneeList } } },
    async (req) => assignees(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get(
    '/api/support-plans/:id',
    { config: { permission: 'supportPlans:read' }, schema: { tags, summary: '帮扶计划详情（措施、评估记录、办理记录）', params: idParams, response: { 200: supportPlanDetail } } },
    async (req) => planDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/support-plans/:id/update',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '调整计划：困难类型、困难情况、帮扶目标、责任人', params: idParams, body: supportPlanUpdate, response: { 200: supportPlanDetail } } },
    async (req) => updatePlan(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/support-plans/:id/measures',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '增加帮扶措施（内容、责任人、完成时限）', params: idParams, body: measureAdd, response: { 200: supportPlanDetail } } },
    async (req) => addMeasure(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/support-plans/:id/measures/mark',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '登记措施落实情况（已完成及日期、说明，或改回未完成）', params: idParams, body: measureMark, response: { 200: supportPlanDetail } } },
    async (req) => markMeasure(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/support-plans/:id/review',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '跟踪评估（评估情况、下次评估日期）', params: idParams, body: supportPlanReview, response: { 200: supportPlanDetail } } },
    async (req) => reviewPlan(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/support-plans/:id/close',
    { config: { permission: 'supportPlans:write' }, schema: { tags, summary: '结案（结案日期、帮扶成效）', params: idParams, body: supportPlanClose, response: { 200: supportPlanDetail } } },
    async (req) => closePlan(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/support-plans',
    { config: { permission: 'supportPlans:read' }, schema: { tags: [...tags, '台账'], summary: '导出一人一策帮扶台账（.xlsx，按当前筛选；记入审计日志）', querystring: supportPlanLedgerQuery } },
    async (req, reply) => {
      const file = await exportPlanLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
