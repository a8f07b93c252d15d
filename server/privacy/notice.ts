import { addMonths, dayOf } from './dates.ts';

/**
 * GDPR Art. 14 notice: a person whose data was not obtained from them must be
 * told (who holds it, why, on what basis, their rights) within a reasonable
 * period and at the latest one month after it was obtained (Art. 14(3)(a)),
 * or at the first communication with them if that comes sooner (Art. 14(3)(b)).
 */

export const NOTICE_MONTHS = 1;

/** Pipeline stages that mean the team has communicated with the person (first contact, and every later one). */
export const CONTACT_STAGES = ['contacted', 'replied', 'screening', 'assessment', 'offer', 'placed'] as const;

/** How a person was informed. */
export const INFORMED_HOW = ['email', 'message', 'letter', 'phone', 'in-person', 'other'] as const;
export type InformedHow = (typeof INFORMED_HOW)[number];

export type NoticeStatus = 'informed' | 'due' | 'overdue';
/** Which limit sets the deadline: a month after obtaining the data, or the first contact before that. */
export type NoticeRule = 'one-month' | 'first-contact';

export interface NoticeFacts {
  /** ISO date the data was obtained. */
  obtainedAt: string | null;
  /** ISO timestamp of the first communication with the person. */
  firstContactAt: string | null;
  /** ISO timestamp the person was informed. */
  informedAt: string | null;
}

export interface Notice {
  status: NoticeStatus;
  /** The last day the notice may be given; null when no date it depends on is on record. */
  dueBy: string | null;
  rule: NoticeRule | null;
}

/** The Art. 14 deadline: one calendar month after `obtainedAt` (clamped to the month's end), or the first contact if sooner. */
export function noticeDeadline(obtainedAt: string | null, firstContactAt: string | null): { dueBy: string; rule: NoticeRule } | null {
  const oneMonth = obtainedAt === null ? null : addMonths(dayOf(obtainedAt), NOTICE_MONTHS);
  const contact = firstContactAt === null ? null : dayOf(firstContactAt);
  if (contact !== null && (oneMonth === null || contact < oneMonth)) return { dueBy: contact, rule: 'first-contact' };
  return oneMonth === null ? null : { dueBy: oneMonth, rule: 'one-month' };
}

/**
 * Where a person's notice stands on `today`: informed, due (by `dueBy`, which
 * may be today) or overdue (`dueBy` has passed). Without an obtained date or a
 * contact nothing shows the notice was given in time, so it counts as overdue.
 */
export function noticeStatus(facts: NoticeFacts, today: string): Notice {
  const deadline = noticeDeadline(facts.obtainedAt, facts.firstContactAt);
  if (facts.informedAt !== null) return { status: 'informed', dueBy: deadline?.dueBy ?? null, rule: deadline?.rule ?? null };
  if (deadline === null) return { status: 'overdue', dueBy: null, rule: null };
  return { status: deadline.dueBy < today ? 'overdue' : 'due', ...deadline };
}
