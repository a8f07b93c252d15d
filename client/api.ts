import './zod-config.ts';
import type { z } from 'zod';
import { CandidateProfileSchema, PivotResponseSchema } from '../server/schemas/candidates.schema.ts';
import { ErrorBodySchema, type NodeKind } from '../server/schemas/common.schema.ts';
import { EmployersResponseSchema } from '../server/schemas/employers.schema.ts';
import { FlowsResponseSchema } from '../server/schemas/flows.schema.ts';
import { NeighbourhoodResponseSchema } from '../server/schemas/graph.schema.ts';
import { PathsResponseSchema } from '../server/schemas/paths.schema.ts';
import { HubsResponseSchema, PoolResponseSchema } from '../server/schemas/pool.schema.ts';
import { SalaryBandsResponseSchema } from '../server/schemas/salary-bands.schema.ts';
import { SavedViewListSchema, SavedViewSchema } from '../server/schemas/saved-views.schema.ts';
import {
  MarketMapSchema,
  PipelineEntrySchema,
  type SearchCreateInput,
  SearchDetailSchema,
  SearchListSchema,
  type Stage,
} from '../server/schemas/searches.schema.ts';
import { TaxonomySchema, TeamMemberListSchema } from '../server/schemas/taxonomy.schema.ts';
import { askForToken } from './views/sign-in.ts';

/**
 * The one way the explorer talks to the server: every answer is parsed with
 * the server's own zod schema, every failure becomes an ApiError whose
 * message a person can act on. A bearer token kept in sessionStorage is sent
 * when present; a 401 asks for one (again, if it was refused) and retries.
 */

export type ApiErrorKind = 'network' | 'unavailable' | 'unauthorized' | 'forbidden' | 'not_found' | 'bad_request' | 'conflict' | 'server' | 'invalid_response';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const TOKEN_KEY = 'atlas.token';

export function currentToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * A sign-in link (`/#token=…`, as `npm start` prints on its first run) puts
 * its token in this tab's session storage and leaves the address bar and the
 * history at once, so the token is neither shared with a copied link nor
 * kept after the tab closes. A fragment never reaches the server.
 */
export function consumeSignInLink(): void {
  const match = /^#(?:.*&)?token=([^&]*)/.exec(location.hash);
  if (!match) return;
  const rest = location.hash.slice(1).split('&').filter((part) => !part.startsWith('token='));
  const token = decodeURIComponent(match[1] ?? '').trim();
  if (token !== '') setToken(token);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest.length > 0 ? `#${rest.join('&')}` : ''}`);
}

type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

export function buildPath(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const qs = params.toString().replace(/%2C/g, ',');
  return qs ? `${path}?${qs}` : path;
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 503) return 'unavailable';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'server';
}

const FALLBACK_MESSAGES: Partial<Record<ApiErrorKind, string>> = {
  unavailable: 'Nothing can be loaded until the server reaches its database again. Try again in a few seconds.',
  unauthorized: 'Sign in with an access token to see this.',
  forbidden: 'Your token does not allow this.',
  server: 'The server failed to answer; the error has been logged there.',
};

async function errorFrom(res: Response): Promise<ApiError> {
  const kind = kindOfStatus(res.status);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    const text = kind === 'unavailable' ? FALLBACK_MESSAGES.unavailable! : message;
    return new ApiError(kind, text, res.status, code, details);
  }
  return new ApiError(kind, FALLBACK_MESSAGES[kind] ?? `The server answered ${res.status} ${res.statusText}.`, res.status, 'http_error');
}

interface RequestOptions {
  signal?: AbortSignal;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

/** Sign-in attempts per request before its 401 is reported. */
const SIGN_IN_ATTEMPTS = 3;

async function send(path: string, { signal, method = 'GET', body }: RequestOptions, attempt = 0): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network', "The server can't be reached. Check that it is running and try again.", 0, 'network');
  }
  if (res.status === 401 && attempt < SIGN_IN_ATTEMPTS) {
    // Another request may have signed in meanwhile: retry with its token before asking.
    const current = currentToken();
    const entered = current !== null && current !== token ? current : await askForToken(token === null ? undefined : 'That token was not accepted.');
    if (entered !== null) {
      setToken(entered);
      return send(path, { signal, method, body }, attempt + 1);
    }
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

async function request<S extends z.ZodType>(schema: S, path: string, options: RequestOptions = {}): Promise<z.output<S>> {
  const res = await send(path, options);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError('invalid_response', `The answer to ${path.split('?')[0]} was not JSON.`, res.status, 'invalid_response');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      'invalid_response',
      `The answer to ${path.split('?')[0]} was not in the expected shape (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}).`,
      res.status,
      'invalid_response',
      parsed.error.issues,
    );
  }
  return parsed.data;
}

type Opts = { signal?: AbortSignal };

export const api = {
  hubs: (filter: Query, o: Opts = {}) => request(HubsResponseSchema, buildPath('/api/hubs', filter), o),
  pool: (hubId: string, query: Query, o: Opts = {}) =>
    request(PoolResponseSchema, buildPath(`/api/hubs/${encodeURIComponent(hubId)}/pool`, query), o),
  candidate: (id: string, o: Opts = {}) => request(CandidateProfileSchema, `/api/candidates/${encodeURIComponent(id)}`, o),
  pivot: (id: string, o: Opts = {}) => request(PivotResponseSchema, buildPath(`/api/candidates/${encodeURIComponent(id)}/pivot`, { limit: 3 }), o),
  paths: (from: string, to: string, limit: number, o: Opts = {}) => request(PathsResponseSchema, buildPath('/api/paths', { from, to, limit }), o),
  teamMembers: (o: Opts = {}) => request(TeamMemberListSchema, '/api/team-members', o),
  neighbourhood: (q: { id: string; kind?: NodeKind | null; depth?: number; limit?: number }, o: Opts = {}) =>
    request(NeighbourhoodResponseSchema, buildPath('/api/graph/neighbourhood', { id: q.id, kind: q.kind, depth: q.depth, limit: q.limit }), o),
  flows: (q: Query, o: Opts = {}) => request(FlowsResponseSchema, buildPath('/api/flows', q), o),
  employers: (q: Query, o: Opts = {}) => request(EmployersResponseSchema, buildPath('/api/employers', q), o),
  salaryBands: (country: string, o: Opts = {}) => request(SalaryBandsResponseSchema, buildPath('/api/salary-bands', { country }), o),
  taxonomy: (o: Opts = {}) => request(TaxonomySchema, '/api/taxonomy', o),
  searches: (o: Opts = {}) => request(SearchListSchema, '/api/searches', o),
  search: (id: string, o: Opts = {}) => request(SearchDetailSchema, `/api/searches/${encodeURIComponent(id)}`, o),
  createSearch: (body: SearchCreateInput, o: Opts = {}) => request(SearchDetailSchema, '/api/searches', { ...o, method: 'POST', body }),
  marketMap: (id: string, o: Opts = {}) => request(MarketMapSchema, `/api/searches/${encodeURIComponent(id)}/market-map`, o),
  moveCandidate: (searchId: string, candidateId: string, stage: Stage, o: Opts = {}) =>
    request(PipelineEntrySchema, `/api/searches/${encodeURIComponent(searchId)}/candidates/${encodeURIComponent(candidateId)}`, {
      ...o,
      method: 'PUT',
      body: { stage },
    }),
  savedViews: (o: Opts = {}) => request(SavedViewListSchema, '/api/saved-views', o),
  saveView: (name: string, url: string, o: Opts = {}) => request(SavedViewSchema, '/api/saved-views', { ...o, method: 'POST', body: { name, url } }),
  async deleteSavedView(id: string, o: Opts = {}): Promise<void> {
    await send(`/api/saved-views/${encodeURIComponent(id)}`, { ...o, method: 'DELETE' });
  },
};

export type Api = typeof api;
