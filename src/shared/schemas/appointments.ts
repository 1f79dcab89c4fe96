// Appointments 预约办理 (§44, issue 13): a unit's weekly schedule of bookable slots, its closures,
// the bookings veterans make online for a service item, and the staff's day list. A booking is a
// case of the kernel (`appointment`, domain services): booked → confirmed → completed | noShow,
// or cancelled.
import { z } from '../zod-setup';
import { idSchema, isoDay, pageOf, pageQuery } from './common';

export const APPOINTMENT_CASE_TYPE = 'appointment';

export const appointmentStatuses = ['booked', 'confirmed', 'completed', 'noShow', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  booked: '已预约',
  confirmed: '已确认',
  completed: '已办理',
  noShow: '未到场',
  cancelled: '已取消',
};
export const openAppointmentStatuses: readonly AppointmentStatus[] = ['booked', 'confirmed'];

export const weekdayLabels: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

const hhmm = (label: string) => z.string({ message: `请填写${label}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 HH:MM（如 09:00）`);

export const scheduleRange = z
  .object({
    /** 1 = Monday … 5 = Friday (weekends and holidays are closed by the legal calendar) */
    weekday: z.number({ message: '请选择星期' }).int().min(1, '请选择周一至周五').max(5, '请选择周一至周五（周末、节假日按法定日历休息）'),
    start: hhmm('开始时间'),
    end: hhmm('结束时间'),
  })
  .refine((r) => r.start < r.end, { message: '结束时间应晚于开始时间', path: ['end'] });
export type ScheduleRange = z.infer<typeof scheduleRange>;

export const scheduleBody = z
  .object({
    slotMinutes: z.number({ message: '请填写每个时段的分钟数' }).int('分钟数应为整数').min(10, '每个时段至少 10 分钟').max(240, '每个时段最多 240 分钟'),
    capacity: z.number({ message: '请填写每个时段可预约人数' }).int('人数应为整数').min(1, '每个时段至少可约 1 人').max(50, '每个时段最多可约 50 人'),
    ranges: z.array(scheduleRange).max(30, '时间段最多 30 个'),
    /** the version read (0 when the unit has no schedule yet) */
    version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(0),
  })
  .superRefine((v, ctx) => {
    for (let i = 0; i < v.ranges.length; i++)
      for (let j = 0; j < i; j++) {
        const a = v.ranges[i];
        const b = v.ranges[j];
        if (a.weekday === b.weekday && a.start < b.end && b.start < a.end)
          ctx.addIssue({ code: 'custom', path: ['ranges', i, 'start'], message: `${weekdayLabels[a.weekday]}的时间段 ${a.start}–${a.end} 与 ${b.start}–${b.end} 重叠` });
      }
  });
export type ScheduleBody = z.infer<typeof scheduleBody>;

export const scheduleDto = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** free-text office hours of the unit's public page, shown beside the schedule */
  officeHours: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  ranges: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() })),
  /** 0 = no schedule yet (nothing can be booked) */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  /** whether the caller may change it (a unit head, or a reviewer) */
  canEdit: z.boolean(),
});
export type ScheduleDto = z.infer<typeof scheduleDto>;

export const closureBody = z
  .object({
    from: isoDay('开始日期'),
    to: isoDay('结束日期'),
    reason: z.string({ message: '请填写停办原因' }).trim().min(1, '请填写停办原因').max(100, '停办原因最多 100 个字'),
  })
  .refine((c) => c.from <= c.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export type ClosureBody = z.infer<typeof closureBody>;

export const closureDto = z.object({ id: z.string(), orgUnitId: z.string(), from: z.string(), to: z.string(), reason: z.string(), createdAt: z.string() });
export type ClosureDto = z.infer<typeof closureDto>;
export const closureList = z.object({ items: z.array(closureDto) });

export const unitQuery = z.object({ orgUnitId: idSchema.optional() });

/** One bookable slot of a day. */
export const slotDto = z.object({ start: z.string(), end: z.string(), capacity: z.number().int(), booked: z.number().int(), left: z.number().int() });
export type SlotDto = z.infer<typeof slotDto>;

export const dayDto = z.object({
  day: z.string(),
  weekday: z.number().int(),
  /** why nothing can be booked: null when open */
  closed: z.string().nullable(),
  slots: z.array(slotDto),
});
export type DayDto = z.infer<typeof dayDto>;
export const slotsQuery = z.object({ from: isoDay('开始日期').optional(), days: z.coerce.number().int().min(1).max(31).default(14) });
export const slotsDto = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), days: z.array(dayDto) });
export type SlotsDto = z.infer<typeof slotsDto>;

/** Per-person booking limits (a deployment setting): they stop hoarding of slots. */
export const appointmentSettingsSchema = z.object({
  /** at most this many open bookings on future days per public account */
  maxOpenPerAccount: z.number({ message: '请填写每人最多未办预约数' }).int().min(1, '至少 1 个').max(20, '最多 20 个'),
  /** at most this many bookings of one item on one day per account */
  maxPerItemPerDay: z.number({ message: '请填写同一事项每日最多预约数' }).int().min(1, '至少 1 个').max(5, '最多 5 个'),
  /** how many days ahead slots are offered */
  bookAheadDays: z.number({ message: '请填写可提前预约天数' }).int().min(1, '至少 1 天').max(60, '最多 60 天'),
});
export type AppointmentSettings = z.infer<typeof appointmentSettingsSchema>;
export const defaultAppointmentSettings: AppointmentSettings = { maxOpenPerAccount: 3, maxPerItemPerDay: 1, bookAheadDays: 14 };

// ---- the public side ----

export const publicBookBody = z.object({
  orgUnitId: idSchema,
  itemId: idSchema,
  day: isoDay('预约日期'),
  start: hhmm('预约时段'),
  note: z.string().trim().max(200, '备注最多 200 个字').default(''),
});
export type PublicBookBody = z.infer<typeof publicBookBody>;

export const publicAppointmentDto = z.object({
  id: z.string(),
  unitName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(appointmentStatuses),
  statusLabel: z.string(),
  canCancel: z.boolean(),
  version: z.number().int(),
});
export type PublicAppointmentDto = z.infer<typeof publicAppointmentDto>;
export const publicAppointmentList = z.object({ items: z.array(publicAppointmentDto) });
export const publicCancelBody = z.object({ version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1) });

/** An item of a unit's catalog as the booking page shows it: name and the materials to bring. */
export const bookableItemDto = z.object({
  id: z.string(),
  name: z.string(),
  materials: z.array(z.object({ name: z.string(), form: z.string(), count: z.number().int(), note: z.string(), required: z.boolean() })),
});
export type BookableItemDto = z.infer<typeof bookableItemDto>;
export const bookableItemList = z.object({ items: z.array(bookableItemDto) });

// ---- the staff side ----

export const appointmentDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  personName: z.string(),
  phoneMasked: z.string(),
  recipientId: z.string().nullable(),
  itemId: z.string(),
  itemName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  note: z.string(),
  status: z.enum(appointmentStatuses),
  statusLabel: z.string(),
  applicationId: z.string().nullable(),
  createdAt: z.string(),
});
export type AppointmentDto = z.infer<typeof appointmentDto>;

export const dayListQuery = z.object({ day: isoDay('日期').optional(), orgUnitId: idSchema.optional() });
export const dayListDto = z.object({ day: z.string(), items: z.array(appointmentDto) });

export const appointmentSorts = ['day', '-day', 'unit', 'status'] as const;
export const appointmentListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  status: z.enum(appointmentStatuses).optional(),
  itemId: idSchema.optional(),
  sort: z.enum(appointmentSorts).default('-day'),
});
export type AppointmentListQuery = z.infer<typeof appointmentListQuery>;
export const appointmentPage = pageOf(appointmentDto);

export const appointmentActionBody = z.object({ version: z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1), comment: z.string().trim().max(200, '说明最多 200 个字').default('') });
export const appointmentCompleteBody = appointmentActionBody.extend({ applicationId: idSchema.nullable().default(null) });

export const appointmentStatsQuery = z.object({ orgUnitId: idSchema.optional(), from: isoDay('开始日期'), to: isoDay('结束日期') });
export const appointmentStatsDto = z.object({
  from: z.string(),
  to: z.string(),
  /** per child unit of the chosen unit (and the unit itself, 本级) */
  rows: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string(), bookings: z.number().int(), noShows: z.number().int(), completed: z.number().int(), cancelled: z.number().int() })),
  total: z.object({ bookings: z.number().int(), noShows: z.number().int(), completed: z.number().int(), cancelled: z.number().int() }),
});
export type AppointmentStatsDto = z.infer<typeof appointmentStatsDto>;
