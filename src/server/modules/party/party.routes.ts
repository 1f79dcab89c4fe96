import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  partyBranchDto,
  partyBranchInput,
  partyBranchList,
  partyBranchQuery,
  partyBranchUpdate,
  partyMemberLedgerQuery,
  partyMemberPage,
  partyMemberQuery,
  partyMembershipInput,
  partyOfRecipient,
  partySettingsBody,
  partySettingsQuery,
  partySettingsView,
  partyTransferCancel,
  partyTransferComplete,
  partyTransferCreate,
  partyTransferDetail,
  partyTransferFigures,
  partyTransferFiguresQuery,
  partyTransferLedgerQuery,
  partyTransferPage,
  partyTransferQuery,
  partyTransferReport,
} from '../../../shared/schemas/party';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  branchDetail,
  cancelTransfer,
  changeBranch,
  completeTransfer,
  createBranch,
  createTransfer,
  partyOfRecipient as partyOf,
  reportTransfer,
  searchBranches,
  searchMembers,
  searchTransfers,
  setMembership,
  transferDetail,
  transferFigures,
} from './party.service';
import { readPartySettings, savePartySettings } from './party.settings';
import { exportMemberLedger, exportTransferLedger } from './party.export';
import { partyLifeRoutes } from './party-life.routes';

const tags = ['党员管理'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const partyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- branches 党支部 ----
  app.get(
    '/api/party/branches',
    { config: { permission: 'party:read' }, schema: { tags, summary: '党支部列表（本级、下级及上级单位的党支部；可按单位筛选）', querystring: partyBranchQuery, response: { 200: partyBranchList } } },
    async (req) => searchBranches(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/party/branches',
    { config: { permission: 'party:write' }, schema: { tags, summary: '新增党支部（名称、类别、书记、联系方式）', body: partyBranchInput, response: { 200: partyBranchDto } } },
    async (req) => createBranch(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/party/branches/:id',
    { config: { permission: 'party:read' }, schema: { tags, summary: '党支部详情', params: idParams, response: { 200: partyBranchDto } } },
    async (req) => branchDetail(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/party/branches/:id',
    { config: { permission: 'party:write' }, schema: { tags, summary: '修改党支部（含停用、启用）', params: idParams, body: partyBranchUpdate, response: { 200: partyBranchDto } } },
    async (req) => changeBranch(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  // ---- members 党员 ----
  app.get(
    '/api/party/members',
    { config: { permission: 'party:read' }, schema: { tags, summary: '退役军人党员（政治面貌取自信息采集；可筛选未编入支部的党员）', querystring: partyMemberQuery, response: { 200: partyMemberPage } } },
    async (req) => searchMembers(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/party/members/:id',
    { config: { permission: 'party:read' }, schema: { tags, summary: '服务对象的党员信息与组织关系转接（服务对象详情页）', params: idParams, response: { 200: partyOfRecipient } } },
    async (req) => partyOf(ctx, requireAuth(req), req.params.id),
  );
  app.put(
    '/api/party/members/:id',
    { config: { permission: 'party:write' }, schema: { tags, summary: '编入党支部、记录入党日期（党员所在单位或其上级单位的党支部）', params: idParams, body: partyMembershipInput, response: { 200: partyOfRecipient } } },
    async (req) => setMembership(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/party-members',
    { config: { permission: 'party:read' }, schema: { tags: [...tags, '台账'], summary: '导出退役军人党员台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: partyMemberLedgerQuery } },
    async (req, reply) => {
      const file = await exportMemberLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- transfers 组织关系转接 ----
  app.get(
    '/api/party/transfers',
    { config: { permission: 'party:read' }, schema: { tags, summary: '组织关系转接列表（按单位、党员、状态、超期、办结期间、是否按时筛选）', querystring: partyTransferQuery, response: { 200: partyTransferPage } } },
    async (req) => searchTransfers(ctx, requireAuth(req), req.query),
  );
  app.post(
    '/api/party/transfers',
    { config: { permission: 'party:write' }, schema: { tags, summary: '登记组织关系转接（转出、转入党组织，介绍信编号、开具日期；时限按所在县的设置）', body: partyTransferCreate, response: { 200: partyTransferDetail } } },
    async (req) => createTransfer(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get(
    '/api/party/transfers/figures',
    { config: { permission: 'party:read' }, schema: { tags, summary: '组织关系转接统计：期间内办结数、按时与超期（按下级单位），在办超期数', querystring: partyTransferFiguresQuery, response: { 200: partyTransferFigures } } },
    async (req) => transferFigures(ctx, requireAuth(req), req.query),
  );
  app.get(
    '/api/party/transfers/:id',
    { config: { permission: 'party:read' }, schema: { tags, summary: '组织关系转接详情（步骤、办理记录、超期提示）', params: idParams, response: { 200: partyTransferDetail } } },
    async (req) => transferDetail(ctx, requireAuth(req), req.params.id),
  );
  app.post(
    '/api/party/transfers/:id/report',
    { config: { permission: 'party:write' }, schema: { tags, summary: '登记报到（党员持介绍信向转入支部报到的日期）', params: idParams, body: partyTransferReport, response: { 200: partyTransferDetail } } },
    async (req) => reportTransfer(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/party/transfers/:id/complete',
    { config: { permission: 'party:write' }, schema: { tags, summary: '登记接收（转入支部接收日期；党员所在支部随之变更）', params: idParams, body: partyTransferComplete, response: { 200: partyTransferDetail } } },
    async (req) => completeTransfer(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/party/transfers/:id/cancel',
    { config: { permission: 'party:write' }, schema: { tags, summary: '撤销组织关系转接（须填写原因）', params: idParams, body: partyTransferCancel, response: { 200: partyTransferDetail } } },
    async (req) => cancelTransfer(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/ledgers/party-transfers',
    { config: { permission: 'party:read' }, schema: { tags: [...tags, '台账'], summary: '导出组织关系转接台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: partyTransferLedgerQuery } },
    async (req, reply) => {
      const file = await exportTransferLedger(ctx, requireAuth(req), req.query, clientIp(req));
      await app.sealer.kick();
      return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
    },
  );
  // ---- settings 转接时限 (per county) ----
  app.get(
    '/api/party/settings',
    { config: { permission: 'party:read' }, schema: { tags, summary: '组织关系转接时限（按县设置，自然日；新登记的转接按此计算应办结日期）', querystring: partySettingsQuery, response: { 200: partySettingsView } } },
    async (req) => readPartySettings(ctx, requireAuth(req), req.query.countyId),
  );
  app.put(
    '/api/party/settings',
    { config: { permission: 'party:write' }, schema: { tags, summary: '修改本县组织关系转接时限（县级及以上工作人员；记入审计日志）', body: partySettingsBody, response: { 200: partySettingsView } } },
    async (req) => savePartySettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  // ---- branch meetings 三会一课/主题党日 and volunteer teams 志愿服务队/示范岗 ----
  await partyLifeRoutes(app, {});
};
