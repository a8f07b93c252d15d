import { describe, expect, it } from 'vitest';
import { InvalidIdentityError, normaliseEmail, normaliseProfileUrl, parseEmail, profileKeys } from '../../server/domain/identity.ts';

describe('identity keys', () => {
  it('normaliseProfileUrl ignores case, scheme, www., trailing slashes, fragments and tracking parameters', () => {
    const key = 'linkedin.com/in/jane-doe';
    for (const url of [
      'https://www.linkedin.com/in/jane-doe',
      'HTTPS://WWW.LinkedIn.com/in/Jane-Doe/',
      'http://linkedin.com/in/jane-doe//',
      'linkedin.com/in/jane-doe',
      'https://www.linkedin.com/in/jane-doe/?utm_source=share&utm_medium=member&trk=public_profile#experience',
      'https://linkedin.com/in/jane-doe?originalSubdomain=de&fbclid=abc',
    ]) {
      expect(normaliseProfileUrl(url), url).toBe(key);
    }
  });

  it("normaliseProfileUrl reads a profile site's country and mobile hosts, its lite path, the page's language and its sections as the main page", () => {
    const key = 'linkedin.com/in/jane-doe';
    for (const url of [
      'https://de.linkedin.com/in/jane-doe/',
      'https://UK.linkedin.com/in/Jane-Doe',
      'https://nl.linkedin.com/in/jane-doe?originalSubdomain=nl',
      'https://m.linkedin.com/in/jane-doe',
      'https://www.linkedin.com/mwlite/in/jane-doe',
      'https://www.linkedin.com/in/jane-doe?locale=de_DE',
      'https://www.linkedin.com/in/jane-doe/de',
      'https://de.linkedin.com/in/jane-doe/details/experience/',
      'linkedin.com/in/Jane-Doe/recent-activity/all/',
      'https://www.linkedin.com/mwlite/in/jane-doe/fr',
    ]) {
      expect(normaliseProfileUrl(url), url).toBe(key);
    }
    // Other sites, other LinkedIn pages and an explicit port are as they were.
    expect(normaliseProfileUrl('https://de.xing.com/profile/Jane_Doe')).toBe('de.xing.com/profile/jane_doe');
    expect(normaliseProfileUrl('https://de.linkedin.com/company/acme')).toBe('linkedin.com/company/acme');
    expect(normaliseProfileUrl('https://events.linkedin.com/x')).toBe('events.linkedin.com/x');
    expect(normaliseProfileUrl('https://de.linkedin.com:8443/in/jane-doe')).toBe('de.linkedin.com:8443/in/jane-doe');
  });

  it('profileKeys gives what the earlier rules made of a link as former keys, only where it differs', () => {
    expect(profileKeys('https://de.linkedin.com/in/Jane-Doe/').former).toEqual(['de.linkedin.com/in/jane-doe']);
    expect(profileKeys('https://www.linkedin.com/in/jane-doe?locale=de_DE').former).toEqual(['linkedin.com/in/jane-doe?locale=de_de']);
    expect(profileKeys('https://www.linkedin.com/in/jane-doe').former).toEqual([]);
    expect(profileKeys('https://github.com/jane').former).toEqual([]);
    // Rules 1 kept the host and the language page, rules 2 the language page.
    expect(profileKeys('https://de.linkedin.com/in/Jane-Doe/de').former).toEqual(['de.linkedin.com/in/jane-doe/de', 'linkedin.com/in/jane-doe/de']);
    expect(profileKeys('https://www.linkedin.com/in/jane-doe/de').former).toEqual(['linkedin.com/in/jane-doe/de']);
  });

  it('normaliseProfileUrl keeps query parameters that name the profile, sorted', () => {
    expect(normaliseProfileUrl('https://scholar.google.com/citations?user=AbC123&hl=en&utm_campaign=x')).toBe('scholar.google.com/citations?user=abc123');
    expect(normaliseProfileUrl('https://example.org/people?b=2&a=1')).toBe('example.org/people?a=1&b=2');
  });

  it("normaliseProfileUrl drops LinkedIn's miniProfileUrn, Scholar's language and paging, XING's click source, and reads Scholar's country hosts as one", () => {
    for (const [key, urls] of [
      ['linkedin.com/in/jane-doe', ['https://www.linkedin.com/in/jane-doe?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAB1', 'https://de.linkedin.com/in/jane-doe/?miniProfileUrn=x&lipi=y']],
      ['scholar.google.com/citations?user=abc123', ['https://scholar.google.de/citations?user=AbC123&hl=de', 'https://scholar.google.co.uk/citations?hl=en&user=AbC123&oi=ao', 'https://scholar.google.com.au/citations?user=AbC123&cstart=20&pagesize=80&sortby=pubdate']],
      ['xing.com/profile/jane_doe', ['https://www.xing.com/profile/Jane_Doe?sc_o=da980_e', 'https://www.xing.com/profile/Jane_Doe?sc_o=x&sc_p=y']],
    ] as const) {
      for (const url of urls) expect(normaliseProfileUrl(url), url).toBe(key);
    }
    // What picks another page, or another profile, stays.
    expect(normaliseProfileUrl('https://scholar.google.de/citations?view_op=view_citation&user=AbC123&citation_for_view=AbC123:u5HHmVD_uO8C')).toBe(
      'scholar.google.com/citations?citation_for_view=abc123:u5hhmvd_uo8c&user=abc123&view_op=view_citation',
    );
    expect(normaliseProfileUrl('https://scholar.google.example/citations?user=AbC123&hl=de')).toBe('scholar.google.example/citations?hl=de&user=abc123');
    // Rules 4 kept them: that key is a former key, so a person erased under it is still recognised.
    expect(profileKeys('https://scholar.google.de/citations?user=AbC123&hl=de')).toEqual({
      key: 'scholar.google.com/citations?user=abc123',
      former: ['scholar.google.de/citations?hl=de&user=abc123'],
    });
    expect(profileKeys('https://www.linkedin.com/in/jane-doe?miniProfileUrn=x').former).toEqual(['linkedin.com/in/jane-doe?miniprofileurn=x']);
  });

  it("normaliseProfileUrl reads a profile site's tab, range and sort parameters as its main page", () => {
    for (const [key, urls] of [
      ['github.com/jane-doe', ['https://github.com/jane-doe', 'https://github.com/Jane-Doe?tab=repositories', 'github.com/jane-doe/?tab=stars', 'https://www.github.com/jane-doe?tab=overview&from=2021-01-01&to=2021-01-31']],
      ['stackoverflow.com/users/123/jane', ['https://stackoverflow.com/users/123/jane?tab=profile', 'https://stackoverflow.com/users/123/jane?tab=answers&sort=votes']],
      ['math.stackexchange.com/users/9/jane', ['https://math.stackexchange.com/users/9/jane?tab=questions']],
      ['x.com/janedoe', ['https://x.com/janedoe?s=20&t=AbCd', 'https://x.com/JaneDoe?lang=de']],
    ] as const) {
      for (const url of urls) expect(normaliseProfileUrl(url), url).toBe(key);
    }
    // Parameters not listed for the site, a site not listed, and an explicit port keep them.
    expect(normaliseProfileUrl('https://github.com/jane-doe?tab=stars&user=x')).toBe('github.com/jane-doe?user=x');
    expect(normaliseProfileUrl('https://gitlab.com/jane?tab=repositories')).toBe('gitlab.com/jane?tab=repositories');
    expect(normaliseProfileUrl('https://example.org/people?tab=7')).toBe('example.org/people?tab=7');
    expect(normaliseProfileUrl('https://github.com:8443/jane?tab=stars')).toBe('github.com:8443/jane?tab=stars');
    // Earlier rules kept them: the key stored then is a former key.
    expect(profileKeys('https://github.com/jane?tab=repositories')).toEqual({ key: 'github.com/jane', former: ['github.com/jane?tab=repositories'] });
  });

  it('normaliseProfileUrl decodes escaped paths so both spellings of a name meet', () => {
    expect(normaliseProfileUrl('https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/')).toBe(normaliseProfileUrl('linkedin.com/in/Jörg-Müller'));
  });

  it('normaliseProfileUrl refuses javascript:, data: and other non-http links with the reason', () => {
    expect(() => normaliseProfileUrl('javascript:alert(1)')).toThrow(/"javascript:" links are not accepted/);
    expect(() => normaliseProfileUrl('JavaScript:x.com/')).toThrow(InvalidIdentityError);
    expect(() => normaliseProfileUrl('data:text/html,<b>x</b>')).toThrow(/"data:"/);
    expect(() => normaliseProfileUrl('ftp://example.org/x')).toThrow(/"ftp:"/);
    expect(() => normaliseProfileUrl('not a link')).toThrow(InvalidIdentityError);
    expect(() => normaliseProfileUrl('https://user:pw@example.org/x')).toThrow(/user name or password/);
  });

  it('normaliseEmail ignores case, surrounding space and a mailto: prefix', () => {
    for (const email of ['Jane.Doe@Example.COM', ' jane.doe@example.com ', 'mailto:JANE.DOE@example.com', 'MAILTO:jane.doe@example.com?subject=Hi', '<jane.doe@example.com>']) {
      expect(normaliseEmail(email), email).toBe('jane.doe@example.com');
    }
  });

  it('parseEmail gives the address as written, without brackets, mailto:, a query or a trailing dot, and its key', () => {
    for (const [raw, address] of [
      ['<Ned@Winterfell.test>', 'Ned@Winterfell.test'],
      ['ned@winterfell.test.', 'ned@winterfell.test'],
      ['<ned@winterfell.test.>', 'ned@winterfell.test'],
      ['MAILTO:Ned@Winterfell.test?subject=Hi', 'Ned@Winterfell.test'],
      ['<mailto:ned@winterfell.test>', 'ned@winterfell.test'],
      ['  mailto:<ned@winterfell.test.>  ', 'ned@winterfell.test'],
    ] as const) {
      expect(parseEmail(raw), raw).toEqual({ address, key: address.toLowerCase() });
      expect(normaliseEmail(raw), raw).toBe(address.toLowerCase());
    }
    expect(() => parseEmail('<>')).toThrow(/is empty/);
    expect(() => parseEmail('<ned@>')).toThrow(/no valid domain/);
  });

  it('normaliseEmail rejects an address without "@" or without a domain, saying why', () => {
    expect(() => normaliseEmail('jane.example.com')).toThrow(/has no "@"/);
    expect(() => normaliseEmail('jane@localhost')).toThrow(/no valid domain/);
    expect(() => normaliseEmail('jane doe@example.com')).toThrow(/contains a space/);
    expect(() => normaliseEmail('a@b@example.com')).toThrow(/not one address/);
  });
});
