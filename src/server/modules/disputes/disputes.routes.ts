import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  assigneeList,
  assigneeQuery,
  disputeClose,
  disputeCreate,
  disputeDetail,
  disputeLedgerQuery,
  disputeListQuery,
  disputePage,
  disputeProgressCreate,
  disputeSummary,
  disputeUpdate,
  submissionDto,
  submissionQuery,
  submissionStatus,
  summaryQuery,
  summarySubmit,
} from '../../../shared/schemas/disputes';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import {
  addProgress,
  assignees,
  closeDispute,
  createDispute,
  disputeDetail as detailOf,
  monthlySummary,
  searchDisputes,
  submissionStatus as statusOf,
  submitSummary,
  updateDisputePlan,
} from './disputes.service';
import { exportDisputeLedger, exportSummary } from './disputes.export';
import { disputeWorkQueue } from './disputes.work-queue';

const tags = ['矛盾纠纷'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const disputeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(disputeWorkQueue);
  app.get(
    '/api/disputes',
    { config: { permission: 'disputes:read' }, schema: { tags, summary: '矛盾纠纷列表（按单位、状态、风险等级、排查方式、超期筛选，排序、分页）', querystring: disputeListQuery, response: { 200: disputePage } } },
    async (req) => searchDisputes(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/disputes',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '登记矛盾纠纷（排查建账：当事人、风险等级、责任人、化解时限）', body: disputeCreate, response: { 200: disputeDetail } } },
    async (req) => createDispute(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/disputes/assignees',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '可选的责任人与包案领导（该单位及其上级、在本人管辖范围内的工作人员）', querystring: assigneeQuery, response: { 200: assigneeList } } },
    async (req) => assignees(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get(
    '/api/disputes/summary',
    { config: { permission: 'disputes:read' }, schema: { tags, summary: '矛盾纠纷月度汇总（按下级单位，分风险等级与排查方式）', querystring: summaryQuery, response: { 200: disputeSummary } } },
    async (req) => monthlySummary(ctx, requireAuth(req), req.query.orgUnitId, req.query.month),
  );
  app.get(
    '/api/disputes/summary/export',
    { config: { permission: 'disputes:read' }, schema: { tags: [...tags, '台账'], summary: '导出矛盾纠纷月度汇总（.xlsx；记入审计日志）', querystring: summaryQuery } },
    async (req, reply) => {
      const file = await exportSummary(ctx, requireAuth(req), req.query.orgUnitId, req.query.month, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  app.post(
    '/api/disputes/summary/submit',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '向上级报送本单位的月度化解情况（再次报送则更新）', body: summarySubmit, response: { 200: submissionDto } } },
    async (req) => submitSummary(ctx, requireAuth(req), req.body.month, clientIp(req)),
  );
  app.get(
    '/api/disputes/submissions',
    { config: { permission: 'disputes:read' }, schema: { tags, summary: '月报报送情况：本单位与各下级单位是否已报送', querystring: submissionQuery, response: { 200: submissionStatus } } },
    async (req) => statusOf(ctx, requireAuth(req), req.query.orgUnitId, req.query.month),
  );
  app.get(
    '/api/disputes/:id',
    { config: { permission: 'disputes:read' }, schema: { tags, summary: '矛盾纠纷详情（化解进展记录）', params: idParams, response: { 200: disputeDetail } } },
    async (req) => detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/disputes/:id/plan',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '研判与化解方案：风险等级、责任人、包案领导、化解时限', params: idParams, body: disputeUpdate, response: { 200: disputeDetail } } },
    async (req) => updateDisputePlan(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/disputes/:id/progress',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '记录化解措施及进展', params: idParams, body: disputeProgressCreate, response: { 200: disputeDetail } } },
    async (req) => addProgress(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/disputes/:id/close',
    { config: { permission: 'disputes:write' }, schema: { tags, summary: '销号（一案一销：责任人或单位负责人，写明化解结果）', params: idParams, body: disputeClose, response: { 200: disputeDetail } } },
    async (req) => closeDispute(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/disputes',
    { config: { permission: 'disputes:read' }, schema: { tags: [...tags, '台账'], summary: '导出矛盾纠纷排查化解台账（.xlsx，按当前筛选；记入审计日志）', querystring: disputeLedgerQuery } },
    async (req, reply) => {
      const file = await exportDisputeLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
};
