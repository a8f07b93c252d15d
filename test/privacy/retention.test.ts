import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/privacy/dates.ts';
import {
  DEFAULT_COUNTRY_KEY,
  type RetentionConfig,
  RetentionConfigError,
  loadRetentionConfig,
  parseRetentionConfig,
  policyFor,
  retentionCutoffs,
  retentionOf,
} from '../../server/privacy/retention.ts';

const config = loadRetentionConfig();

describe('privacy/retention', () => {
  it('the shipped table has France (CNIL, 24 months), the Netherlands (AP, 4 weeks or 12 months with consent) and a default, each with its citation', () => {
    expect(config.countries.FR).toMatchObject({ period: { months: 24 }, authority: 'CNIL', citation: expect.stringMatching(/two years after the last contact/) });
    expect(config.countries.NL).toMatchObject({ period: { weeks: 4 }, withConsent: { months: 12 }, authority: 'Autoriteit Persoonsgegevens' });
    expect(config.default).toMatchObject({ period: { months: 24 }, citation: expect.stringMatching(/Art\. 5\(1\)\(e\)/) });
  });

  it('policyFor picks the country row, the consent period for consent, and the default for other countries or no hub', () => {
    expect(policyFor(config, 'FR', 'legitimate-interest')).toMatchObject({ country: 'FR', variant: 'standard', period: { months: 24 } });
    expect(policyFor(config, 'NL', 'legitimate-interest')).toMatchObject({ country: 'NL', variant: 'standard', period: { weeks: 4 } });
    expect(policyFor(config, 'NL', 'consent')).toMatchObject({ country: 'NL', variant: 'consent', period: { months: 12 } });
    expect(policyFor(config, 'FR', 'consent')).toMatchObject({ country: 'FR', variant: 'standard', period: { months: 24 } });
    expect(policyFor(config, 'DE', 'consent')).toMatchObject({ country: null, variant: 'standard', period: { months: 24 }, authority: 'installation default' });
    expect(policyFor(config, null, null)).toMatchObject({ country: null, period: { months: 24 } });
  });

  it('retentionOf counts from the last contact, else from when the data was obtained, and expires on the first day past the period', () => {
    const fr = { country: 'FR', lawfulBasis: 'legitimate-interest', obtainedAt: '2020-01-01', lastContactAt: '2024-02-29T10:00:00Z' };
    expect(retentionOf(config, fr, '2026-02-27')).toMatchObject({ since: '2024-02-29', sinceWhat: 'last-contact', expiresOn: '2026-02-28', expired: false });
    expect(retentionOf(config, fr, '2026-02-28')).toMatchObject({ expiresOn: '2026-02-28', expired: true });
    const nl = { country: 'NL', lawfulBasis: 'legitimate-interest', obtainedAt: '2025-12-10', lastContactAt: null };
    expect(retentionOf(config, nl, '2026-01-06')).toMatchObject({ sinceWhat: 'obtained', expiresOn: '2026-01-07', expired: false });
    expect(retentionOf(config, nl, '2026-01-07')).toMatchObject({ expired: true });
    const nlConsent = { ...nl, lawfulBasis: 'consent' };
    expect(retentionOf(config, nlConsent, '2026-12-09')).toMatchObject({ expiresOn: '2026-12-10', expired: false });
    expect(retentionOf(config, nlConsent, '2026-12-10')).toMatchObject({ expired: true });
    expect(retentionOf(config, { country: 'DE', lawfulBasis: null, obtainedAt: null, lastContactAt: null }, '2026-01-01')).toMatchObject({ since: null, expiresOn: null, expired: false });
  });

  it('retentionCutoffs select exactly the people retentionOf calls expired, for every row and day', () => {
    for (let i = 0; i < 400; i++) {
      const today = addDays('2025-11-01', i * 3);
      const cutoffs = retentionCutoffs(config, today);
      for (const [country, basis] of [['FR', 'legitimate-interest'], ['NL', 'legitimate-interest'], ['NL', 'consent'], ['DE', 'consent']] as const) {
        const row = cutoffs[country] ?? cutoffs[DEFAULT_COUNTRY_KEY]!;
        const cutoff = basis === 'consent' && row.consent ? row.consent : row.standard;
        for (const since of [cutoff, addDays(cutoff, 1)]) {
          const expected = since <= cutoff;
          expect(retentionOf(config, { country, lawfulBasis: basis, obtainedAt: since, lastContactAt: null }, today).expired, `${country} ${basis} ${since} on ${today}`).toBe(expected);
        }
      }
    }
  });

  it('parseRetentionConfig names the file and field of a bad table', () => {
    const good: RetentionConfig = { default: { period: { months: 6 }, authority: 'x', citation: 'y' }, countries: {} };
    expect(parseRetentionConfig(good)).toEqual(good);
    expect(() => parseRetentionConfig({ ...good, countries: { fr: good.default } }, 'my.json')).toThrow(/my\.json: countries\.fr: must be a two-letter country code/);
    expect(() => parseRetentionConfig({ ...good, default: { ...good.default, period: {} } })).toThrow(/default\.period: must be longer than zero/);
    expect(() => parseRetentionConfig({ ...good, default: { ...good.default, period: { months: 1.5 } } })).toThrow(/default\.period\.months: must be a whole number/);
    expect(() => loadRetentionConfig('/nonexistent/retention.json')).toThrow(RetentionConfigError);
  });
});
