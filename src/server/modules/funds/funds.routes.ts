import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  accountReveal,
  batchCreate,
  batchDetail,
  batchList,
  cancelBody,
  disburseBody,
  disburseResult,
  figuresDto,
  figuresQuery,
  fundCreate,
  fundDetail as fundDetailSchema,
  fundList,
  movementCreate,
  payableDto,
  payableListQuery,
  payablePage,
  reportDto,
  reportQuery,
  resultsBody,
  transferFileQuery,
  versionBody,
} from '../../../shared/schemas/funds';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  addMovement,
  batchAct,
  batchDetail as readBatch,
  batchesList,
  createBatch,
  createFund,
  disburse,
  fundDetail,
  fundFigures,
  fundsList,
  payableDetail,
  payablesPage,
  readReceipt,
  reconciliation,
  recordResults,
  revealAccount,
} from './funds.service';
import { exportReport, exportTransferFile } from './funds.export';

const tags = ['资金与发放'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const fundRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/api/funds', { config: { permission: 'funds:read' }, schema: { tags, summary: '资金来源列表（本人管辖范围内所属或拨入的资金，含各单位份额余额）', response: { 200: fundList } } }, async (req) => fundsList(ctx, requireAuth(req)));
  app.post('/api/funds', { config: { permission: 'funds:write' }, schema: { tags, summary: '新增资金来源（财政预算、关爱基金、社会捐赠；定向）', body: fundCreate, response: { 200: fundDetailSchema } } }, async (req) =>
    createFund(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/funds/figures', { config: { permission: 'funds:read' }, schema: { tags, summary: '资金发放统计：各资金发放金额、核定到发放的天数', querystring: figuresQuery, response: { 200: figuresDto } } }, async (req) =>
    fundFigures(ctx, requireAuth(req), req.query),
  );
  app.get('/api/funds/payables', { config: { permission: 'funds:read' }, schema: { tags, summary: '待发放援助列表（待发放、批次中、已发放）', querystring: payableListQuery, response: { 200: payablePage } } }, async (req) =>
    payablesPage(ctx, requireAuth(req), req.query),
  );
  app.get('/api/funds/payables/:id', { config: { permission: 'funds:read' }, schema: { tags, summary: '待发放援助详情', params: idParams, response: { 200: payableDto } } }, async (req) => payableDetail(ctx, requireAuth(req), req.params.id));
  app.post('/api/funds/payables/:id/account', { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看收款账号明文（记入审计日志）', params: idParams, response: { 200: accountReveal } } }, async (req) =>
    revealAccount(ctx, requireAuth(req), req.params.id, clientIp(req)),
  );
  app.post('/api/funds/payables/:id/disburse', { config: { permission: 'funds:write' }, schema: { tags, summary: '单笔发放（默认银行转账；现金须说明原因并上传签收单；实物登记物品和价值）', params: idParams, body: disburseBody, response: { 200: disburseResult } } }, async (req) =>
    disburse(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/funds/payables/:id/receipt', { config: { permission: 'sensitive:reveal' }, schema: { tags, summary: '查看现金发放签收单（记入审计日志）', params: idParams } }, async (req, reply) => {
    const f = await readReceipt(ctx, requireAuth(req), req.params.id, clientIp(req));
    await app.sealer.kick();
    return reply.type(f.mime).header('content-disposition', attachment(f.name)).header('cache-control', 'no-store').send(f.data);
  });
  app.get('/api/funds/batches', { config: { permission: 'funds:read' }, schema: { tags, summary: '发放批次列表', response: { 200: batchList } } }, async (req) => batchesList(ctx, requireAuth(req)));
  app.post('/api/funds/batches', { config: { permission: 'funds:write' }, schema: { tags, summary: '生成发放批次（县级：所选待发放援助，从所选资金发放）', body: batchCreate, response: { 200: batchDetail } } }, async (req) =>
    createBatch(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/funds/batches/:id', { config: { permission: 'funds:read' }, schema: { tags, summary: '发放批次详情（明细、办理记录）', params: idParams, response: { 200: batchDetail } } }, async (req) => readBatch(ctx, requireAuth(req), req.params.id));
  app.post('/api/funds/batches/:id/confirm', { config: { permission: 'funds:review' }, schema: { tags, summary: '确认发放批次（资金份额须足以支付）', params: idParams, body: versionBody, response: { 200: batchDetail } } }, async (req) =>
    batchAct(ctx, requireAuth(req), req.params.id, 'confirm', req.body.version, undefined, '', clientIp(req)),
  );
  app.post('/api/funds/batches/:id/export', { config: { permission: 'funds:write' }, schema: { tags, summary: '标记代发文件已导出（之后可下载代发文件）', params: idParams, body: versionBody, response: { 200: batchDetail } } }, async (req) =>
    batchAct(ctx, requireAuth(req), req.params.id, 'export', req.body.version, undefined, '', clientIp(req)),
  );
  app.get('/api/funds/batches/:id/transfer-file', { config: { permission: 'funds:write' }, schema: { tags, summary: '下载银行代发文件（.xlsx；默认脱敏，明文须有权限并说明用途；记入审计日志）', params: idParams, querystring: transferFileQuery } }, async (req, reply) => {
    const file = await exportTransferFile(ctx, requireAuth(req), req.params.id, req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
  app.post('/api/funds/batches/:id/results', { config: { permission: 'funds:write' }, schema: { tags, summary: '登记发放结果（逐笔成功或失败及银行回复；全部一次登记）', params: idParams, body: resultsBody, response: { 200: batchDetail } } }, async (req) =>
    recordResults(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/funds/batches/:id/close', { config: { permission: 'funds:write' }, schema: { tags, summary: '发放批次办结', params: idParams, body: versionBody, response: { 200: batchDetail } } }, async (req) =>
    batchAct(ctx, requireAuth(req), req.params.id, 'close', req.body.version, undefined, '', clientIp(req)),
  );
  app.post('/api/funds/batches/:id/cancel', { config: { permission: 'funds:write' }, schema: { tags, summary: '作废发放批次（草稿或已确认；援助回到待发放）', params: idParams, body: cancelBody, response: { 200: batchDetail } } }, async (req) =>
    batchAct(ctx, requireAuth(req), req.params.id, 'cancel', req.body.version, undefined, req.body.comment, clientIp(req)),
  );
  app.get('/api/funds/:id', { config: { permission: 'funds:read' }, schema: { tags, summary: '资金来源详情（份额余额、资金流水）', params: idParams, response: { 200: fundDetailSchema } } }, async (req) => fundDetail(ctx, requireAuth(req), req.params.id));
  app.post('/api/funds/:id/movements', { config: { permission: 'funds:write' }, schema: { tags, summary: '登记资金流水：收入、拨付（下级单位）、退回', params: idParams, body: movementCreate, response: { 200: fundDetailSchema } } }, async (req) =>
    addMovement(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/funds/:id/report', { config: { permission: 'funds:read' }, schema: { tags, summary: '资金对账表：期初 + 收入 − 拨付 − 发放 + 退回 = 期末', params: idParams, querystring: reportQuery, response: { 200: reportDto } } }, async (req) =>
    reconciliation(ctx, requireAuth(req), req.params.id, req.query),
  );
  app.get('/api/ledgers/funds/:id/report', { config: { permission: 'funds:read' }, schema: { tags: [...tags, '台账'], summary: '导出资金对账表（.xlsx；记入审计日志）', params: idParams, querystring: reportQuery } }, async (req, reply) => {
    const file = await exportReport(ctx, requireAuth(req), req.params.id, req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
};
