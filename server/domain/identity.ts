/**
 * A candidate's identity keys: the normalised profile URL (`profileKey`) and
 * email (`emailKey`), each unique in the graph. Two records with the same key
 * are the same person, so the normalisation decides what counts as "the same".
 * Pure functions, shared by the importer and the demo-world generator.
 */

export class InvalidIdentityError extends Error {
  override name = 'InvalidIdentityError';
}

/** `Mailto:Jane.Doe@Example.COM?subject=hi` → `jane.doe@example.com`. */
export function normaliseEmail(raw: string): string {
  return parseEmail(raw).key;
}

/**
 * An email address as written to show (`address`: `<Jane.Doe@Example.com.>`
 * → `Jane.Doe@Example.com`) and as a key (`key`: lower case). Angle brackets,
 * a `mailto:` prefix with its `?subject=…` and the trailing dot of a fully
 * qualified domain are no part of the address.
 */
export function parseEmail(raw: string): { address: string; key: string } {
  let value = raw.trim().replace(/^<(.*)>$/, '$1').trim();
  if (/^mailto:/i.test(value)) value = value.slice('mailto:'.length).split('?')[0]!.trim();
  value = value.replace(/^<(.*)>$/, '$1').trim();
  if (value === '') throw new InvalidIdentityError('is empty');
  if (/\s/.test(value)) throw new InvalidIdentityError(`"${clip(raw)}" contains a space`);
  const at = value.lastIndexOf('@');
  if (at < 0) throw new InvalidIdentityError(`"${clip(raw)}" has no "@"`);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).replace(/\.$/, '');
  if (local === '' || local.includes('@')) throw new InvalidIdentityError(`"${clip(raw)}" is not one address (check the part before "@")`);
  if (!/^[^.\s@]+(\.[^.\s@]+)+$/.test(domain)) throw new InvalidIdentityError(`"${clip(raw)}" has no valid domain after "@"`);
  if (value.length > 254) throw new InvalidIdentityError('is longer than 254 characters');
  const address = `${local}@${domain}`;
  return { address, key: address.toLowerCase() };
}

/**
 * Query parameters that only say how a link was followed (campaign, click and
 * referrer trackers), never which profile it is.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'si',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source',
  'src',
  'trk',
  'trkinfo',
  'trackingid',
  'lipi',
  'licu',
  'li_fat_id',
  'midtoken',
  'midsig',
  'originalsubdomain',
  'original_referer',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'share',
  'sharesource',
  'feature',
  'rcm',
]);

/** Query parameters that only say how a page is shown (its language), since rules 2. */
const PRESENTATION_PARAMS = new Set(['locale']);

/**
 * Query parameters that, on a site naming its profiles by their path, pick a
 * tab, a date range or a sort order of the page (`github.com/jane?tab=repositories`
 * is `github.com/jane`), and the rules version since which they are dropped.
 * Only listed ones are: a parameter left in keeps one person as two, for
 * `atlas merge` to join, while one wrongly dropped would join two people.
 */
const PAGE_PARAMS: { host: RegExp; params: ReadonlySet<string>; since: number }[] = [
  { host: /^github\.com$/, params: new Set(['tab', 'from', 'to']), since: 4 },
  {
    host: /^(?:stackoverflow\.com|[a-z0-9-]+\.stackexchange\.com|superuser\.com|serverfault\.com|askubuntu\.com|mathoverflow\.net)$/,
    params: new Set(['tab', 'sort']),
    since: 4,
  },
  { host: /^(?:x|twitter)\.com$/, params: new Set(['s', 't', 'lang']), since: 4 },
  // A link copied from a LinkedIn search or list carries the member's internal id, the same profile.
  { host: /^linkedin\.com$/, params: new Set(['miniprofileurn']), since: 5 },
  // Scholar names a profile by `user`; the rest pick its language, list order and page.
  { host: /^scholar\.google\.com$/, params: new Set(['hl', 'oi', 'authuser', 'sortby', 'cstart', 'pagesize']), since: 5 },
  // XING's click-source codes.
  { host: /^xing\.com$/, params: new Set(['sc_o', 'sc_p']), since: 5 },
];

/**
 * The version of the rules below, which stored keys were made under
 * (server/services/migrations.service.ts works stored keys out again when it changes).
 * 2: a profile site's country and mobile hosts are its main host.
 * 3: a page under a LinkedIn profile (its language version, `/in/jane/de`, or a
 *    section, `/in/jane/details/experience`) is the profile.
 * 4: a profile site's tab, range and sort parameters (PAGE_PARAMS) are dropped.
 * 5: LinkedIn's `miniProfileUrn`, Scholar's language and paging and XING's
 *    click-source parameters are dropped; Scholar's country hosts are scholar.google.com.
 */
export const PROFILE_KEY_RULES = 5;

/**
 * Hosts that show the same profiles as another, with the path prefixes that
 * do too. LinkedIn serves every member's page on its country hosts (`de.`,
 * `fr.`, `uk.`…) and its mobile ones, and a recruiter's export carries the host
 * of their own country: `de.linkedin.com/in/jane` is `linkedin.com/in/jane`.
 */
const SAME_SITE: { host: RegExp; as: string; since: number }[] = [
  { host: /^(?:[a-z]{2}|m|mobile|touch)\.linkedin\.com$/, as: 'linkedin.com', since: 2 },
  { host: /^linkedin\.com$/, as: 'linkedin.com', since: 2 },
  // scholar.google.de, .co.uk, .com.au… show the same profiles.
  { host: /^scholar\.google\.(?:[a-z]{2}|com?\.[a-z]{2})$/, as: 'scholar.google.com', since: 5 },
];

/**
 * Paths on a site (after SAME_SITE) that show the same profile as another, and
 * the rules version since which they do. A member's page in another of their
 * languages (`/in/jane/de`) and its sections (`/in/jane/details/skills`,
 * `/in/jane/recent-activity`) are their profile, as links copied from a browser show.
 */
const SAME_PAGE: { host: string; path: RegExp; as: string; since: number }[] = [
  { host: 'linkedin.com', path: /^\/mwlite\/in\//, as: '/in/', since: 2 },
  { host: 'linkedin.com', path: /^(\/in\/[^/]+)\/.+$/, as: '$1', since: 3 },
];

const isIgnoredParam = (name: string, rules: number) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower) || (rules >= 2 && PRESENTATION_PARAMS.has(lower));
};

/**
 * `HTTPS://de.LinkedIn.com/in/Jane-Doe/?utm_source=x#about` → `linkedin.com/in/jane-doe`.
 * Scheme, `www.`, a profile site's country or mobile host, case, trailing
 * slashes, fragments, tracking parameters, the page's language (`locale`) and
 * a profile site's tabs (PAGE_PARAMS) do not change who a profile is; any
 * other query parameter is kept (sorted). Only http(s) links are
 * accepted: `javascript:`, `data:` and the like are refused.
 */
export function normaliseProfileUrl(raw: string): string {
  return profileKeys(raw).key;
}

/**
 * Today's key of a link and, where they differ, the keys earlier rules gave it
 * (`former`): a person erased while their key was stored under those rules is
 * on the suppression list under that key's hash, and must still be recognised.
 * The link is read once for all of them.
 */
export function profileKeys(raw: string): { key: string; former: string[] } {
  const parts = parseProfileUrl(raw);
  const key = keyOf(parts, PROFILE_KEY_RULES);
  if (key.length > 500) throw new InvalidIdentityError('is longer than 500 characters');
  const former = new Set<string>();
  for (let rules = 1; rules < PROFILE_KEY_RULES; rules++) former.add(keyOf(parts, rules));
  former.delete(key);
  return { key, former: [...former] };
}

interface ProfileUrlParts {
  /** Lower case, without `www.`. */
  host: string;
  port: string;
  /** Without repeated or trailing slashes, not yet decoded. */
  path: string;
  params: [string, string][];
}

function parseProfileUrl(raw: string): ProfileUrlParts {
  const value = raw.trim();
  if (value === '') throw new InvalidIdentityError('is empty');
  if (/\s/.test(value)) throw new InvalidIdentityError(`"${clip(raw)}" contains a space`);
  const bare = value.replace(/^\/\//, '');
  let candidate = value;
  if (!bare.includes('://') && /^[^/:?#]+\.[a-z]{2,}(:\d+)?([/?#]|$)/i.test(bare)) {
    // A link without a scheme, such as `linkedin.com/in/jane`.
    candidate = `https://${bare}`;
  } else {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') {
      throw new InvalidIdentityError(scheme ? `must be an http(s) link; "${scheme}:" links are not accepted` : `"${clip(raw)}" is not a link`);
    }
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new InvalidIdentityError(`"${clip(raw)}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidIdentityError(`must be an http(s) link; "${url.protocol}" links are not accepted`);
  }
  if (url.username !== '' || url.password !== '') throw new InvalidIdentityError('must not contain a user name or password');
  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && !/^xn--/.test(host)) {
    throw new InvalidIdentityError(`"${clip(raw)}" has no valid host name`);
  }
  return {
    host,
    port: url.port === '' ? '' : `:${url.port}`,
    path: url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, ''),
    params: [...url.searchParams.entries()],
  };
}

/** The key of a read link under the rules of version `rules`. */
function keyOf({ host, port, path, params }: ProfileUrlParts, rules: number): string {
  const site = port === '' ? SAME_SITE.find((s) => rules >= s.since && s.host.test(host)) : undefined;
  if (site) {
    host = site.as;
    for (const page of SAME_PAGE) if (page.host === host && rules >= page.since) path = path.replace(page.path, page.as);
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep a path whose escapes do not decode as it is.
  }
  const page = port === '' ? PAGE_PARAMS.find((p) => rules >= p.since && p.host.test(host)) : undefined;
  const kept = params
    .filter(([name]) => !isIgnoredParam(name, rules) && !page?.params.has(name.toLowerCase()))
    .map(([name, v]) => `${name.toLowerCase()}=${v}`)
    .sort();
  const query = kept.length > 0 ? `?${kept.join('&')}` : '';
  return `${host}${port}${path}${query}`.toLowerCase();
}

function clip(text: string, max = 60): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
