import { SENIORITIES, type Seniority } from '../../server/schemas/common.schema.ts';
import type { HubSummary, PoolResponse } from '../../server/schemas/pool.schema.ts';
import { RANKING_PROFILE_NAMES, type RankingProfileName } from '../../server/schemas/ranking.schema.ts';
import type { SalaryBandsResponse } from '../../server/schemas/salary-bands.schema.ts';
import { ApiError, api, isAbort } from '../api.ts';
import { renderLegend } from '../charts/legend.ts';
import { renderPoolBars, termLegend } from '../charts/pool-bars.ts';
import { fill, h, uid } from '../dom.ts';
import { formatCount, formatMoneyK, humanize, plural, seniorityLabel } from '../format.ts';
import { type MapState, emptyFilters, filterQuery, hasFilters, toUrl } from '../state.ts';
import type { ViewContext } from './context.ts';
import { type Action, showEmpty, showError, showLoading } from './status.ts';

/**
 * The chosen hub's pool: ranked candidates with their score terms, the salary
 * band for the hub's country and the seniority in view, and paging.
 */

export const POOL_PAGE_SIZE = 20;

export interface PoolPanel {
  update(state: MapState & { candidate: string | null }): void;
  setHubs(hubs: HubSummary[]): void;
  destroy(): void;
}

export function createPoolPanel(container: HTMLElement, ctx: ViewContext): PoolPanel {
  let state: (MapState & { candidate: string | null }) | null = null;
  let hubs: HubSummary[] = [];
  let controller: AbortController | null = null;
  let loadedKey = '';
  let pool: PoolResponse | null = null;
  let bands: SalaryBandsResponse | null = null;
  /** Cursors of the pages before the current one, for "Previous" within this visit. */
  const previousCursors: (string | null)[] = [];

  const header = h('header', { class: 'pool-header' });
  const bandBox = h('div', { class: 'salary-band' });
  const legendBox = h('div', { class: 'pool-legend' });
  const listBox = h('div', { class: 'pool-list', attrs: { 'aria-live': 'polite', 'aria-busy': 'false' } });
  const pager = h('nav', { class: 'pager', attrs: { 'aria-label': 'Pool pages' } });
  renderLegend(legendBox, termLegend(), { title: 'Fit score terms' });

  const showIntro = () => {
    container.replaceChildren(
      h(
        'div',
        { class: 'status empty intro' },
        h('strong', { text: 'Choose a hub' }),
        h('p', { text: 'Click a hub on the map (or Tab to it and press Enter) to see its candidates ranked by fit, with the reasons for each score.' }),
      ),
    );
  };
  showIntro();

  const hubOf = (id: string) => hubs.find((x) => x.id === id);

  function renderHeader() {
    if (!state?.hub) return;
    const hub = hubOf(state.hub);
    const profileId = uid('profile');
    const profileSelect = h(
      'select',
      { attrs: { id: profileId } },
      ...RANKING_PROFILE_NAMES.map((name) => h('option', { text: humanize(name), attrs: { value: name, selected: (state?.profile ?? pool?.profile.name) === name } })),
    );
    profileSelect.addEventListener('change', () => {
      if (state) ctx.navigate({ ...state, profile: profileSelect.value as RankingProfileName, after: null, page: 1 });
    });
    fill(
      header,
      h('h2', { text: pool?.hub.name ?? hub?.name ?? state.hub }),
      h('p', { class: 'muted', text: [hub?.countryName, pool ? plural(pool.total, 'candidate') : null].filter(Boolean).join(' · ') }),
      h(
        'div',
        { class: 'pool-tools' },
        h('label', { text: 'Ranking', attrs: { for: profileId } }),
        profileSelect,
        h('a', { text: 'Graph of this hub', attrs: { href: toUrl({ view: 'graph', id: state.hub, kind: 'hub', depth: 1, limit: 500, expand: [], candidate: null }) } }),
        h('a', { text: 'Flows in this hub', attrs: { href: toUrl({ view: 'flows', by: 'sector', hub: state.hub, months: 60, targetOnly: false, limit: 40, candidate: null }) } }),
        h('button', { class: 'link', text: 'Close', attrs: { type: 'button', 'aria-label': 'Close the pool' }, on: { click: () => state && ctx.navigate({ ...state, hub: null, after: null, page: 1 }) } }),
      ),
      pool ? h('p', { class: 'muted profile-description', text: pool.profile.description }) : null,
    );
  }

  function renderBands() {
    bandBox.replaceChildren();
    if (!bands || bands.bands.length === 0 || !state) return;
    const wanted: readonly Seniority[] = state.filters.seniority.length > 0 ? state.filters.seniority : SENIORITIES;
    const rows = bands.bands.filter((b) => wanted.includes(b.seniority));
    if (rows.length === 0) return;
    const first = rows[0]!;
    bandBox.append(
      h(
        'table',
        { class: 'bands' },
        h('caption', { text: `Indicative base salary, ${first.countryName} (${first.currency})` }),
        h('thead', {}, h('tr', {}, h('th', { text: 'Level', attrs: { scope: 'col' } }), h('th', { text: 'Base', attrs: { scope: 'col' } }), h('th', { text: 'Day rate', attrs: { scope: 'col' } }))),
        h(
          'tbody',
          {},
          ...rows.map((b) =>
            h(
              'tr',
              { attrs: { 'data-seniority': b.seniority } },
              h('th', { text: seniorityLabel(b.seniority), attrs: { scope: 'row' } }),
              h('td', { text: `${formatMoneyK(b.base.min, b.currency)}–${formatMoneyK(b.base.max, b.currency)}${b.base.openEnded ? '+' : ''}` }),
              h('td', {
                text: b.dayRate ? `${formatCount(b.dayRate.min)}–${formatCount(b.dayRate.max)}${b.dayRate.openEnded ? '+' : ''} ${b.currency}` : '—',
              }),
            ),
          ),
        ),
      ),
      h('p', { class: 'muted small', text: first.basis }),
    );
  }

  function renderPager() {
    pager.replaceChildren();
    if (!pool || !state) return;
    const start = (state.page - 1) * POOL_PAGE_SIZE + 1;
    const end = start + pool.items.length - 1;
    const prev = h('button', { text: '← Previous', attrs: { type: 'button', disabled: state.page <= 1 } });
    const next = h('button', { text: 'Next →', attrs: { type: 'button', disabled: pool.nextCursor === null } });
    prev.addEventListener('click', () => {
      if (!state) return;
      const cursor = previousCursors.pop() ?? null;
      ctx.navigate({ ...state, after: state.page - 1 > 1 ? cursor : null, page: Math.max(1, state.page - 1) });
    });
    next.addEventListener('click', () => {
      if (!state || !pool?.nextCursor) return;
      previousCursors.push(state.after);
      ctx.navigate({ ...state, after: pool.nextCursor, page: state.page + 1 });
    });
    pager.append(prev, h('span', { class: 'page-info', text: pool.items.length > 0 ? `${formatCount(start)}–${formatCount(end)} of ${formatCount(pool.total)}` : '' }), next);
  }

  async function load() {
    if (!state?.hub) return;
    const query = {
      ...filterQuery(state.filters),
      limit: POOL_PAGE_SIZE,
      cursor: state.after ?? undefined,
      profile: state.profile ?? undefined,
    };
    const key = JSON.stringify([state.hub, query]);
    if (key === loadedKey) {
      renderSelection();
      return;
    }
    loadedKey = key;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    if (!container.contains(listBox)) container.replaceChildren(header, bandBox, legendBox, listBox, pager);
    pool = null;
    renderHeader();
    listBox.setAttribute('aria-busy', 'true');
    listBox.replaceChildren();
    pager.replaceChildren();
    const done = showLoading(listBox, 'Ranking the pool…');
    const hubId = state.hub;
    try {
      const hub = hubOf(hubId) ?? (await ctx.hubs()).find((x) => x.id === hubId);
      const [page, bandAnswer, taxonomy] = await Promise.all([
        api.pool(hubId, query, { signal }),
        hub?.countryCode ? api.salaryBands(hub.countryCode, { signal }).catch(() => null) : Promise.resolve(null),
        ctx.taxonomy().catch(() => null),
      ]);
      if (signal.aborted) return;
      pool = page;
      bands = bandAnswer;
      renderHeader();
      renderBands();
      if (page.total === 0) {
        showEmpty(
          listBox,
          `Nobody in ${page.hub.name} matches`,
          hasFilters(state.filters) ? 'Remove a skill or sector, switch skills to “any”, or widen seniority.' : 'This hub has no candidates yet.',
          hasFilters(state.filters) ? [{ label: 'Clear filters', run: () => state && ctx.navigate({ ...state, filters: emptyFilters(), after: null, page: 1 }) }] : [],
        );
      } else if (page.items.length === 0) {
        showEmpty(listBox, 'This page is past the end', 'The pool changed since the link was made.', [
          { label: 'First page', run: () => state && ctx.navigate({ ...state, after: null, page: 1 }) },
        ]);
      } else {
        const names = new Map<string, string>([...(taxonomy?.skills ?? []), ...(taxonomy?.sectors ?? [])].map((x) => [x.id, x.name]));
        renderPoolBars(listBox, { items: page.items, offset: (state.page - 1) * POOL_PAGE_SIZE }, {
          barWidth: Math.max(160, Math.min(280, (container.clientWidth || 480) - 200)),
          names,
          selected: state.candidate,
          onOpen: (c) => state && ctx.navigate({ ...state, candidate: c.id }),
        });
      }
      renderPager();
    } catch (error) {
      if (isAbort(error)) return;
      loadedKey = '';
      const actions: Action[] = [{ label: 'Try again', run: () => void load() }];
      if (error instanceof ApiError && error.kind === 'not_found') {
        header.replaceChildren(h('h2', { text: 'Unknown hub' }));
        actions.unshift({ label: 'Back to the map', run: () => state && ctx.navigate({ ...state, hub: null, after: null, page: 1 }) });
      } else if (error instanceof ApiError && error.kind === 'bad_request') {
        actions.unshift({ label: 'First page, no filters', run: () => state && ctx.navigate({ ...state, filters: emptyFilters(), after: null, page: 1 }) });
      }
      showError(listBox, error, actions);
    } finally {
      done();
      listBox.setAttribute('aria-busy', 'false');
    }
  }

  function renderSelection() {
    for (const row of listBox.querySelectorAll<HTMLElement>('li.pool-row')) row.classList.toggle('selected', row.dataset.candidateId === state?.candidate);
  }

  return {
    update(next) {
      const hubChanged = next.hub !== state?.hub;
      if (hubChanged || JSON.stringify(next.filters) !== JSON.stringify(state?.filters)) previousCursors.length = 0;
      state = next;
      if (!next.hub) {
        controller?.abort();
        loadedKey = '';
        showIntro();
        return;
      }
      void load();
    },
    setHubs(next) {
      hubs = next;
      if (state?.hub && pool) renderHeader();
    },
    destroy() {
      controller?.abort();
    },
  };
}
