// 我的: the appointments section of the public account's own page — the bookings the account
// itself made (account_id), upcoming ones first, with what to bring in mind.
import { appointmentStatusLabels, openAppointmentStatuses, type AppointmentStatus } from '../../../shared/schemas/appointments';
import type { OverviewItem, OverviewTone } from '../../../shared/schemas/public-overview';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { bookingsOfAccountUnscoped } from './appointments.repo';

const SHOWN = 5;

const tones: Record<AppointmentStatus, OverviewTone> = { booked: 'warning', confirmed: 'processing', completed: 'success', noShow: 'error', cancelled: 'default' };

export const appointmentsOverviewSection: OverviewSectionSource = {
  key: 'appointments',
  title: '我的预约',
  load: async (_ctx, db, owner) => {
    const rows = await bookingsOfAccountUnscoped(db, owner.accountId);
    const isOpen = (s: string) => (openAppointmentStatuses as readonly string[]).includes(s);
    // open ones first (soonest first), then the rest as listed (newest first)
    const open = rows.filter((r) => isOpen(r.status)).sort((a, b) => `${a.day} ${a.start_time}`.localeCompare(`${b.day} ${b.start_time}`));
    const ordered = [...open, ...rows.filter((r) => !isOpen(r.status))];
    const items: OverviewItem[] = ordered.slice(0, SHOWN).map((r) => {
      const status = r.status as AppointmentStatus;
      return {
        id: r.id,
        title: r.item_name,
        subtitle: `${r.org_unit_name} · ${r.day} ${r.start_time}-${r.end_time}`,
        statusLabel: appointmentStatusLabels[status] ?? r.status,
        tone: tones[status] ?? 'default',
        nextStep: status === 'booked' ? '等待服务站确认；请按时携带材料到场' : status === 'confirmed' ? '已确认，请按时携带材料到场' : null,
        dueDay: isOpen(r.status) ? r.day : null,
        link: '/public/appointments',
      };
    });
    return {
      key: 'appointments',
      title: '我的预约',
      items,
      total: rows.length,
      emptyText: '您还没有预约办理',
      moreLink: rows.length ? '/public/appointments' : null,
      moreLabel: rows.length ? `全部预约（${rows.length}）` : null,
    };
  },
};
