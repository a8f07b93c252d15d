import { describe, expect, it } from 'vitest';
import { noticeDeadline, noticeStatus } from '../../server/privacy/notice.ts';

describe('privacy/notice (GDPR Art. 14)', () => {
  it('noticeDeadline is one calendar month after the data was obtained, clamped at month ends and in leap years', () => {
    expect(noticeDeadline('2024-01-31', null)).toEqual({ dueBy: '2024-02-29', rule: 'one-month' });
    expect(noticeDeadline('2025-01-31', null)).toEqual({ dueBy: '2025-02-28', rule: 'one-month' });
    expect(noticeDeadline('2024-02-29', null)).toEqual({ dueBy: '2024-03-29', rule: 'one-month' });
    expect(noticeDeadline('2025-03-31', null)).toEqual({ dueBy: '2025-04-30', rule: 'one-month' });
    expect(noticeDeadline('2025-12-15', null)).toEqual({ dueBy: '2026-01-15', rule: 'one-month' });
  });

  it('noticeDeadline is the first contact when that comes before the month is out', () => {
    expect(noticeDeadline('2026-01-10', '2026-01-20T09:30:00Z')).toEqual({ dueBy: '2026-01-20', rule: 'first-contact' });
    expect(noticeDeadline('2026-01-10', '2026-02-10T09:30:00Z')).toEqual({ dueBy: '2026-02-10', rule: 'one-month' });
    expect(noticeDeadline('2026-01-10', '2026-03-01T09:30:00Z')).toEqual({ dueBy: '2026-02-10', rule: 'one-month' });
    expect(noticeDeadline(null, '2026-03-01T09:30:00Z')).toEqual({ dueBy: '2026-03-01', rule: 'first-contact' });
    expect(noticeDeadline(null, null)).toBeNull();
  });

  it('noticeStatus is due up to and on the deadline, overdue the day after, informed once informed', () => {
    const facts = { obtainedAt: '2024-01-31', firstContactAt: null, informedAt: null };
    expect(noticeStatus(facts, '2024-02-28')).toEqual({ status: 'due', dueBy: '2024-02-29', rule: 'one-month' });
    expect(noticeStatus(facts, '2024-02-29')).toEqual({ status: 'due', dueBy: '2024-02-29', rule: 'one-month' });
    expect(noticeStatus(facts, '2024-03-01')).toEqual({ status: 'overdue', dueBy: '2024-02-29', rule: 'one-month' });
    expect(noticeStatus({ ...facts, informedAt: '2024-02-10T08:00:00Z' }, '2024-06-01').status).toBe('informed');
  });

  it('noticeStatus counts a person with no date on record as overdue: nothing shows they were told in time', () => {
    expect(noticeStatus({ obtainedAt: null, firstContactAt: null, informedAt: null }, '2026-01-01')).toEqual({ status: 'overdue', dueBy: null, rule: null });
  });
});
