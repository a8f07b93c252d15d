import { SEGMENTS } from '../../server/schemas/common.schema.ts';
import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import { ApiError, api, isAbort } from '../api.ts';
import { renderHubMap } from '../charts/hub-map.ts';
import { renderLegend } from '../charts/legend.ts';
import { ACTIVE_COLOR, PASSIVE_COLOR, SEGMENT_COLORS } from '../colors.ts';
import { h } from '../dom.ts';
import { formatCount, plural, segmentLabel } from '../format.ts';
import { type Filters, type MapState, type ViewState, emptyFilters, filterQuery, hasFilters } from '../state.ts';
import type { MountView, View } from './context.ts';
import { type FiltersForm, createFiltersForm } from './filters.ts';
import { loadCountries } from './map-data.ts';
import { openMandateForm } from './mandate-form.ts';
import { createPoolPanel } from './pool-panel.ts';
import { type Action, showEmpty, showError, showLoading } from './status.ts';

/**
 * The hub map: filters on top, Europe with each hub's pool in the middle,
 * the chosen hub's ranked pool on the right.
 */
export const mount: MountView = (container, ctx, initial) => {
  let state = initial as MapState & { candidate: string | null };
  const filtersSlot = h('div', { class: 'filters-slot' });
  const mapCanvas = h('div', { class: 'map-canvas', attrs: { 'data-state': 'loading' } });
  const mapStatus = h('div', { class: 'map-status' });
  const legend = h('div', { class: 'map-legend' });
  const summary = h('p', { class: 'map-summary', attrs: { 'aria-live': 'polite' } });
  const unplaced = h('p', { class: 'muted unplaced' });
  const mandateButton = h('button', { text: 'New mandate from these filters…', attrs: { type: 'button' } });
  const poolSlot = h('aside', { class: 'pool-panel', attrs: { 'aria-label': 'Ranked pool' } });
  container.append(
    h(
      'div',
      { class: 'map-view' },
      filtersSlot,
      h('section', { class: 'map-panel', attrs: { 'aria-label': 'Hub map' } }, h('div', { class: 'map-toolbar' }, summary, mandateButton), mapCanvas, mapStatus, legend, unplaced),
      poolSlot,
    ),
  );

  renderLegend(
    legend,
    [
      ...SEGMENTS.map((s) => ({ label: segmentLabel(s), color: SEGMENT_COLORS[s] })),
      { label: 'Passive share (outer ring)', color: PASSIVE_COLOR, shape: 'ring' as const },
      { label: 'Active', color: ACTIVE_COLOR, shape: 'ring' as const },
    ],
    { title: 'Circle area ∝ candidates under the filters; slices by segment' },
  );

  const pool = createPoolPanel(poolSlot, ctx);
  let form: FiltersForm | null = null;
  let hubs: HubSummary[] | null = null;
  let scaleMax = 0;
  let controller: AbortController | null = null;
  let requestedFilters = '';
  let destroyed = false;

  const setFilters = (filters: Filters) => ctx.navigate({ ...state, filters, after: null, page: 1 });

  ctx.taxonomy().then(
    (taxonomy) => {
      if (destroyed) return;
      form = createFiltersForm(taxonomy, state.filters, setFilters);
      filtersSlot.replaceChildren(form.element);
    },
    (error: unknown) => {
      if (!destroyed) showError(filtersSlot, error, [{ label: 'Try again', run: () => location.reload() }]);
    },
  );

  const draw = () => {
    if (!hubs || destroyed) return;
    loadCountries().then(
      (countries) => {
        if (destroyed || !hubs) return;
        renderHubMap(
          mapCanvas,
          { countries, hubs },
          {
            width: mapCanvas.clientWidth || 800,
            height: mapCanvas.clientHeight || 560,
            radiusDomainMax: scaleMax,
            selected: state.hub,
            onSelect: (hub) => ctx.navigate({ ...state, hub: hub.id, after: null, page: 1 }),
          },
        );
        mapCanvas.dataset.state = 'ready';
      },
      (error: unknown) => {
        if (!destroyed) showError(mapStatus, error, [{ label: 'Try again', run: draw }]);
      },
    );
  };

  async function loadHubs() {
    const key = JSON.stringify(state.filters);
    if (key === requestedFilters && hubs) return;
    requestedFilters = key;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    mapCanvas.dataset.state = 'loading';
    mapStatus.replaceChildren();
    const done = showLoading(mapStatus, 'Counting each hub’s pool…');
    try {
      const [all, filtered] = await Promise.all([ctx.hubs(), api.hubs(filterQuery(state.filters), { signal })]);
      if (signal.aborted || destroyed) return;
      scaleMax = Math.max(...all.map((hub) => hub.counts.total), 1);
      hubs = filtered.hubs;
      const total = hubs.reduce((sum, hub) => sum + hub.counts.total, 0);
      summary.textContent = hasFilters(state.filters)
        ? `${plural(total, 'candidate')} in ${plural(hubs.filter((x) => x.counts.total > 0).length, 'hub')} match the filters`
        : `${plural(total, 'candidate')} across ${plural(hubs.length, 'hub')}`;
      const offMap = hubs.filter((hub) => !hub.location);
      unplaced.textContent = offMap.length > 0 ? `Not on the map (no location): ${offMap.map((x) => `${x.name} (${formatCount(x.counts.total)})`).join(', ')}` : '';
      if (hubs.length === 0) {
        showEmpty(mapStatus, 'No hubs in this world', 'Load a world with hubs (npm start seeds the demo world) and reload.');
      } else if (total === 0) {
        showEmpty(mapStatus, 'Nobody matches these filters', 'Remove a skill or a sector, switch skills to “any”, or widen seniority and segment.', [
          { label: 'Clear filters', run: () => setFilters(emptyFilters()) },
        ]);
      }
      draw();
      pool.setHubs(hubs);
    } catch (error) {
      if (isAbort(error) || destroyed) return;
      requestedFilters = '';
      mapCanvas.dataset.state = 'error';
      const actions: Action[] = [{ label: 'Try again', run: () => void loadHubs() }];
      if (error instanceof ApiError && error.kind === 'bad_request' && hasFilters(state.filters)) {
        actions.push({ label: 'Clear filters', run: () => setFilters(emptyFilters()) });
      }
      showError(mapStatus, error, actions);
    } finally {
      done();
    }
  }

  mandateButton.addEventListener('click', () => {
    void openMandateForm(ctx, { filters: state.filters, hubs: hubs ?? [], selectedHub: state.hub });
  });

  let resizeFrame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(draw);
  });
  observer.observe(mapCanvas);

  const apply = (next: MapState & { candidate: string | null }) => {
    const hubChanged = next.hub !== state.hub;
    state = next;
    form?.set(state.filters);
    void loadHubs();
    if (hubChanged) draw();
    pool.update(state);
  };
  apply(state);

  const view: View = {
    update(next: ViewState) {
      if (next.view === 'map') apply(next);
    },
    destroy() {
      destroyed = true;
      controller?.abort();
      observer.disconnect();
      cancelAnimationFrame(resizeFrame);
      pool.destroy();
    },
  };
  return view;
};

