import { describe, expect, it } from 'vitest';
import { closedReason, isoWeekday, slotsOfDay, slotsOfWeekday } from './appointment-slots';

const table = { years: { 2026: { holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] } } };
const schedule = { slotMinutes: 30, capacity: 2, ranges: [{ weekday: 1, start: '09:00', end: '10:15' }, { weekday: 1, start: '14:00', end: '15:00' }, { weekday: 3, start: '09:00', end: '10:00' }] };

describe('appointment slots', () => {
  it('cuts the weekday ranges into slots, dropping a short tail', () => {
    expect(slotsOfWeekday(schedule, 1)).toEqual([
      { start: '09:00', end: '09:30' },
      { start: '09:30', end: '10:00' },
      { start: '14:00', end: '14:30' },
      { start: '14:30', end: '15:00' },
    ]);
    expect(slotsOfWeekday(schedule, 2)).toEqual([]);
  });
  it('has no slots on weekends and holidays; a make-up Saturday keeps Monday hours', () => {
    expect(isoWeekday('2026-10-05')).toBe(1);
    expect(slotsOfDay('2026-10-05', schedule, table, [])).toHaveLength(4); // Monday
    expect(slotsOfDay('2026-10-01', schedule, table, [])).toEqual([]); // 国庆 (a Thursday)
    expect(closedReason('2026-10-01', table, [])).toBe('法定节假日');
    expect(slotsOfDay('2026-10-11', schedule, table, [])).toEqual([]); // an ordinary Sunday
    expect(closedReason('2026-10-11', table, [])).toBe('休息日');
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(slotsOfDay('2026-10-10', schedule, table, [])).toHaveLength(4); // 调休 Saturday
  });
  it('a closure closes its days with its reason', () => {
    const closures = [{ from: '2026-10-05', to: '2026-10-07', reason: '集中培训' }];
    expect(slotsOfDay('2026-10-07', schedule, table, closures)).toEqual([]);
    expect(closedReason('2026-10-06', table, closures)).toBe('暂停预约：集中培训');
    expect(slotsOfDay('2026-10-14', schedule, table, closures)).toHaveLength(2);
  });
});
