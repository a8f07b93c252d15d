import { match } from 'path-to-regexp';
import { ROLES, type Role, hasRole } from './roles.ts';

/**
 * Who may call what: one row per route, in the OpenAPI document's path form.
 * The access middleware finds the row of each /api request and denies any
 * request no row matches; a test checks that the rows and the OpenAPI
 * document name the same routes, and that README's matrix is this table.
 *
 * - `role`: the least role that may call it (`public`: no token needed);
 * - `contact`: the answer carries contact details, which roles below sourcer
 *   receive blanked (the blanking applies to every answer; the flag says where
 *   it matters);
 * - `limit`: a stricter rate limit than the API's own;
 * - `effects`: a GET that changes something (an audit event, a snapshot), which
 *   HEAD must not trigger, so HEAD is refused there (405).
 */

export type Access = 'public' | Role;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface PolicyRow {
  method: Method;
  path: string;
  role: Access;
  contact?: boolean;
  limit?: 'import' | 'export';
  effects?: boolean;
}

export const POLICY: readonly PolicyRow[] = [
  { method: 'get', path: '/api/health', role: 'public' },
  { method: 'get', path: '/api/openapi.json', role: 'viewer' },
  { method: 'get', path: '/api/me', role: 'viewer' },
  { method: 'get', path: '/api/hubs', role: 'viewer' },
  { method: 'get', path: '/api/hubs/{hubId}/pool', role: 'viewer' },
  { method: 'get', path: '/api/candidates/{id}', role: 'viewer', contact: true, effects: true },
  { method: 'get', path: '/api/candidates/{id}/pivot', role: 'viewer' },
  { method: 'get', path: '/api/graph/neighbourhood', role: 'viewer' },
  { method: 'get', path: '/api/employers', role: 'viewer' },
  { method: 'get', path: '/api/employers/{id}', role: 'viewer' },
  { method: 'get', path: '/api/flows', role: 'viewer' },
  { method: 'get', path: '/api/paths', role: 'viewer' },
  { method: 'get', path: '/api/salary-bands', role: 'viewer' },
  { method: 'get', path: '/api/taxonomy', role: 'viewer' },
  { method: 'get', path: '/api/team-members', role: 'viewer' },
  { method: 'get', path: '/api/searches', role: 'viewer' },
  { method: 'get', path: '/api/searches/{id}', role: 'viewer' },
  { method: 'get', path: '/api/searches/{id}/market-map', role: 'viewer' },
  { method: 'post', path: '/api/searches', role: 'sourcer' },
  { method: 'put', path: '/api/searches/{id}/candidates/{candidateId}', role: 'sourcer' },
  { method: 'get', path: '/api/saved-views', role: 'viewer' },
  { method: 'post', path: '/api/saved-views', role: 'sourcer' },
  { method: 'delete', path: '/api/saved-views/{id}', role: 'sourcer' },
  { method: 'get', path: '/api/lists', role: 'viewer' },
  { method: 'get', path: '/api/lists/{id}', role: 'viewer' },
  { method: 'post', path: '/api/lists', role: 'sourcer' },
  { method: 'post', path: '/api/lists/{id}/snapshots', role: 'sourcer' },
  { method: 'get', path: '/api/lists/{id}/export', role: 'sourcer', contact: true, limit: 'export', effects: true },
  { method: 'post', path: '/api/import', role: 'sourcer', limit: 'import' },
  { method: 'get', path: '/api/users', role: 'admin' },
  { method: 'delete', path: '/api/tokens/{id}', role: 'admin' },
  { method: 'get', path: '/api/privacy/due', role: 'sourcer' },
  { method: 'post', path: '/api/candidates/{id}/informed', role: 'sourcer' },
  { method: 'get', path: '/api/candidates/{id}/dsar', role: 'admin', contact: true, effects: true },
  { method: 'delete', path: '/api/candidates/{id}', role: 'admin' },
  { method: 'get', path: '/api/privacy/retention', role: 'admin', effects: true },
  { method: 'post', path: '/api/privacy/retention', role: 'admin' },
  { method: 'get', path: '/api/audit', role: 'admin' },
];

/** The routes every test of the policy skips: the document does not describe itself. */
export const UNDOCUMENTED = new Set(['get /api/openapi.json']);

/** `/api/candidates/{id}` → `/api/candidates/:id`, the pattern Express and path-to-regexp read. */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

interface CompiledRow {
  row: PolicyRow;
  matches: (path: string) => boolean;
}

function compile(rows: readonly PolicyRow[]): CompiledRow[] {
  return rows.map((row) => {
    // Express matches routes case-insensitively and with an optional trailing slash; so does this.
    const fn = match(expressPath(row.path), { sensitive: false, trailing: true, decode: false });
    return { row, matches: (path: string) => fn(path) !== false };
  });
}

const COMPILED = compile(POLICY);

/** The row for a request (HEAD is GET), or undefined: no row means no access. */
export function findRule(method: string, path: string, rows: readonly CompiledRow[] = COMPILED): PolicyRow | undefined {
  const m = (method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()) as Method;
  return rows.find((r) => r.row.method === m && r.matches(path))?.row;
}

/** Fields that reach a person: blanked (set to null) in answers to roles that may not see contact details. */
export const CONTACT_FIELDS: ReadonlySet<string> = new Set(['email', 'emailKey', 'profileUrl', 'profileKey', 'phone', 'phoneNumber']);

/**
 * A JSON value with every contact field set to null, at any depth. Only the
 * objects and arrays on the way to a contact field are copied: an answer
 * without one (most answers, some over 100 kB) is returned as it is.
 */
export function withoutContactDetails(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const blanked = withoutContactDetails(item);
      if (blanked !== item) (out ??= value.slice())[i] = blanked;
    }
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // A class instance (a Date, say) is no plain data: it becomes a plain copy of its own entries.
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(record)) copy[key] = CONTACT_FIELDS.has(key) ? null : withoutContactDetails(record[key]);
    return copy;
  }
  let out: Record<string, unknown> | undefined;
  // for…in: a plain object inherits no enumerable keys, and it spares an array of keys per object.
  for (const key in record) {
    const v = record[key];
    const blanked = CONTACT_FIELDS.has(key) ? null : withoutContactDetails(v);
    if (blanked !== v) (out ??= { ...record })[key] = blanked;
  }
  return out ?? value;
}

/** The table as README's access matrix (a test checks README holds exactly this). */
export function policyMarkdown(rows: readonly PolicyRow[] = POLICY): string {
  const lines = ['| route | viewer | sourcer | admin | notes |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const cells = ROLES.map((role) => (row.role === 'public' || hasRole(role, row.role) ? '✓' : '—'));
    const notes = [
      row.role === 'public' ? 'no token needed' : '',
      row.contact ? 'contact details blanked below sourcer' : '',
      row.limit ? `${row.limit} rate limit` : '',
      row.effects ? 'recorded on the audit trail; no HEAD' : '',
    ].filter(Boolean);
    lines.push(`| \`${row.method.toUpperCase()} ${row.path}\` | ${cells.join(' | ')} | ${notes.join('; ')} |`);
  }
  return lines.join('\n');
}
