import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod-setup';
import { missingYearWarning, yearsCovered } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import { SHIPPED_HOLIDAY_SOURCE } from '../../../shared/holidays/cn-holidays';
import { holidayTable, loadHolidayYear } from '../../cases/deadlines';
import { requireAuth } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { appendAudit } from '../../platform/audit.repo';

const tags = ['节假日'];
const dayList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')).max(60);

export const holidayRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/holiday-years',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '已载入节假日安排的年份；缺少本年或下一年时给出提示',
        response: { 200: z.object({ years: z.array(z.number().int()), source: z.string(), warnings: z.array(z.string()) }) },
      },
    },
    async () => {
      const years = yearsCovered(await holidayTable(ctx));
      const thisYear = Number(shanghaiDay(ctx.clock.now()).slice(0, 4));
      const warnings = [thisYear, thisYear + 1].filter((y) => !years.includes(y)).map(missingYearWarning);
      return { years, source: SHIPPED_HOLIDAY_SOURCE, warnings };
    },
  );
  app.put(
    '/api/holiday-years/:year',
    {
      config: { permission: 'calendar:write' },
      schema: {
        tags,
        summary: '载入一年的节假日与调休上班日（国务院办公厅通知），并重算未办结办件的期限',
        params: z.object({ year: z.coerce.number().int().min(2004).max(2100) }),
        body: z.object({ holidays: dayList, workdays: dayList }),
        response: { 200: z.object({ year: z.number().int(), recomputed: z.number().int() }) },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      // the schedule, the recomputed deadlines and the audit entry: all or nothing
      const r = await loadHolidayYear(ctx, req.params.year, req.body, auth.userId, (trx, recomputed) =>
        appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'holiday-year.load', targetType: 'holiday_year', targetId: String(req.params.year), result: 'success', ip: req.ip, detail: `recomputed ${recomputed}` }),
      );
      if (!r.ok) throw new AppError(400, 'BAD_SCHEDULE', r.errors.join('；'), r.errors.map((m) => ({ path: 'holidays', message: m })));
      return { year: req.params.year, recomputed: r.recomputed };
    },
  );
};
