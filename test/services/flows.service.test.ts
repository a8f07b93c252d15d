import { describe, expect, it } from 'vitest';
import { windowStart } from '../../server/services/flows.service.ts';

describe('windowStart', () => {
  it('windowStart goes back whole calendar months', () => {
    expect(windowStart(new Date('2026-01-15T12:00:00Z'), 12)).toBe('2025-01-15');
    expect(windowStart(new Date('2026-01-15T00:00:00Z'), 60)).toBe('2021-01-15');
  });

  it('windowStart lands on the last day of a shorter month', () => {
    expect(windowStart(new Date('2026-03-31T08:00:00Z'), 1)).toBe('2026-02-28');
    expect(windowStart(new Date('2024-03-31T08:00:00Z'), 1)).toBe('2024-02-29');
  });
});
