import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  evaluationAction,
  evaluationDetail,
  evaluationFileParams,
  evaluationPage,
  evaluationQuery,
  evaluationReturn,
  publicEvaluationResults,
  indicatorSetDto,
  indicatorSetInput,
  indicatorSetList,
  indicatorSetUpdate,
  rectificationComplete,
  rectificationDetail,
  rectificationInput,
  rectificationPage,
  rectificationQuery,
  roundDetail,
  roundInput,
  roundPage,
  roundQuery,
  roundResults as roundResultsSchema,
  scorerList,
  scorerQuery,
  selfInput,
  sheetInput,
} from '../../../shared/schemas/evaluations';
import { clientIp, requireAuth } from '../../platform/auth';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import { exportRoundResults } from './evaluations.export';
import {
  completeRectification,
  createRound,
  createSet,
  evaluationAction as act,
  evaluationView,
  evidenceFile,
  listSetsView,
  openRectification,
  publicResults,
  rectificationView,
  roundResults,
  roundView,
  saveSelf,
  saveSheet,
  scorerCandidates,
  searchEvaluations,
  searchRectifications,
  searchRounds,
  setView,
  updateSet,
} from './evaluations.service';

const tags = ['考核评估'];
const inline = (name: string) => `inline; filename*=UTF-8''${encodeURIComponent(name)}`;

export const evaluationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- indicator sets 考评指标体系 ----
  app.get(
    '/api/evaluations/sets',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考评指标体系：默认指标体系与本范围内单位的指标体系，以及可用于自动计算的统计数据项', response: { 200: indicatorSetList } } },
    async (req) => listSetsView(ctx, requireAuth(req)),
  );
  app.post(
    '/api/evaluations/sets',
    { config: { permission: 'evaluation:review' }, schema: { tags, summary: '新建本单位的考评指标体系（可复制默认指标体系后修改；各项权重之和须为 100）', body: indicatorSetInput, response: { 200: indicatorSetDto } } },
    async (req) => createSet(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/evaluations/sets/:id',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考评指标体系详情（指标、权重、计分公式）', params: idParams, response: { 200: indicatorSetDto } } },
    async (req) => setView(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/evaluations/sets/:id',
    { config: { permission: 'evaluation:review' }, schema: { tags, summary: '修改本单位的考评指标体系（默认指标体系不能直接修改）', params: idParams, body: indicatorSetUpdate, response: { 200: indicatorSetDto } } },
    async (req) => updateSet(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // ---- rounds 考评 ----
  app.get(
    '/api/evaluations/rounds',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考评列表（本单位组织的，及本单位被考评的）', querystring: roundQuery, response: { 200: roundPage } } },
    async (req) => searchRounds(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/evaluations/rounds',
    { config: { permission: 'evaluation:review' }, schema: { tags, summary: '发起考评（指标体系、期间、被考评的下级单位、自评截止日期、评分方式）', body: roundInput, response: { 200: roundDetail } } },
    async (req) => createRound(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/evaluations/scorers',
    { config: { permission: 'evaluation:review' }, schema: { tags, summary: '可组成联合考评组的工作人员（组织单位及其下级单位，可填报考评的在岗人员）', querystring: scorerQuery, response: { 200: scorerList } } },
    async (req) => scorerCandidates(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get(
    '/api/evaluations/rounds/:id',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考评详情（各被考评单位的进度与得分）', params: idParams, response: { 200: roundDetail } } },
    async (req) => roundView(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/evaluations/rounds/:id/results',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考评结果公开（已公布单位的得分与排名）', params: idParams, response: { 200: roundResultsSchema } } },
    async (req) => roundResults(ctx, requireAuth(req), req.params.id),
  );
  app.get(
    '/api/evaluations/rounds/:id/results/export',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '导出考评结果（.xlsx：名次、单位、总分、等次、各项指标得分；仅单位与分数；记入审计日志）', params: idParams } },
    async (req, reply) => {
      const file = await exportRoundResults(ctx, requireAuth(req), req.params.id, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).header('cache-control', 'no-store').send(file.stream);
    },
  );
  app.get(
    '/api/public/org-units/:id/evaluation-results',
    { config: { public: true }, schema: { tags: ['公开信息'], summary: '考评结果公开：本单位及下级单位组织、已公布的考评，各被考评单位的总分与名次（仅单位与分数，无人员、问题与佐证）', params: idParams, response: { 200: publicEvaluationResults } } },
    async (req) => publicResults(ctx, req.params.id),
  );
  // ---- rectification 整改 (before /:id) ----
  app.get(
    '/api/evaluations/rectifications',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '整改事项列表（本范围内；按整改期限）', querystring: rectificationQuery, response: { 200: rectificationPage } } },
    async (req) => searchRectifications(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/evaluations/rectifications/:id',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '整改事项详情（问题、责任人、期限、办理记录）', params: idParams, response: { 200: rectificationDetail } } },
    async (req) => rectificationView(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/evaluations/rectifications/:id/complete',
    { config: { permission: 'evaluation:write' }, schema: { tags, summary: '完成整改（被考评单位填写整改情况）', params: idParams, body: rectificationComplete, response: { 200: rectificationDetail } } },
    async (req) => completeRectification(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // ---- one unit's evaluation ----
  app.get(
    '/api/evaluations',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考核评估列表（本单位及下级单位被考评的）', querystring: evaluationQuery, response: { 200: evaluationPage } } },
    async (req) => searchEvaluations(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/evaluations/:id',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '考核评估详情（各项指标的数据、自评、评分、问题与整改；可打印为考评报告）', params: idParams, response: { 200: evaluationDetail } } },
    async (req) => evaluationView(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/evaluations/:id/self',
    { config: { permission: 'evaluation:write' }, schema: { tags, summary: '填报自评（被考评单位：自评分、说明、佐证材料；上级单位不能修改）', params: idParams, body: selfInput, response: { 200: evaluationDetail } } },
    async (req) => saveSelf(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/evaluations/:id/files/:fileId',
    { config: { permission: 'evaluation:read' }, schema: { tags, summary: '查看佐证材料（记入审计日志）', params: evaluationFileParams } },
    async (req, reply) => {
      const f = await evidenceFile(ctx, requireAuth(req), req.params.id, req.params.fileId, clientIp(req));
      await app.sealer.kick();
      return reply.type(f.mime).header('content-disposition', inline(f.name)).header('cache-control', 'no-store').send(f.data);
    },
  );
  app.put(
    '/api/evaluations/:id/sheet',
    { config: { permission: ['evaluation:write', 'evaluation:review'] }, schema: { tags, summary: '填写评分表（上级单位审核人员，或联合考评组成员；可记录发现的问题）', params: idParams, body: sheetInput, response: { 200: evaluationDetail } } },
    async (req) => saveSheet(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // the kernel's actions on one evaluation: one table (the kernel checks state, permission, range, version)
  const evaluationActionRoutes = [
    { action: 'submit', permission: 'evaluation:write', summary: '提交自评（须填完各填报项，按要求附佐证材料）', body: evaluationAction },
    { action: 'return', permission: 'evaluation:review', summary: '退回自评（须填写意见）', body: evaluationReturn },
    { action: 'score', permission: 'evaluation:review', summary: '确定评分（汇总评分表；自动计算的数据在此刻固定，之后不再重算）', body: evaluationAction },
    { action: 'reopen', permission: 'evaluation:review', summary: '重新评分（公布前；须填写原因）', body: evaluationReturn },
    { action: 'publish', permission: 'evaluation:review', summary: '公布考评结果（公布后结果不再变动）', body: evaluationAction },
  ] as const;
  for (const r of evaluationActionRoutes) {
    app.post(`/api/evaluations/:id/${r.action}`, { config: { permission: r.permission }, schema: { tags, summary: r.summary, params: idParams, body: r.body, response: { 200: evaluationDetail } } }, async (req) =>
      act(ctx, requireAuth(req), req.params.id, r.action, req.body, clientIp(req)),
    );
  }
  app.post(
    '/api/evaluations/:id/rectifications',
    { config: { permission: 'evaluation:review' }, schema: { tags, summary: '下达整改事项（针对评分发现的问题：责任人、整改期限）', params: idParams, body: rectificationInput, response: { 200: rectificationDetail } } },
    async (req) => openRectification(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
};
