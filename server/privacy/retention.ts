import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config.ts';
import { type Period, addPeriod, dayOf, latestDateExpiredBy } from './dates.ts';

/**
 * How long a candidate's data may be kept, per country: a period counted from
 * the last contact with the person (else from when the data was obtained),
 * with a longer one where the country allows it with consent (the Dutch
 * regulator: four weeks, or a year with consent). The table is a JSON file
 * (`fixtures/retention.json`, or ATLAS_RETENTION_FILE), each row citing its source.
 */

export const DEFAULT_RETENTION_FILE = path.join(PROJECT_ROOT, 'fixtures', 'retention.json');

const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(1200, 'is implausibly long');

export const PeriodSchema = z
  .strictObject({ months: count.optional(), weeks: count.optional(), days: count.optional() })
  .refine((p) => (p.months ?? 0) + (p.weeks ?? 0) + (p.days ?? 0) > 0, 'must be longer than zero (give months, weeks or days)');

export const RetentionPolicySchema = z.strictObject({
  period: PeriodSchema,
  /** Applies instead of `period` to people whose lawful basis is consent. */
  withConsent: PeriodSchema.optional(),
  /** Who set the period (a regulator, or the installation). */
  authority: z.string().min(1),
  /** The rule and where it is written. */
  citation: z.string().min(1),
  url: z.url().optional(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export const RetentionConfigSchema = z.strictObject({
  /** For people based in a country without a row, or in no hub. */
  default: RetentionPolicySchema,
  /** By ISO 3166-1 alpha-2 code (the hubs' `countryCode`). */
  countries: z.record(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FR'), RetentionPolicySchema),
});
export type RetentionConfig = z.infer<typeof RetentionConfigSchema>;

export class RetentionConfigError extends Error {
  override name = 'RetentionConfigError';
}

export function parseRetentionConfig(value: unknown, source = 'the retention table'): RetentionConfig {
  const parsed = RetentionConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A bad record key carries its own reason one level down.
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    throw new RetentionConfigError(`${source}: ${issue.path.join('.') || '(root)'}: ${message}`);
  }
  return parsed.data;
}

export function loadRetentionConfig(file: string = DEFAULT_RETENTION_FILE): RetentionConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RetentionConfigError(`Cannot read the retention table ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RetentionConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseRetentionConfig(json, file);
}

export interface AppliedPolicy {
  /** The country whose row applies; null for the default. */
  country: string | null;
  variant: 'standard' | 'consent';
  period: Period;
  authority: string;
  citation: string;
}

/** The row for a person based in `country` (null: in no hub) with lawful basis `lawfulBasis`. */
export function policyFor(config: RetentionConfig, country: string | null, lawfulBasis: string | null): AppliedPolicy {
  const row = country === null ? undefined : config.countries[country];
  const policy = row ?? config.default;
  const consent = lawfulBasis === 'consent' && policy.withConsent !== undefined;
  return {
    country: row ? country : null,
    variant: consent ? 'consent' : 'standard',
    period: consent ? policy.withConsent! : policy.period,
    authority: policy.authority,
    citation: policy.citation,
  };
}

export interface RetentionFacts {
  country: string | null;
  lawfulBasis: string | null;
  obtainedAt: string | null;
  lastContactAt: string | null;
}

export interface Retention {
  policy: AppliedPolicy;
  /** What the period counts from: the last contact, else the date obtained. */
  since: string | null;
  sinceWhat: 'last-contact' | 'obtained' | null;
  /** The first day the data is past its period; null without a date to count from. */
  expiresOn: string | null;
  expired: boolean;
}

export function retentionOf(config: RetentionConfig, facts: RetentionFacts, today: string): Retention {
  const policy = policyFor(config, facts.country, facts.lawfulBasis);
  const since = facts.lastContactAt ?? facts.obtainedAt;
  if (since === null) return { policy, since: null, sinceWhat: null, expiresOn: null, expired: false };
  const expiresOn = addPeriod(dayOf(since), policy.period);
  return { policy, since: dayOf(since), sinceWhat: facts.lastContactAt ? 'last-contact' : 'obtained', expiresOn, expired: expiresOn <= today };
}

/** Key of the default row in `retentionCutoffs`. */
export const DEFAULT_COUNTRY_KEY = '*';

export interface Cutoff {
  standard: string;
  /** For people whose basis is consent, where the row has a consent period. */
  consent: string | null;
}

/**
 * For each row, the latest date counted from that is past the period on
 * `today`: a person is past retention exactly when their date is on or before
 * their row's cutoff. Lets the database select them by comparing dates, with
 * the calendar rule kept here.
 */
export function retentionCutoffs(config: RetentionConfig, today: string): Record<string, Cutoff> {
  const cutoff = (policy: RetentionPolicy): Cutoff => ({
    standard: latestDateExpiredBy(today, policy.period),
    consent: policy.withConsent ? latestDateExpiredBy(today, policy.withConsent) : null,
  });
  return {
    [DEFAULT_COUNTRY_KEY]: cutoff(config.default),
    ...Object.fromEntries(Object.entries(config.countries).map(([code, policy]) => [code, cutoff(policy)])),
  };
}
