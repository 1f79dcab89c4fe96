// The appointment as a case of the kernel (§44 预约办理): one case per booking, owned by the unit
// booked (its staff are the waiting unit: the booking shows in their work queue, due on its day).
//
//   booked 已预约 ─confirm→ confirmed 已确认 ─complete (optionally an application)→ completed 已办理
//      │                        └────────── noShow (on or after the day) ─────→ noShow 未到场
//      └──────── complete / noShow / cancel (the person, or staff with a reason) ──→ cancelled 已取消
//
// The row in `appointments` is the list-friendly mirror: the kernel writes its status, version and
// time; the module only inserts it. The person's own cancel runs as the public account (see
// appointments.service.ts publicActor): `mayAct` lets staff or the booking account through.
import { z } from '../../../shared/zod-setup';
import { applicationForLink } from '../applications';
import { badRequest } from '../../platform/errors';
import { APPOINTMENT_CASE_TYPE, appointmentStatusLabels, type AppointmentStatus } from '../../../shared/schemas/appointments';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type CaseMirror, type CaseStateDef } from '../../cases/case-type';
import { AppError } from '../../platform/errors';
import type { ActionEnv } from '../../cases/case-type';
import { shiftAppointmentRollup } from './appointments.repo';

export const appointmentPayload = z.object({
  accountId: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  applicationId: z.string().nullable(),
});
export type AppointmentPayload = z.infer<typeof appointmentPayload>;

const states: Record<AppointmentStatus, CaseStateDef> = {
  booked: { label: appointmentStatusLabels.booked, open: true, waitsOn: 'owner' },
  confirmed: { label: appointmentStatusLabels.confirmed, open: true, waitsOn: 'owner' },
  completed: { label: appointmentStatusLabels.completed, open: false, waitsOn: 'none' },
  noShow: { label: appointmentStatusLabels.noShow, open: false, waitsOn: 'none' },
  cancelled: { label: appointmentStatusLabels.cancelled, open: false, waitsOn: 'none' },
};

export const appointmentTransitions = {
  confirm: ['booked'],
  complete: ['booked', 'confirmed'],
  noShow: ['booked', 'confirmed'],
  cancel: ['booked', 'confirmed'],
} as const satisfies Record<string, readonly AppointmentStatus[]>;

/** Every action moves the booking's month count from its status to the action's (roll-up 'appt-status'). */
const moveCount = (env: ActionEnv<AppointmentPayload>, to: AppointmentStatus) => shiftAppointmentRollup(env.trx, env.caseRow.org_path, env.payload.day, env.caseRow.status, to);

export const completeData = z.object({ applicationId: z.string().nullable().default(null) });

/** The user id the kernel sees for a public account acting on its own booking. */
export const publicActorId = (accountId: string) => `public:${accountId}`;

const appointmentMirror: CaseMirror<AppointmentPayload> = {
  table: 'appointments',
  columns: ({ status, payload, version, updatedAt }) => ({ status, application_id: payload.applicationId, version, updated_at: updatedAt }),
};

export const appointmentCaseType = defineCaseType<AppointmentPayload>({
  type: APPOINTMENT_CASE_TYPE,
  label: '预约办理',
  domain: 'services',
  payload: appointmentPayload,
  states,
  actions: {
    confirm: {
      label: '确认预约',
      from: appointmentTransitions.confirm,
      to: 'confirmed',
      permission: 'services:write',
      actor: 'owner',
      mayAct: (_c, auth) => !auth.userId.startsWith('public:'),
      async effect(env) {
        await moveCount(env, 'confirmed');
      },
    },
    complete: {
      label: '办理完成',
      from: appointmentTransitions.complete,
      to: 'completed',
      permission: 'services:write',
      actor: 'owner',
      input: completeData,
      mayAct: (_c, auth) => !auth.userId.startsWith('public:'),
      async effect(env) {
        const d = completeData.parse(env.input);
        // the application handled at this booking: one the actor can read, for the booked item (else 404 / 400)
        if (d.applicationId) {
          const a = await applicationForLink(env.trx, env.auth, d.applicationId);
          if (a.itemId !== env.payload.itemId) throw badRequest('所关联的办件不是本次预约的事项', [{ path: 'applicationId', message: '办件事项与预约事项不一致' }]);
        }
        await moveCount(env, 'completed');
        return { ...env.payload, applicationId: d.applicationId ?? env.payload.applicationId };
      },
    },
    noShow: {
      label: '未到场',
      from: appointmentTransitions.noShow,
      to: 'noShow',
      permission: 'services:write',
      actor: 'owner',
      mayAct: (_c, auth) => !auth.userId.startsWith('public:'),
      async effect(env) {
        if (shanghaiDay(new Date(env.at)) < env.payload.day) throw new AppError(409, 'NOT_YET', `预约日期（${env.payload.day}）未到，不能登记未到场`);
        await moveCount(env, 'noShow');
      },
    },
    cancel: {
      label: '取消预约',
      from: appointmentTransitions.cancel,
      to: 'cancelled',
      permission: 'services:write',
      actor: 'owner',
      // staff of the unit, or the account that booked it (its own cancel)
      mayAct: (_c, auth, p) => !auth.userId.startsWith('public:') || auth.userId === publicActorId(p.accountId),
      async effect(env) {
        await moveCount(env, 'cancelled');
      },
    },
  },
  dueDay: ({ status, payload }) => (status === 'booked' || status === 'confirmed' ? payload.day : null),
  mirror: appointmentMirror,
  view: (p) => ({ itemId: p.itemId, itemName: p.itemName, day: p.day, start: p.start, end: p.end, applicationId: p.applicationId }),
  link: (c) => `/appointments?open=${c.id}`,
});
