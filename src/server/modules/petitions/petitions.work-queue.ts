// 我的待办 for petitions beyond the kernel's list (which shows the cases waiting on the user's own
// unit): the open petitions a leader 包案领导 took charge of, wherever they wait, with their due
// day (marked due soon within 3 days and overdue: the yellow and red warnings).
import { hasPermission } from '../../../shared/permissions';
import { petitionStatusLabels, type PetitionStatus } from '../../../shared/schemas/petitions';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { daysBetween } from '../../../shared/rules/calendar';
import { shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import type { WorkQueueProvider } from '../../cases/work-queue';
import { countLedPetitions, ledPetitions } from './petitions.repo';

const MAX_ITEMS = 200;

export const petitionLeaderWorkQueue: WorkQueueProvider = {
  name: 'petitions-led',
  async count(ctx, auth) {
    if (!hasPermission(auth.roles, 'petitions:read')) return { count: 0, overdue: 0 };
    return countLedPetitions(auth.scope, ctx.db, auth.userId, auth.unit.path, shanghaiDay(ctx.clock.now()));
  },
  async list(ctx, auth) {
    if (!hasPermission(auth.roles, 'petitions:read')) return [];
    const today = shanghaiDay(ctx.clock.now());
    // the kernel's provider already lists what waits on the user's own unit
    const rows = await ledPetitions(auth.scope, ctx.db, auth.userId, auth.unit.path, MAX_ITEMS);
    return rows
      .map(
        (r): WorkItemDto => ({
          provider: 'petitions-led',
          id: r.id,
          title: `包案信访事项 ${r.registration_no}${r.restricted === 1 ? '' : `：${r.petitioner_name}`}`,
          typeLabel: '信访事项（包案）',
          statusLabel: petitionStatusLabels[r.status as PetitionStatus] ?? r.status,
          unitName: r.org_unit_name,
          waitingSince: r.updated_at,
          daysWaiting: Math.max(0, daysBetween(r.received_on, today)),
          dueDay: r.due_day,
          ...dayDueMarks(r.due_day, today),
          link: `/petitions/${r.id}`,
        }),
      );
  },
};
