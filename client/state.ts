import { IdSchema, NODE_KINDS, type NodeKind, SEGMENTS, type Segment, SENIORITIES, type Seniority } from '../server/schemas/common.schema.ts';
import { RANKING_PROFILE_NAMES, type RankingProfileName } from '../server/schemas/ranking.schema.ts';

/**
 * Every view's filters and selection live in the URL: `toUrl(state)` writes
 * them, `parseState(url)` reads them back, so a copied link reopens the same
 * view. Parameters that cannot be read are dropped and reported, never fatal;
 * ids are only checked for shape here, the API says whether they exist.
 */

export const VIEWS = ['map', 'graph', 'market', 'flows'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Filters {
  skills: string[];
  /** `all`: every skill required; `any`: at least one. */
  skillMode: 'all' | 'any';
  sectors: string[];
  seniority: Seniority[];
  segment: Segment[];
  passiveOnly: boolean;
}

export interface MapState {
  view: 'map';
  filters: Filters;
  hub: string | null;
  /** The pool page's cursor (null: first page) and its number, for display. */
  after: string | null;
  page: number;
  profile: RankingProfileName | null;
}

export const GRAPH_LIMITS = [200, 500, 1000, 2000] as const;
export const GRAPH_LIMIT_DEFAULT = 500;

export interface GraphState {
  view: 'graph';
  id: string | null;
  kind: NodeKind | null;
  depth: 1 | 2;
  limit: number;
  /** Node keys (`kind:id`) expanded one more hop, in the order they were expanded. */
  expand: string[];
}

export interface MarketState {
  view: 'market';
  search: string | null;
}

export const FLOW_WINDOWS = [12, 24, 60, 'any'] as const;
export type FlowWindow = (typeof FLOW_WINDOWS)[number];

export interface FlowsState {
  view: 'flows';
  by: 'sector' | 'employer';
  hub: string | null;
  months: FlowWindow;
  /** Only moves into target sectors ("what feeds the target sectors"). */
  targetOnly: boolean;
  limit: number;
}

export type ViewState = (MapState | GraphState | MarketState | FlowsState) & {
  /** A candidate whose profile is open over the view. */
  candidate: string | null;
};

export const emptyFilters = (): Filters => ({ skills: [], skillMode: 'all', sectors: [], seniority: [], segment: [], passiveOnly: false });

export function defaultState(view: ViewName): ViewState {
  switch (view) {
    case 'map':
      return { view, filters: emptyFilters(), hub: null, after: null, page: 1, profile: null, candidate: null };
    case 'graph':
      return { view, id: null, kind: null, depth: 1, limit: GRAPH_LIMIT_DEFAULT, expand: [], candidate: null };
    case 'market':
      return { view, search: null, candidate: null };
    case 'flows':
      return { view, by: 'sector', hub: null, months: 60, targetOnly: false, limit: 40, candidate: null };
  }
}

export interface ParsedState {
  state: ViewState;
  /** Human-readable notes about parameters that were dropped. */
  ignored: string[];
}

const isId = (value: string) => IdSchema.safeParse(value).success;
const oneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

class Reader {
  readonly ignored: string[] = [];
  constructor(private readonly params: URLSearchParams) {}

  private note(name: string, value: string, why: string) {
    this.ignored.push(`${name}=${value} (${why})`);
  }

  id(name: string): string | null {
    const value = this.params.get(name);
    if (value === null || value === '') return null;
    if (isId(value)) return value;
    this.note(name, value, 'not an id');
    return null;
  }

  list<T extends string>(name: string, accept: (v: string) => v is T, why: string): T[] {
    const raw = this.params.getAll(name).flatMap((v) => v.split(','));
    const out: T[] = [];
    for (const value of raw.map((v) => v.trim()).filter(Boolean)) {
      if (!accept(value)) this.note(name, value, why);
      else if (!out.includes(value)) out.push(value);
    }
    return out;
  }

  flag(name: string): boolean {
    const value = this.params.get(name);
    if (value === null) return false;
    if (['1', 'true', 'yes', ''].includes(value)) return true;
    if (!['0', 'false', 'no'].includes(value)) this.note(name, value, 'not a yes/no value');
    return false;
  }

  choice<T extends string | number>(name: string, values: readonly T[], fallback: T): T {
    const value = this.params.get(name);
    if (value === null || value === '') return fallback;
    const match = values.find((v) => String(v) === value);
    if (match === undefined) {
      this.note(name, value, `one of ${values.filter((v) => v !== '').join(', ')}`);
      return fallback;
    }
    return match;
  }

  int(name: string, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
    const value = this.params.get(name);
    if (value === null || value === '') return fallback;
    const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.note(name, value, `a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  text(name: string, pattern: RegExp): string | null {
    const value = this.params.get(name);
    if (value === null || value === '') return null;
    if (pattern.test(value)) return value;
    this.note(name, value, 'malformed');
    return null;
  }
}

const anyId = (v: string): v is string => isId(v);
const isNodeKey = (v: string): v is string => {
  const at = v.indexOf(':');
  return at > 0 && oneOf(NODE_KINDS, v.slice(0, at)) && isId(v.slice(at + 1));
};

export function viewOfPath(pathname: string): ViewName | null {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  if (name === '') return 'map';
  return oneOf(VIEWS, name) ? name : null;
}

export function parseState(url: string | URL): ParsedState {
  const { pathname, searchParams } = typeof url === 'string' ? new URL(url, 'http://localhost') : url;
  const r = new Reader(searchParams);
  const view = viewOfPath(pathname);
  if (view === null) r.ignored.push(`the page "${pathname}" (showing the hub map)`);
  const candidate = r.id('candidate');
  let state: ViewState;
  switch (view ?? 'map') {
    case 'map': {
      const filters: Filters = {
        skills: r.list('skills', anyId, 'not an id'),
        skillMode: r.choice('match', ['all', 'any'] as const, 'all'),
        sectors: r.list('sectors', anyId, 'not an id'),
        seniority: r.list('seniority', (v): v is Seniority => oneOf(SENIORITIES, v), `one of ${SENIORITIES.join(', ')}`),
        segment: r.list('segment', (v): v is Segment => oneOf(SEGMENTS, v), `one of ${SEGMENTS.join(', ')}`),
        passiveOnly: r.flag('passive'),
      };
      const hub = r.id('hub');
      const after = hub ? r.text('after', /^[A-Za-z0-9_-]{1,512}$/) : null;
      const profileName = r.choice('profile', ['', ...RANKING_PROFILE_NAMES] as const, '');
      const profile = profileName === '' ? null : profileName;
      state = { view: 'map', filters, hub, after, page: after ? r.int('page', { min: 2, max: 100_000, fallback: 2 }) : 1, profile, candidate };
      break;
    }
    case 'graph': {
      const id = r.id('id');
      const kind = r.choice('kind', ['', ...NODE_KINDS] as const, '');
      state = {
        view: 'graph',
        id,
        kind: id && kind !== '' ? kind : null,
        depth: r.choice('depth', [1, 2] as const, 1),
        limit: r.choice('limit', GRAPH_LIMITS, GRAPH_LIMIT_DEFAULT),
        expand: id ? r.list('expand', isNodeKey, 'not a node key kind:id') : [],
        candidate,
      };
      break;
    }
    case 'market':
      state = { view: 'market', search: r.id('search'), candidate };
      break;
    case 'flows':
      state = {
        view: 'flows',
        by: r.choice('by', ['sector', 'employer'] as const, 'sector'),
        hub: r.id('hub'),
        months: r.choice('months', FLOW_WINDOWS, 60),
        targetOnly: r.choice('into', ['all', 'target'] as const, 'all') === 'target',
        limit: r.int('limit', { min: 5, max: 200, fallback: 40 }),
        candidate,
      };
      break;
  }
  return { state, ignored: r.ignored };
}

/** The canonical URL (path and query) of a state; defaults are left out. */
export function toUrl(state: ViewState): string {
  const p = new URLSearchParams();
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0) p.set(name, values.join(','));
  };
  switch (state.view) {
    case 'map': {
      const f = state.filters;
      list('skills', f.skills);
      if (f.skills.length > 0 && f.skillMode === 'any') p.set('match', 'any');
      list('sectors', f.sectors);
      list('seniority', f.seniority);
      list('segment', f.segment);
      if (f.passiveOnly) p.set('passive', '1');
      if (state.profile) p.set('profile', state.profile);
      if (state.hub) p.set('hub', state.hub);
      if (state.hub && state.after) {
        p.set('after', state.after);
        p.set('page', String(state.page));
      }
      break;
    }
    case 'graph':
      if (state.id) {
        p.set('id', state.id);
        if (state.kind) p.set('kind', state.kind);
        if (state.depth !== 1) p.set('depth', String(state.depth));
        if (state.limit !== GRAPH_LIMIT_DEFAULT) p.set('limit', String(state.limit));
        list('expand', state.expand);
      }
      break;
    case 'market':
      if (state.search) p.set('search', state.search);
      break;
    case 'flows':
      if (state.by !== 'sector') p.set('by', state.by);
      if (state.hub) p.set('hub', state.hub);
      if (state.months !== 60) p.set('months', String(state.months));
      if (state.targetOnly) p.set('into', 'target');
      if (state.limit !== 40) p.set('limit', String(state.limit));
      break;
  }
  if (state.candidate) p.set('candidate', state.candidate);
  const query = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return `/${state.view}${query ? `?${query}` : ''}`;
}

/** The pool filters as the API's query parameters (hub map, pool, mandates). */
export function filterQuery(filters: Filters): Record<string, string | undefined> {
  const join = (values: readonly string[]) => (values.length > 0 ? values.join(',') : undefined);
  return {
    allSkills: filters.skillMode === 'all' ? join(filters.skills) : undefined,
    anySkills: filters.skillMode === 'any' ? join(filters.skills) : undefined,
    sectors: join(filters.sectors),
    seniority: join(filters.seniority),
    segment: join(filters.segment),
    passiveOnly: filters.passiveOnly ? 'true' : undefined,
  };
}

export function hasFilters(filters: Filters): boolean {
  return filters.skills.length + filters.sectors.length + filters.seniority.length + filters.segment.length > 0 || filters.passiveOnly;
}
