// Job fairs and trainings 招聘会、培训 routes: fairs (list, create, detail, change with results,
// registration, attendance, ledger), trainings (list, create, detail, change, enrolment, a person's
// attendance and completion, ledger), the adaptive-training coverage of this year's discharged, and
// the figures. Permissions of the employment domain (GLOSSARY: fairs and trainings are employment's).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { idParams, idSchema } from '../../../shared/schemas/common';
import { XLSX_MIME } from '../../../shared/schemas/ledgers';
import {
  coveragePage,
  coverageQuery,
  enrolmentUpdate,
  jobFairAttendance,
  jobFairCreate,
  jobFairDetail,
  jobFairLedgerQuery,
  jobFairListQuery,
  jobFairPage,
  jobFairRegister,
  jobFairResults,
  jobFairUpdate,
  trainingCreate,
  trainingDetail as trainingDetailSchema,
  trainingEnrol,
  trainingFigures as trainingFiguresSchema,
  trainingFiguresQuery,
  trainingLedgerQuery,
  trainingListQuery,
  trainingPage,
  trainingUpdate,
} from '../../../shared/schemas/trainings';
import { clientIp, requireAuth } from '../../platform/auth';
import { registerWorkQueueProvider } from '../../cases/work-queue';
import {
  changeEnrolment,
  changeFair,
  changeTraining,
  coverage,
  createFair,
  createTraining,
  enrol,
  fairDetail,
  markFairAttendance,
  recordFairResults,
  registerForFair,
  searchFairs,
  searchTrainings,
  trainingDetail,
  trainingFigures,
} from './trainings.service';
import { exportFairLedger, exportTrainingLedger } from './trainings.export';
import { trainingsWorkQueue } from './trainings.work-queue';

const tags = ['招聘会与培训'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const read = { permission: 'employment:read' } as const;
const write = { permission: 'employment:write' } as const;
const enrolmentParams = z.object({ id: idSchema, recipientId: idSchema });

export const trainingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  registerWorkQueueProvider(trainingsWorkQueue);

  // ---- job fairs 招聘会 ----
  app.get('/api/job-fairs', { config: read, schema: { tags, summary: '招聘会列表（本级及下级举办、上级举办的招聘会）', querystring: jobFairListQuery, response: { 200: jobFairPage } } }, async (req) => searchFairs(ctx, requireAuth(req), req.query));
  app.post('/api/job-fairs', { config: write, schema: { tags, summary: '登记招聘会（参会用人单位与提供岗位数）', body: jobFairCreate, response: { 200: jobFairDetail } } }, async (req) => createFair(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/job-fairs/:id', { config: read, schema: { tags, summary: '招聘会详情（参会用人单位、本辖区报名与到场人员、结果）', params: idParams, response: { 200: jobFairDetail } } }, async (req) => fairDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/job-fairs/:id', { config: write, schema: { tags, summary: '修改招聘会、登记结果（意向达成人数、录用人数；举办后）', params: idParams, body: jobFairUpdate, response: { 200: jobFairDetail } } }, async (req) =>
    changeFair(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/job-fairs/:id/registrations', { config: write, schema: { tags, summary: '为本辖区退役军人报名招聘会（全部成功或全部不登记）', params: idParams, body: jobFairRegister, response: { 200: jobFairDetail } } }, async (req) =>
    registerForFair(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.put('/api/job-fairs/:id/attendance', { config: write, schema: { tags, summary: '登记到场人员（举办当日及以后；未列出的报名人员记为未到场）', params: idParams, body: jobFairAttendance, response: { 200: jobFairDetail } } }, async (req) =>
    markFairAttendance(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.put('/api/job-fairs/:id/results', { config: write, schema: { tags, summary: '登记报名人员的逐人结果（达成意向、已录用、未达成及用人单位、岗位；举办当日及以后；全部成功或全部不写入）', params: idParams, body: jobFairResults, response: { 200: jobFairDetail } } }, async (req) =>
    recordFairResults(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.get('/api/ledgers/job-fairs', { config: read, schema: { tags: [...tags, '台账'], summary: '导出招聘会台账（.xlsx，按当前筛选；记入审计日志）', querystring: jobFairLedgerQuery } }, async (req, reply) => {
    const file = await exportFairLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });

  // ---- trainings 培训 ----
  app.get('/api/trainings', { config: read, schema: { tags, summary: '培训列表（适应性培训、技能培训；按单位、类别、进行情况筛选）', querystring: trainingListQuery, response: { 200: trainingPage } } }, async (req) => searchTrainings(ctx, requireAuth(req), req.query));
  app.post('/api/trainings', { config: write, schema: { tags, summary: '登记培训（承办机构、课程、起止日期、名额、课次）', body: trainingCreate, response: { 200: trainingDetailSchema } } }, async (req) => createTraining(ctx, requireAuth(req), req.body, clientIp(req)));
  app.get('/api/trainings/coverage', { config: read, schema: { tags, summary: '今年退役人员适应性培训情况（默认列出未结业的人员）', querystring: coverageQuery, response: { 200: coveragePage } } }, async (req) => coverage(ctx, requireAuth(req), req.query));
  app.get('/api/trainings/figures', { config: read, schema: { tags, summary: '培训统计：下级单位期间结业人数，今年退役人员适应性培训覆盖率', querystring: trainingFiguresQuery, response: { 200: trainingFiguresSchema } } }, async (req) => trainingFigures(ctx, requireAuth(req), req.query));
  app.get('/api/trainings/:id', { config: read, schema: { tags, summary: '培训详情（本辖区报名人员、出勤与结业）', params: idParams, response: { 200: trainingDetailSchema } } }, async (req) => trainingDetail(ctx, requireAuth(req), req.params.id));
  app.put('/api/trainings/:id', { config: write, schema: { tags, summary: '修改培训（名额不能少于已报名人数）', params: idParams, body: trainingUpdate, response: { 200: trainingDetailSchema } } }, async (req) =>
    changeTraining(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.post('/api/trainings/:id/enrolments', { config: write, schema: { tags, summary: '为本辖区退役军人报名培训（超出名额则全部不登记）', params: idParams, body: trainingEnrol, response: { 200: trainingDetailSchema } } }, async (req) =>
    enrol(ctx, requireAuth(req), req.params.id, req.body, clientIp(req)),
  );
  app.put('/api/trainings/:id/enrolments/:recipientId', { config: write, schema: { tags, summary: '登记出勤课次、结业日期与证书', params: enrolmentParams, body: enrolmentUpdate, response: { 200: trainingDetailSchema } } }, async (req) =>
    changeEnrolment(ctx, requireAuth(req), req.params.id, req.params.recipientId, req.body, clientIp(req)),
  );
  app.get('/api/ledgers/trainings', { config: read, schema: { tags: [...tags, '台账'], summary: '导出退役军人培训台账（.xlsx，每名报名人员一行；身份证号码脱敏；记入审计日志）', querystring: trainingLedgerQuery } }, async (req, reply) => {
    const file = await exportTrainingLedger(ctx, requireAuth(req), req.query, clientIp(req));
    await app.sealer.kick();
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.name)).header('cache-control', 'no-store').send(file.stream);
  });
};
