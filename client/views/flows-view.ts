import type { FlowsResponse } from '../../server/schemas/flows.schema.ts';
import { ApiError, api, isAbort } from '../api.ts';
import { renderLegend } from '../charts/legend.ts';
import { SOURCE_COLOR, TARGET_COLOR, renderSankey } from '../charts/sankey.ts';
import { h, uid } from '../dom.ts';
import { formatCount, plural } from '../format.ts';
import { FLOW_WINDOWS, type FlowWindow, type FlowsState, type ViewState } from '../state.ts';
import type { MountView } from './context.ts';
import { type Action, showEmpty, showError, showLoading } from './status.ts';

/**
 * Talent flows: moves between sectors or employers over a window, for one hub
 * or all, as a Sankey diagram — e.g. what feeds the target sectors in Munich.
 */

type State = FlowsState & { candidate: string | null };

const windowLabel = (w: FlowWindow) => (w === 'any' ? 'All time' : w % 12 === 0 ? `Last ${w / 12} year${w === 12 ? '' : 's'}` : `Last ${w} months`);

export const mount: MountView = (container, ctx, initial) => {
  let state = initial as State;
  let answer: FlowsResponse | null = null;
  let controller: AbortController | null = null;
  let loadedKey = '';
  let destroyed = false;
  const hubNames = new Map<string, string>();

  const byId = uid('flows-by');
  const hubId = uid('flows-hub');
  const monthsId = uid('flows-months');
  const limitId = uid('flows-limit');
  const bySelect = h('select', { attrs: { id: byId } }, h('option', { text: 'Sectors', attrs: { value: 'sector' } }), h('option', { text: 'Employers', attrs: { value: 'employer' } }));
  const hubSelect = h('select', { attrs: { id: hubId } }, h('option', { text: 'All hubs', attrs: { value: '' } }));
  const monthsSelect = h('select', { attrs: { id: monthsId } }, ...FLOW_WINDOWS.map((w) => h('option', { text: windowLabel(w), attrs: { value: String(w) } })));
  const limitSelect = h('select', { attrs: { id: limitId } }, ...[20, 40, 80, 150].map((n) => h('option', { text: `${n} largest`, attrs: { value: String(n) } })));
  const targetOnly = h('input', { attrs: { type: 'checkbox', name: 'targetOnly' } });
  const controls = h(
    'form',
    { class: 'flows-form', attrs: { 'aria-label': 'Flow filters' } },
    h('label', { text: 'Between', attrs: { for: byId } }),
    bySelect,
    h('label', { text: 'Hub', attrs: { for: hubId } }),
    hubSelect,
    h('label', { text: 'Window', attrs: { for: monthsId } }),
    monthsSelect,
    h('label', { text: 'Show', attrs: { for: limitId } }),
    limitSelect,
    h('label', { class: 'check' }, targetOnly, 'Only moves into target sectors'),
  );
  const summary = h('p', { class: 'flows-summary', attrs: { 'aria-live': 'polite' } });
  const chartBox = h('div', { class: 'sankey-wrap', attrs: { 'data-state': 'loading' } });
  const status = h('div', { class: 'flows-status' });
  const legend = h('div', {});
  renderLegend(
    legend,
    [
      { label: 'Into a target sector', color: TARGET_COLOR, shape: 'square' },
      { label: 'Other moves', color: SOURCE_COLOR, shape: 'square' },
    ],
    { title: 'Left: where people were; right: where they went; width ∝ moves' },
  );
  container.append(h('div', { class: 'flows-view' }, h('div', { class: 'flows-toolbar' }, controls), summary, status, chartBox, legend));

  const change = (patch: Partial<State>) => ctx.navigate({ ...state, ...patch });
  bySelect.addEventListener('change', () => change({ by: bySelect.value as 'sector' | 'employer' }));
  hubSelect.addEventListener('change', () => change({ hub: hubSelect.value || null }));
  monthsSelect.addEventListener('change', () => change({ months: FLOW_WINDOWS.find((w) => String(w) === monthsSelect.value) ?? 60 }));
  limitSelect.addEventListener('change', () => change({ limit: Number(limitSelect.value) }));
  targetOnly.addEventListener('change', () => change({ targetOnly: targetOnly.checked }));
  controls.addEventListener('submit', (event) => event.preventDefault());

  void ctx.hubs().then(
    (hubs) => {
      if (destroyed) return;
      hubSelect.replaceChildren(h('option', { text: 'All hubs', attrs: { value: '' } }), ...hubs.map((x) => h('option', { text: x.name, attrs: { value: x.id } })));
      if (state.hub && !hubs.some((x) => x.id === state.hub)) hubSelect.append(h('option', { text: `${state.hub} (unknown)`, attrs: { value: state.hub } }));
      hubSelect.value = state.hub ?? '';
      for (const x of hubs) hubNames.set(x.id, x.name);
      draw();
    },
    () => undefined,
  );

  function syncControls() {
    bySelect.value = state.by;
    if ([...hubSelect.options].some((o) => o.value === (state.hub ?? ''))) hubSelect.value = state.hub ?? '';
    monthsSelect.value = String(state.months);
    if (![...limitSelect.options].some((o) => o.value === String(state.limit))) limitSelect.append(h('option', { text: `${state.limit} largest`, attrs: { value: String(state.limit) } }));
    limitSelect.value = String(state.limit);
    targetOnly.checked = state.targetOnly;
  }

  function draw() {
    if (!answer || destroyed) return;
    const flows = state.targetOnly ? answer.flows.filter((f) => f.to.target === true) : answer.flows;
    const moves = flows.reduce((sum, f) => sum + f.moves, 0);
    const where = answer.hub ? `in ${hubNames.get(answer.hub) ?? answer.hub}` : 'across all hubs';
    const since = answer.since ? `since ${answer.since}` : 'over all recorded careers';
    summary.textContent =
      `${plural(answer.totalMoves, 'move')} between ${state.by === 'sector' ? 'sectors' : 'employers'} ${where}, ${since}. ` +
      `Showing ${plural(flows.length, 'flow')} (${formatCount(moves)} moves)${state.targetOnly ? ' into target sectors' : ''}.`;
    if (flows.length === 0) {
      chartBox.replaceChildren();
      chartBox.dataset.state = 'empty';
      showEmpty(
        status,
        'No moves to show',
        state.targetOnly
          ? 'No move into a target sector in this window; widen the window, choose another hub or show all moves.'
          : 'Nobody changed jobs in this window; widen the window or choose another hub.',
        [
          ...(state.months !== 'any' ? [{ label: 'All time', run: () => change({ months: 'any' }) }] : []),
          ...(state.hub ? [{ label: 'All hubs', run: () => change({ hub: null }) }] : []),
        ],
      );
      return;
    }
    status.replaceChildren();
    const ends = new Set(flows.flatMap((f) => [`f${f.from.id}`, `t${f.to.id}`])).size;
    renderSankey(chartBox, flows, {
      width: Math.max(640, chartBox.clientWidth || 1100),
      height: Math.max(360, Math.min(1400, ends * 16 + 80)),
      onSelect: (end) => {
        if (state.by === 'sector') return;
        ctx.navigate({ view: 'graph', id: end.id, kind: 'employer', depth: 1, limit: 500, expand: [], candidate: null });
      },
    });
    chartBox.dataset.state = 'ready';
  }

  async function load() {
    syncControls();
    const query = { by: state.by, hub: state.hub ?? undefined, months: state.months, limit: state.limit };
    const key = JSON.stringify(query);
    if (key === loadedKey && answer) {
      draw();
      return;
    }
    loadedKey = key;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    chartBox.dataset.state = 'loading';
    status.replaceChildren();
    const done = showLoading(status, 'Counting moves…');
    try {
      answer = await api.flows(query, { signal });
      if (signal.aborted) return;
      draw();
    } catch (error) {
      if (isAbort(error)) return;
      loadedKey = '';
      answer = null;
      chartBox.replaceChildren();
      chartBox.dataset.state = 'error';
      summary.textContent = '';
      const actions: Action[] = [{ label: 'Try again', run: () => void load() }];
      if (error instanceof ApiError && (error.kind === 'bad_request' || error.kind === 'not_found') && state.hub) {
        actions.unshift({ label: 'All hubs', run: () => change({ hub: null }) });
      }
      showError(status, error, actions);
    } finally {
      done();
    }
  }

  // Redrawn when the width changes only: the diagram sets its own height.
  let resizeFrame = 0;
  let drawnWidth = 0;
  const observer = new ResizeObserver(() => {
    if (chartBox.clientWidth === drawnWidth) return;
    drawnWidth = chartBox.clientWidth;
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(draw);
  });
  observer.observe(chartBox);
  void load();

  return {
    update(next: ViewState) {
      if (next.view !== 'flows') return;
      state = next;
      void load();
    },
    destroy() {
      destroyed = true;
      controller?.abort();
      observer.disconnect();
    },
  };
};
