import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import {
  orgUnitCreate,
  orgUnitDto,
  orgUnitListQuery,
  orgUnitMerge,
  orgUnitMove,
  orgUnitPage,
  orgUnitUpdate,
} from '../../../shared/schemas/org-units';
import { actorOf, scopeOf } from '../../platform/auth';
import { createOrgUnit, listOrgUnits, mergeOrgUnit, moveOrgUnit, requireUnit, toOrgUnitDto, updateOrgUnit } from './org-units.service';

const tags = ['组织机构'];



export const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org-units',
    {
      config: { permission: 'org:read' },
      schema: { tags, summary: '单位列表（下级、检索；不带条件时返回本单位）', querystring: orgUnitListQuery, response: { 200: orgUnitPage } },
    },
    async (req) => listOrgUnits(app.ctx, scopeOf(req), req.query),
  );
  app.get(
    '/api/org-units/:id',
    { config: { permission: 'org:read' }, schema: { tags, summary: '单位详情', params: idParams, response: { 200: orgUnitDto } } },
    async (req) => toOrgUnitDto(await requireUnit(app.ctx, scopeOf(req), req.params.id)),
  );
  app.post(
    '/api/org-units',
    { config: { permission: 'org:write' }, schema: { tags, summary: '新增下级单位或网格', body: orgUnitCreate, response: { 200: orgUnitDto } } },
    async (req) => createOrgUnit(app.ctx, scopeOf(req), actorOf(req), req.body),
  );
  app.patch(
    '/api/org-units/:id',
    { config: { permission: 'org:write' }, schema: { tags, summary: '修改单位信息', params: idParams, body: orgUnitUpdate, response: { 200: orgUnitDto } } },
    async (req) => updateOrgUnit(app.ctx, scopeOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/org-units/:id/move',
    { config: { permission: 'org:write' }, schema: { tags, summary: '移动单位（下级及记录随之移动）', params: idParams, body: orgUnitMove, response: { 200: orgUnitDto } } },
    async (req) => moveOrgUnit(app.ctx, scopeOf(req), actorOf(req), req.params.id, req.body.newParentId),
  );
  app.post(
    '/api/org-units/:id/merge',
    { config: { permission: 'org:write' }, schema: { tags, summary: '合并单位（下级及记录并入目标单位）', params: idParams, body: orgUnitMerge, response: { 200: orgUnitDto } } },
    async (req) => mergeOrgUnit(app.ctx, scopeOf(req), actorOf(req), req.params.id, req.body.targetId),
  );
};
