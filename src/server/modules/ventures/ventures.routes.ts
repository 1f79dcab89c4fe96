import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  ventureCreate,
  ventureDetail,
  ventureLedgerQuery,
  ventureListQuery,
  ventureMentorCreate,
  ventureMentorDto,
  ventureMentorList,
  ventureMentorQuery,
  ventureMentorshipCreate,
  venturePage,
  ventureSupportCreate,
  ventureUpdate,
  zeroEmploymentAssigneeQuery,
  zeroEmploymentAssignees,
  zeroEmploymentCandidatePage,
  zeroEmploymentCandidateQuery,
  zeroEmploymentConfirm,
  zeroEmploymentDetail,
  zeroEmploymentFigures,
  zeroEmploymentFiguresQuery,
  zeroEmploymentLedgerQuery,
  zeroEmploymentListQuery,
  zeroEmploymentMeasure,
  zeroEmploymentPage,
  zeroEmploymentReassign,
  zeroEmploymentReemploy,
  zeroEmploymentRevoke,
  zeroEmploymentSettings,
  zeroEmploymentSettingsView,
} from '../../../shared/schemas/ventures';
import { clientIp, requireAuth } from '../../platform/auth';
import {
  addMentorship,
  addSupport,
  changeVenture,
  confirmZero,
  createMentor,
  createVenture,
  searchMentors,
  searchVentures,
  searchZero,
  ventureDetail as detailOf,
  zeroAssignees,
  zeroCandidates,
  zeroDetail,
  zeroFigures,
  zeroAct,
} from './ventures.service';
import { readZeroEmploymentSettings, saveZeroEmploymentSettings } from './ventures.settings';
import { exportVentureLedger, exportZeroLedger } from './ventures.export';

const tags = ['就业创业'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const read = { permission: 'employment:read' } as const;
const write = { permission: 'employment:write' } as const;

export const ventureRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  // ---- ventures 创业项目 ----
  app.get('/api/ventures', { config: read, schema: { tags, summary: '创业项目列表（按单位、阶段、行业、退役军人创办、名称筛选）', querystring: ventureListQuery, response: { 200: venturePage } } }, async (req) =>
    searchVentures(ctx, requireAuth(req), req.query),
  );
  app.post('/api/ventures', { config: write, schema: { tags, summary: '登记创业项目（创办人、行业、地点、阶段、带动就业）', body: ventureCreate, response: { 200: ventureDetail } } }, async (req) =>
    createVenture(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/ventures/mentors', { config: read, schema: { tags, summary: '创业导师（本辖区及上级单位的退役军人成功企业家）', querystring: ventureMentorQuery, response: { 200: ventureMentorList } } }, async (req) =>
    searchMentors(ctx, requireAuth(req), req.query),
  );
  app.post('/api/ventures/mentors', { config: write, schema: { tags, summary: '登记创业导师', body: ventureMentorCreate, response: { 200: ventureMentorDto } } }, async (req) =>
    createMentor(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/ventures/:id', { config: read, schema: { tags, summary: '创业项目详情（扶持记录、导师结对）', params: idParams, response: { 200: ventureDetail } } }, async (req) =>
    detailOf(ctx, requireAuth(req), req.params.id),
  );
  app.put('/api/ventures/:id', { config: write, schema: { tags, summary: '修改创业项目', params: idParams, body: ventureUpdate, response: { 200: ventureDetail } } }, async (req) =>
    changeVenture(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/ventures/:id/supports', { config: write, schema: { tags, summary: '登记创业扶持（贷款、担保、场地、税费减免、创业指导：金额、日期、扶持单位）', params: idParams, body: ventureSupportCreate, response: { 200: ventureDetail } } }, async (req) =>
    addSupport(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/ventures/:id/mentorships', { config: write, schema: { tags, summary: '创业导师与项目结对', params: idParams, body: ventureMentorshipCreate, response: { 200: ventureDetail } } }, async (req) =>
    addMentorship(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/ledgers/ventures', { config: read, schema: { tags: [...tags, '台账'], summary: '导出退役军人创业项目台账（.xlsx，按当前筛选；记入审计日志）', querystring: ventureLedgerQuery } }, async (req, reply) => {
    const file = await exportVentureLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
  // ---- zero-employment households 零就业家庭 ----
  app.get('/api/zero-employment/candidates', { config: read, schema: { tags, summary: '疑似零就业家庭（按登记的家庭成员就业状况查找，待工作人员确认）', querystring: zeroEmploymentCandidateQuery, response: { 200: zeroEmploymentCandidatePage } } }, async (req) =>
    zeroCandidates(ctx, requireAuth(req), req.query),
  );
  app.get('/api/zero-employment/assignees', { config: read, schema: { tags, summary: '可选的包联人员（家庭所在单位及上级单位的工作人员）', querystring: zeroEmploymentAssigneeQuery, response: { 200: zeroEmploymentAssignees } } }, async (req) =>
    zeroAssignees(ctx, requireAuth(req), req.query.orgUnitId),
  );
  app.get('/api/zero-employment/figures', { config: read, schema: { tags, summary: '零就业家庭数及逐月变化（按下级单位）', querystring: zeroEmploymentFiguresQuery, response: { 200: zeroEmploymentFigures } } }, async (req) =>
    zeroFigures(ctx, requireAuth(req), req.query),
  );
  app.get('/api/zero-employment/settings', { config: read, schema: { tags, summary: '零就业家庭的劳动年龄范围', response: { 200: zeroEmploymentSettingsView } } }, async (req) => readZeroEmploymentSettings(ctx, requireAuth(req)));
  app.put('/api/zero-employment/settings', { config: write, schema: { tags, summary: '修改劳动年龄范围（县级及以上负责人；记入审计日志）', body: zeroEmploymentSettings, response: { 200: zeroEmploymentSettingsView } } }, async (req) =>
    saveZeroEmploymentSettings(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/zero-employment/households', { config: read, schema: { tags, summary: '已确认的零就业家庭（按单位、状态、我包联的筛选）', querystring: zeroEmploymentListQuery, response: { 200: zeroEmploymentPage } } }, async (req) =>
    searchZero(ctx, requireAuth(req), req.query),
  );
  app.post('/api/zero-employment/households', { config: write, schema: { tags, summary: '确认零就业家庭（纳入再就业重点帮扶，指定包联人员）', body: zeroEmploymentConfirm, response: { 200: zeroEmploymentDetail } } }, async (req) =>
    confirmZero(ctx, requireAuth(req), req.body, clientIp(req)),
  );
  app.get('/api/zero-employment/households/:id', { config: read, schema: { tags, summary: '零就业家庭详情（家庭成员、帮扶记录）', params: idParams, response: { 200: zeroEmploymentDetail } } }, async (req) =>
    zeroDetail(ctx, requireAuth(req), req.params.id),
  );
  const zeroActionRoutes = [
    { action: 'measure', path: 'measures', summary: '登记帮扶措施', body: zeroEmploymentMeasure },
    { action: 'reassign', path: 'reassign', summary: '更换包联人员', body: zeroEmploymentReassign },
    { action: 'reemploy', path: 'reemploy', summary: '上岗再就业（销号）', body: zeroEmploymentReemploy },
    { action: 'revoke', path: 'revoke', summary: '撤销（须填写原因）', body: zeroEmploymentRevoke },
  ] as const;
  for (const r of zeroActionRoutes) {
    app.post(`/api/zero-employment/households/:id/${r.path}`, { config: write, schema: { tags, summary: r.summary, params: idParams, body: r.body, response: { 200: zeroEmploymentDetail } } }, async (req) =>
      zeroAct(ctx, requireAuth(req), req.params.id, r.action, req.body, clientIp(req)),
    );
  }
  app.get('/api/ledgers/zero-employment-households', { config: read, schema: { tags: [...tags, '台账'], summary: '导出零就业家庭台账（.xlsx，按当前筛选；身份证号码脱敏；记入审计日志）', querystring: zeroEmploymentLedgerQuery } }, async (req, reply) => {
    const file = await exportZeroLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
};
