import { type MarketMap, STAGES, type SearchList, type Stage } from '../../server/schemas/searches.schema.ts';
import { ApiError, api, isAbort } from '../api.ts';
import { renderLegend } from '../charts/legend.ts';
import { renderMarketGrid, stageLabel } from '../charts/market-grid.ts';
import { STAGE_COLORS } from '../colors.ts';
import { h, uid } from '../dom.ts';
import { formatCount, formatPercent, humanize, plural } from '../format.ts';
import { type MarketState, type ViewState, emptyFilters, toUrl } from '../state.ts';
import type { MountView } from './context.ts';
import { type Action, announce, errorMessage, showEmpty, showError, showLoading } from './status.ts';

/**
 * A mandate's market map: choose the mandate, see its target employers by
 * sector × hub with their people and stages, coverage counts, and move a
 * candidate's stage in place.
 */

type State = MarketState & { candidate: string | null };

export const mount: MountView = (container, ctx, initial) => {
  let state = initial as State;
  let searches: SearchList | null = null;
  let map: MarketMap | null = null;
  let controller: AbortController | null = null;
  let loadedId: string | null = null;
  let destroyed = false;

  const searchId = uid('market-search');
  const searchSelect = h('select', { attrs: { id: searchId } }, h('option', { text: 'Loading mandates…', attrs: { value: '' } }));
  const newLink = h('a', {
    class: 'button',
    text: 'New mandate from hub-map filters',
    attrs: { href: toUrl({ view: 'map', filters: emptyFilters(), hub: null, after: null, page: 1, profile: null, candidate: null }) },
  });
  const head = h('div', { class: 'market-head' });
  const status = h('div', { class: 'market-status' });
  const gridBox = h('div', { class: 'market-grid-wrap', attrs: { 'data-state': 'idle' } });
  const unplaced = h('div', { class: 'unplaced' });
  const legend = h('div', {});
  renderLegend(
    legend,
    STAGES.map((s) => ({ label: humanize(s), color: STAGE_COLORS[s] })),
    { title: 'Stages' },
  );
  container.append(
    h(
      'div',
      { class: 'market-view' },
      h('div', { class: 'market-toolbar' }, h('label', { text: 'Mandate', attrs: { for: searchId } }), searchSelect, newLink),
      head,
      status,
      gridBox,
      unplaced,
      legend,
    ),
  );
  searchSelect.addEventListener('change', () => {
    if (searchSelect.value) ctx.navigate({ ...state, search: searchSelect.value });
  });

  async function loadSearches() {
    try {
      searches = await api.searches();
      if (destroyed) return;
      searchSelect.replaceChildren(
        h('option', { text: searches.items.length ? 'Choose a mandate' : 'No mandates yet', attrs: { value: '' } }),
        ...searches.items.map((s) => h('option', { text: `${s.title} — ${s.client}`, attrs: { value: s.id } })),
      );
      searchSelect.value = state.search ?? '';
      if (!state.search) {
        if (searches.items.length === 0) {
          showEmpty(status, 'No mandates yet', 'Open one from the hub map: set the filters (skills, sectors, seniority), then “New mandate from these filters”.', [
            { label: 'Open the hub map', href: newLink.getAttribute('href')! },
          ]);
        } else {
          showEmpty(status, 'Choose a mandate', `${plural(searches.items.length, 'mandate')} open. Pick one above to see its market map.`);
        }
      }
    } catch (error) {
      if (!destroyed) showError(status, error, [{ label: 'Try again', run: () => void loadSearches() }]);
    }
  }

  function renderHead() {
    head.replaceChildren();
    if (!map) return;
    const summary = searches?.items.find((s) => s.id === map?.search.id);
    const clock = summary?.clock;
    head.append(
      h('h2', { text: `${map.search.title}` }),
      h(
        'p',
        { class: 'coverage-totals', attrs: { 'data-in-pipeline': map.totals.inPipeline, 'data-people': map.totals.people } },
        `${map.search.client} · ${plural(map.totals.employers, 'target employer')} · ${plural(map.totals.people, 'person', 'people')} · ` +
          `${formatCount(map.totals.inPipeline)} in the pipeline · coverage ${formatPercent(map.totals.coverage)}`,
        clock ? ` · day ${Math.floor(clock.elapsedDays)} of ${clock.targetDays}${clock.overdue ? ' (overdue)' : ''}` : '',
      ),
    );
  }

  function renderGrid() {
    if (!map) return;
    renderHead();
    if (map.cells.length === 0) {
      gridBox.replaceChildren();
      showEmpty(status, 'No target employer in the mandate’s hubs', 'The mandate’s target employers have no site in its hubs; open a new mandate with other hubs or sectors.');
    } else {
      status.replaceChildren();
      renderMarketGrid(gridBox, map, {
        onOpenCandidate: (id) => ctx.navigate({ ...state, candidate: id }),
        onStageChange: (candidateId, stage, previous, control) => void move(candidateId, stage, previous, control),
      });
    }
    unplaced.replaceChildren(
      map.unplaced.length > 0 ? h('p', { class: 'muted', text: `Target employers with no site in the mandate’s hubs: ${map.unplaced.map((e) => e.name).join(', ')}` }) : '',
    );
    gridBox.dataset.state = 'ready';
  }

  async function move(candidateId: string, stage: Stage, previous: Stage | null, control: HTMLSelectElement) {
    if (!map) return;
    const searchId = map.search.id;
    control.disabled = true;
    try {
      const entry = await api.moveCandidate(searchId, candidateId, stage);
      announce(`${entry.candidateName ?? candidateId}: ${stageLabel(entry.stage)}.`);
      const fresh = await api.marketMap(searchId);
      if (destroyed || state.search !== searchId) return;
      map = fresh;
      renderGrid();
      gridBox.querySelector<HTMLSelectElement>(`select.stage-select[data-candidate-id="${CSS.escape(candidateId)}"]`)?.focus();
    } catch (error) {
      control.value = previous ?? '';
      control.disabled = false;
      const reason = error instanceof ApiError && error.kind === 'conflict' ? error.message : errorMessage(error);
      announce(`Stage not changed: ${reason}`, 'error');
    }
  }

  async function load() {
    if (state.search === loadedId && map) return;
    loadedId = state.search;
    controller?.abort();
    map = null;
    head.replaceChildren();
    gridBox.replaceChildren();
    unplaced.replaceChildren();
    if (!state.search) {
      gridBox.dataset.state = 'idle';
      if (searches) void loadSearches();
      return;
    }
    controller = new AbortController();
    const signal = controller.signal;
    gridBox.dataset.state = 'loading';
    status.replaceChildren();
    const done = showLoading(status, 'Building the market map…');
    try {
      map = await api.marketMap(state.search, { signal });
      if (signal.aborted) return;
      searchSelect.value = state.search;
      renderGrid();
    } catch (error) {
      if (isAbort(error)) return;
      loadedId = null;
      gridBox.dataset.state = 'error';
      const actions: Action[] = [{ label: 'Try again', run: () => void load() }];
      if (error instanceof ApiError && (error.kind === 'not_found' || error.kind === 'bad_request')) {
        actions.unshift({ label: 'Choose another mandate', run: () => ctx.navigate({ ...state, search: null }) });
      }
      showError(status, error, actions);
    } finally {
      done();
    }
  }

  void loadSearches();
  void load();

  return {
    update(next: ViewState) {
      if (next.view !== 'market') return;
      state = next;
      if (searchSelect.value !== (state.search ?? '')) searchSelect.value = state.search ?? '';
      void load();
    },
    destroy() {
      destroyed = true;
      controller?.abort();
    },
  };
};
