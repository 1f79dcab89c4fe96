import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS, dayDueMarks, dueMarks, dueSoonLastDay, dueWarning } from './due-marks';

describe('due marks', () => {
  it('marks a day deadline by the Shanghai day', () => {
    expect(dayDueMarks(null, '2026-05-10')).toEqual({ overdue: false, dueSoon: false });
    expect(dayDueMarks('2026-05-09', '2026-05-10')).toEqual({ overdue: true, dueSoon: false });
    expect(dayDueMarks('2026-05-10', '2026-05-10')).toEqual({ overdue: false, dueSoon: true });
    expect(dayDueMarks('2026-05-13', '2026-05-10')).toEqual({ overdue: false, dueSoon: true });
    expect(dayDueMarks('2026-05-14', '2026-05-10')).toEqual({ overdue: false, dueSoon: false });
    expect(DUE_SOON_DAYS).toBe(3);
    expect(dueSoonLastDay('2026-05-10')).toBe('2026-05-13');
    expect(dueSoonLastDay('2026-12-30')).toBe('2027-01-02');
  });

  it('takes the day of an instant in Shanghai, not in UTC', () => {
    // 2026-05-10T17:00Z is already 2026-05-11 01:00 in Shanghai: a deadline of the 10th is overdue
    expect(dueMarks({ dueDay: '2026-05-10' }, '2026-05-10T15:59:00Z').overdue).toBe(false);
    expect(dueMarks({ dueDay: '2026-05-10' }, '2026-05-10T16:00:00Z').overdue).toBe(true);
    expect(dueMarks({ dueDay: '2026-05-10' }, new Date('2026-05-10T16:00:00Z')).overdue).toBe(true);
  });

  it('marks an hour deadline by the clock, whatever the due day says', () => {
    const due = { dueDay: '2026-05-10', dueAt: '2026-05-10T04:00:00.000Z' };
    expect(dueMarks(due, '2026-05-10T02:30:00Z')).toEqual({ overdue: false, dueSoon: false });
    expect(dueMarks(due, '2026-05-10T03:00:00Z')).toEqual({ overdue: false, dueSoon: true });
    expect(dueMarks(due, '2026-05-10T04:00:00Z')).toEqual({ overdue: false, dueSoon: true });
    expect(dueMarks(due, '2026-05-10T04:00:01Z')).toEqual({ overdue: true, dueSoon: false });
  });

  it('gives the traffic light', () => {
    expect(dueWarning({ overdue: true, dueSoon: false })).toBe('red');
    expect(dueWarning({ overdue: false, dueSoon: true })).toBe('yellow');
    expect(dueWarning({ overdue: false, dueSoon: false })).toBe('none');
  });
});
