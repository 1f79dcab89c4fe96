import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common';
import { publicDirectory, publicDirectoryQuery, publicUnitDetail, type OrgLevel } from '../../../shared/schemas/org-units';
import { notFound } from '../../platform/errors';
import {
  publicChildrenUnscoped,
  publicStaffUnscoped,
  publicUnitUnscoped,
  publicUnitsByIdsUnscoped,
  rootUnitsUnscoped,
  searchUnitsUnscoped,
  type PublicUnitRow,
} from './public-directory.repo';

const tags = ['公开信息'];

function toPublic(r: PublicUnitRow) {
  return {
    id: r.id,
    level: r.level as OrgLevel,
    code: r.code,
    name: r.name,
    address: r.address,
    phone: r.phone,
    officeHours: r.office_hours,
    headName: r.head_name,
    childCount: Number(r.child_count ?? 0),
  };
}

export const publicDirectoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/directory',
    { config: { public: true }, schema: { tags, summary: '服务中心（站）公开名录', querystring: publicDirectoryQuery, response: { 200: publicDirectory } } },
    async (req) => {
      const roots = await rootUnitsUnscoped(app.ctx.db);
      const matches = req.query.q ? await searchUnitsUnscoped(app.ctx.db, req.query.q) : [];
      return { roots: roots.map(toPublic), matches: matches.map(toPublic) };
    },
  );
  app.get(
    '/api/public/org-units/:id',
    { config: { public: true }, schema: { tags, summary: '单位公开信息：负责人、工作人员、电话', params: idParams, response: { 200: publicUnitDetail } } },
    async (req) => {
      const db = app.ctx.db;
      const unit = await publicUnitUnscoped(db, req.params.id);
      if (!unit) throw notFound('单位');
      const ancestorIds = unit.path.split('/').filter((x) => x && x !== unit.id);
      const ancestors = await publicUnitsByIdsUnscoped(db, ancestorIds);
      ancestors.sort((a, b) => a.path.length - b.path.length);
      const [children, staff] = await Promise.all([publicChildrenUnscoped(db, unit.id), publicStaffUnscoped(db, unit.id)]);
      const parent = ancestors.length ? ancestors[ancestors.length - 1] : null;
      return {
        ...toPublic(unit),
        parent: parent ? toPublic(parent) : null,
        ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
        staff: staff.map((s) => ({ displayName: s.display_name, title: s.title, workPhone: s.work_phone })),
        children: children.map(toPublic),
      };
    },
  );
};
