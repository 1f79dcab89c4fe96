import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { passwordReset, staffCreate, staffCreated, staffDto, staffListQuery, staffPage, staffUpdate } from '../../../shared/schemas/staff';
import { actorOf, requireAuth, scopeOf } from '../../platform/auth';
import { createStaff, getStaffDto, listAdminAccounts, listStaffDtos, resetAdminPassword, resetAdminTotp, resetStaffPassword, setStaffDisabled, updateStaffAccount } from './staff.service';

const tags = ['工作人员'];
/** business accounts: the system admin; administrator accounts and roles: the top unit's security admin (the service decides which) */
const staffOrAdmins = ['staff:write', 'admin:credentials'] as const;

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff',
    { config: { permission: 'staff:read' }, schema: { tags, summary: '工作人员列表', querystring: staffListQuery, response: { 200: staffPage } } },
    async (req) => listStaffDtos(app.ctx, scopeOf(req), { ...req.query, includeDescendants: req.query.includeDescendants === 'true' }),
  );
  app.get(
    '/api/staff/:id',
    { config: { permission: 'staff:read' }, schema: { tags, summary: '工作人员详情', params: idParams, response: { 200: staffDto } } },
    async (req) => getStaffDto(app.ctx, scopeOf(req), req.params.id),
  );
  app.post(
    '/api/staff',
    { config: { permission: staffOrAdmins }, schema: { tags, summary: '新建工作人员账号（返回一次性初始密码）', body: staffCreate, response: { 200: staffCreated } } },
    async (req) => createStaff(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.body),
  );
  app.patch(
    '/api/staff/:id',
    { config: { permission: staffOrAdmins }, schema: { tags, summary: '修改工作人员', params: idParams, body: staffUpdate, response: { 200: staffDto } } },
    async (req) => updateStaffAccount(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id, req.body),
  );
  app.post(
    '/api/staff/:id/reset-password',
    { config: { permission: 'staff:write' }, schema: { tags, summary: '重置密码（返回一次性初始密码）', params: idParams, response: { 200: passwordReset } } },
    async (req) => resetStaffPassword(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id),
  );
  app.post(
    '/api/staff/:id/disable',
    { config: { permission: staffOrAdmins }, schema: { tags, summary: '停用账号', params: idParams, response: { 200: staffDto } } },
    async (req) => setStaffDisabled(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id, true),
  );
  app.post(
    '/api/staff/:id/enable',
    { config: { permission: staffOrAdmins }, schema: { tags, summary: '启用账号', params: idParams, response: { 200: staffDto } } },
    async (req) => setStaffDisabled(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id, false),
  );

  // 三员分立: administrator accounts' credentials are the security admin's
  const adminTags = ['三员管理'];
  app.get(
    '/api/admin-accounts',
    { config: { permission: 'admin:credentials' }, schema: { tags: adminTags, summary: '管理员账号（系统、安全、审计管理员）', response: { 200: staffPage } } },
    async (req) => listAdminAccounts(app.ctx, scopeOf(req)),
  );
  app.post(
    '/api/admin-accounts/:id/reset-password',
    { config: { permission: 'admin:credentials' }, schema: { tags: adminTags, summary: '重置管理员密码（返回一次性初始密码）', params: idParams, response: { 200: passwordReset } } },
    async (req) => resetAdminPassword(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id),
  );
  app.post(
    '/api/admin-accounts/:id/reset-totp',
    { config: { permission: 'admin:credentials' }, schema: { tags: adminTags, summary: '重置管理员动态验证码（下次登录重新绑定）', params: idParams, response: { 200: staffDto } } },
    async (req) => resetAdminTotp(app.ctx, scopeOf(req), actorOf(req), requireAuth(req), req.params.id),
  );
};
