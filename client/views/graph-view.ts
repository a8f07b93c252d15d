import { type GraphNode, type NodeKind, SEGMENTS } from '../../server/schemas/common.schema.ts';
import type { NeighbourhoodResponse } from '../../server/schemas/graph.schema.ts';
import { NEIGHBOURHOOD_FIRST_HOP_MAX } from '../../server/schemas/graph.schema.ts';
import { ApiError, api, isAbort } from '../api.ts';
import { type GraphCanvas, renderGraphCanvas, warmGraphDrawing } from '../charts/graph-canvas.ts';
import { renderLegend } from '../charts/legend.ts';
import { KIND_COLORS, SEGMENT_COLORS } from '../colors.ts';
import { fill, h, uid } from '../dom.ts';
import { formatCount, humanize, kindLabel, plural, segmentLabel } from '../format.ts';
import { startingPositions } from '../graph/force-layout.ts';
import { LayoutClient } from '../graph/layout-client.ts';
import { type GraphData, fromNeighbourhood, layoutLinks, layoutNodes, mergeNeighbourhood, seedOf } from '../graph/merge.ts';
import { GRAPH_LIMITS, type GraphState, type ViewState, toUrl } from '../state.ts';
import type { MountView } from './context.ts';
import { showEmpty, showError, showLoading } from './status.ts';

/**
 * The force-directed neighbourhood of a hub, employer, candidate, sector or
 * skill, drawn on a canvas; the layout runs in a worker. Clicking a node
 * expands it one more hop; every expansion is in the URL, and reopening the
 * URL replays them in order, so the same link gives the same picture.
 */

const CENTRE_KINDS = ['hub', 'employer', 'candidate', 'sector', 'skill'] as const satisfies readonly NodeKind[];
/** Beyond this the page would stop being usable; further expansions are refused with a message. */
export const GRAPH_NODES_MAX = 6000;

type State = GraphState & { candidate: string | null };

const PROP_LABELS: Record<string, string> = { kind: 'Type', openToWork: 'Open to work', countryCode: 'Country', catchmentKm: 'Catchment (km)' };
const propLabel = (key: string) => PROP_LABELS[key] ?? humanize(key);

const splitKey = (key: string): { kind: NodeKind; id: string } => {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as NodeKind, id: key.slice(at + 1) };
};

export const mount: MountView = (container, ctx, initial) => {
  let state = initial as State;
  let data: GraphData | null = null;
  let chart: GraphCanvas | null = null;
  let positions = new Map<string, { x: number; y: number }>();
  let userZoomed = false;
  let controller: AbortController | null = null;
  let loadedKey = '';
  let selectedKey: string | null = null;
  let destroyed = false;

  // Controls.
  const kindId = uid('graph-kind');
  const idId = uid('graph-id');
  const depthId = uid('graph-depth');
  const limitId = uid('graph-limit');
  const optionsId = uid('graph-options');
  const kindSelect = h('select', { attrs: { id: kindId } }, ...CENTRE_KINDS.map((k) => h('option', { text: kindLabel(k), attrs: { value: k } })));
  const idInput = h('input', { attrs: { id: idId, list: optionsId, required: true, placeholder: 'a name or an id', autocomplete: 'off' } });
  const options = h('datalist', { attrs: { id: optionsId } });
  const depthSelect = h('select', { attrs: { id: depthId } }, h('option', { text: '1 hop', attrs: { value: '1' } }), h('option', { text: '2 hops', attrs: { value: '2' } }));
  const limitSelect = h('select', { attrs: { id: limitId } }, ...GRAPH_LIMITS.map((n) => h('option', { text: `${formatCount(n)} nodes`, attrs: { value: String(n) } })));
  const formMessage = h('span', { class: 'hint', attrs: { 'aria-live': 'polite' } });
  const form = h(
    'form',
    { class: 'graph-form', attrs: { 'aria-label': 'Graph centre' } },
    h('label', { text: 'Centre on', attrs: { for: kindId } }),
    kindSelect,
    h('label', { class: 'visually-hidden', text: 'Name or id', attrs: { for: idId } }),
    idInput,
    options,
    h('label', { text: 'Depth', attrs: { for: depthId } }),
    depthSelect,
    h('label', { text: 'At most', attrs: { for: limitId } }),
    limitSelect,
    h('button', { class: 'primary', text: 'Show', attrs: { type: 'submit' } }),
    formMessage,
  );

  const zoomIn = h('button', { text: '+', attrs: { type: 'button', 'aria-label': 'Zoom in' } });
  const zoomOut = h('button', { text: '−', attrs: { type: 'button', 'aria-label': 'Zoom out' } });
  const fitButton = h('button', { text: 'Fit', attrs: { type: 'button', 'aria-label': 'Fit the graph to the view' } });
  const stage = h('div', { class: 'graph-stage', attrs: { 'data-state': 'idle' } });
  const status = h('div', { class: 'graph-status' });
  const notice = h('p', { class: 'graph-notice', attrs: { role: 'status' } });
  const legend = h('div', { class: 'graph-legend' });
  const details = h('div', { class: 'node-details', attrs: { 'aria-live': 'polite' } });
  const listFilterId = uid('node-filter');
  const listFilter = h('input', { attrs: { id: listFilterId, type: 'search', placeholder: 'Filter nodes', autocomplete: 'off' } });
  const nodeList = h('ul', { class: 'node-list' });
  const listSummary = h('summary', { text: 'Nodes' });
  const side = h(
    'aside',
    { class: 'graph-side', attrs: { 'aria-label': 'Selected node and node list' } },
    details,
    h('details', { class: 'node-browser', attrs: { open: true } }, listSummary, h('label', { class: 'visually-hidden', text: 'Filter nodes', attrs: { for: listFilterId } }), listFilter, nodeList),
  );
  container.append(
    h(
      'div',
      { class: 'graph-view' },
      h('div', { class: 'graph-toolbar' }, form, h('div', { class: 'zoom-buttons', attrs: { role: 'group', 'aria-label': 'Zoom' } }, zoomIn, zoomOut, fitButton)),
      h('div', { class: 'graph-main' }, h('div', { class: 'graph-canvas-wrap' }, stage, status, notice, legend), side),
    ),
  );

  renderLegend(
    legend,
    [
      ...(['hub', 'employer', 'sector', 'skill', 'publication', 'institution', 'country'] as const).map((k) => ({ label: kindLabel(k), color: KIND_COLORS[k] })),
      ...SEGMENTS.map((s) => ({ label: `Candidate: ${segmentLabel(s).toLowerCase()}`, color: SEGMENT_COLORS[s] })),
    ],
    { title: 'Node colours' },
  );

  const layout = new LayoutClient((progress) => {
    if (!chart || !data || destroyed) return;
    chart.setPositions(progress.positions);
    if (!userZoomed) chart.fit();
    if (progress.done) {
      positions = new Map(data.nodes.map((n, i) => [n.key, { x: progress.positions[2 * i]!, y: progress.positions[2 * i + 1]! }]));
      stage.dataset.state = 'settled';
      stage.dataset.layoutMs = String(Math.round(progress.layoutMs));
    }
  });

  // Datalist: hubs, sectors and skills by name.
  void Promise.all([ctx.hubs().catch(() => []), ctx.taxonomy().catch(() => null)]).then(([hubs, taxonomy]) => {
    if (destroyed) return;
    options.replaceChildren(
      ...hubs.map((x) => h('option', { attrs: { value: x.name, label: 'Hub', 'data-kind': 'hub', 'data-id': x.id } })),
      ...(taxonomy?.sectors ?? []).map((x) => h('option', { attrs: { value: x.name, label: 'Sector', 'data-kind': 'sector', 'data-id': x.id } })),
      ...(taxonomy?.skills ?? []).map((x) => h('option', { attrs: { value: x.name, label: 'Skill', 'data-kind': 'skill', 'data-id': x.id } })),
    );
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = idInput.value.trim();
    if (!text) return;
    const byName = [...options.querySelectorAll<HTMLOptionElement>('option')].find((o) => o.value.toLowerCase() === text.toLowerCase());
    const kind = (byName?.dataset.kind as NodeKind | undefined) ?? (kindSelect.value as NodeKind);
    const id = byName?.dataset.id ?? text;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(id)) {
      formMessage.textContent = `“${text}” is neither a known name nor an id.`;
      return;
    }
    formMessage.textContent = '';
    ctx.navigate({ ...state, view: 'graph', id, kind, depth: Number(depthSelect.value) as 1 | 2, limit: Number(limitSelect.value), expand: [] });
  });
  zoomIn.addEventListener('click', () => {
    userZoomed = true;
    chart?.zoomBy(1.5);
  });
  zoomOut.addEventListener('click', () => {
    userZoomed = true;
    chart?.zoomBy(1 / 1.5);
  });
  fitButton.addEventListener('click', () => {
    userZoomed = false;
    chart?.fit();
  });
  listFilter.addEventListener('input', () => renderNodeList());

  const syncForm = () => {
    kindSelect.value = state.kind && (CENTRE_KINDS as readonly string[]).includes(state.kind) ? state.kind : 'hub';
    if (document.activeElement !== idInput) idInput.value = state.id ?? '';
    depthSelect.value = String(state.depth);
    limitSelect.value = String(state.limit);
  };

  function select(key: string | null) {
    selectedKey = key;
    chart?.setSelected(key);
    renderDetails();
  }

  function expand(node: GraphNode) {
    if (!data || data.expanded.includes(node.key)) return;
    if (data.nodes.length >= GRAPH_NODES_MAX) {
      notice.textContent = `The graph already holds ${formatCount(data.nodes.length)} nodes; centre on ${node.label} instead to explore from there.`;
      return;
    }
    ctx.navigate({ ...state, expand: [...state.expand, node.key] });
  }

  function renderDetails() {
    const node = data?.nodes.find((n) => n.key === selectedKey);
    if (!node || !data) {
      details.replaceChildren(h('p', { class: 'muted', text: 'Hover a node for its details; click one to expand it one more hop. Drag nodes, scroll to zoom, drag the background to pan.' }));
      return;
    }
    const links = data.links.filter((l) => l.source === node.key || l.target === node.key).length;
    const expanded = data.expanded.includes(node.key);
    const actions: HTMLElement[] = [];
    if (!expanded) actions.push(h('button', { class: 'primary', text: 'Expand one more hop', attrs: { type: 'button' }, on: { click: () => expand(node) } }));
    actions.push(
      h('a', {
        class: 'button',
        text: 'Centre here',
        attrs: { href: toUrl({ view: 'graph', id: node.id, kind: node.kind, depth: state.depth, limit: state.limit, expand: [], candidate: null }) },
      }),
    );
    if (node.kind === 'candidate') actions.push(h('button', { text: 'Open profile', attrs: { type: 'button' }, on: { click: () => ctx.navigate({ ...state, candidate: node.id }) } }));
    if (node.kind === 'hub')
      actions.push(h('a', { class: 'button', text: 'Ranked pool', attrs: { href: toUrl({ view: 'map', filters: { skills: [], skillMode: 'all', sectors: [], seniority: [], segment: [], passiveOnly: false }, hub: node.id, after: null, page: 1, profile: null, candidate: null }) } }));
    fill(
      details,
      h('h3', { text: node.label }),
      h(
        'dl',
        { class: 'props' },
        h('dt', { text: 'Kind' }),
        h('dd', { text: kindLabel(node.kind) }),
        h('dt', { text: 'Id' }),
        h('dd', { text: node.id }),
        ...Object.entries(node.props).flatMap(([k, v]) => (v === null ? [] : [h('dt', { text: propLabel(k) }), h('dd', { text: typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v) })])),
        h('dt', { text: 'Links shown' }),
        h('dd', { text: formatCount(links) }),
      ),
      expanded ? h('p', { class: 'muted', text: 'Expanded.' }) : null,
      h('div', { class: 'actions' }, ...actions),
    );
  }

  function renderNodeList() {
    if (!data) {
      nodeList.replaceChildren();
      return;
    }
    const text = listFilter.value.trim().toLowerCase();
    const matching = data.nodes.filter((n) => !text || n.label.toLowerCase().includes(text) || n.id.toLowerCase().includes(text));
    const shown = matching.slice(0, 200);
    listSummary.textContent = `Nodes (${formatCount(data.nodes.length)})`;
    fill(
      nodeList,
      ...shown.map((n) => {
        const b = h('button', {
          class: 'node-button',
          text: `${n.label}`,
          attrs: { type: 'button', 'data-key': n.key, 'aria-pressed': String(n.key === selectedKey) },
          on: { click: () => select(n.key) },
        });
        b.style.setProperty('--swatch-color', KIND_COLORS[n.kind]);
        return h('li', {}, b, h('span', { class: 'muted', text: ` ${kindLabel(n.kind)}` }));
      }),
      matching.length > shown.length ? h('li', { class: 'muted', text: `…and ${formatCount(matching.length - shown.length)} more; type to narrow.` }) : null,
    );
  }

  function describe() {
    if (!data) return;
    const cut = data.truncated;
    notice.textContent =
      `${plural(data.nodes.length, 'node')}, ${plural(data.links.length, 'link')}` +
      (data.expanded.length > 1 ? `, ${plural(data.expanded.length - 1, 'expansion')}` : '') +
      (cut
        ? `. Truncated: some neighbours were left out (at most ${formatCount(NEIGHBOURHOOD_FIRST_HOP_MAX)} first-hop nodes and ${formatCount(state.limit)} in all). Raise the limit or centre on a narrower node to see more.`
        : '.');
    notice.classList.toggle('warning', cut);
  }

  function draw(run: { parent?: string; alpha?: number }) {
    if (!data) return;
    chart?.destroy();
    chart = renderGraphCanvas(stage, data, {
      width: stage.clientWidth || 900,
      height: stage.clientHeight || 600,
      selected: selectedKey,
      onClick: (node) => {
        select(node.key);
        expand(node);
      },
      onDrag: (index, x, y, phase) => {
        // A person arranging nodes keeps the framing they have.
        userZoomed = true;
        if (phase === 'end') layout.release(index);
        else layout.drag(index, x, y);
      },
      onUserZoom: () => {
        userZoomed = true;
      },
    });
    const nodes = layoutNodes(data, positions, run.parent);
    // The starting picture in the next frame, and the layout after it: the first picture (cold
    // drawing code) is then drawn before the layout worker competes with it for the CPU.
    chart.setPositions(startingPositions(nodes));
    if (!userZoomed) chart.fit();
    stage.dataset.state = 'layout';
    stage.dataset.nodes = String(data.nodes.length);
    const drawn = chart;
    const request = { nodes, links: layoutLinks(data), seed: seedOf(data.center), alpha: run.alpha };
    requestAnimationFrame(() => {
      if (chart === drawn && !destroyed) void layout.start(request);
    });
    describe();
    renderNodeList();
    renderDetails();
  }

  async function settleQuietly(step: GraphData, parent?: string, alpha?: number) {
    const nodes = layoutNodes(step, positions, parent);
    const result = await layout.start({ nodes, links: layoutLinks(step), seed: seedOf(step.center), alpha, quiet: true });
    positions = new Map(step.nodes.map((n, i) => [n.key, { x: result.positions[2 * i]!, y: result.positions[2 * i + 1]! }]));
  }

  const fetchHop = (key: string, signal: AbortSignal): Promise<NeighbourhoodResponse> => {
    const { kind, id } = splitKey(key);
    return api.neighbourhood({ id, kind, depth: 1, limit: Math.min(state.limit, NEIGHBOURHOOD_FIRST_HOP_MAX + 1) }, { signal });
  };

  async function load() {
    syncForm();
    if (!state.id) {
      data = null;
      chart?.destroy();
      chart = null;
      stage.replaceChildren();
      notice.textContent = '';
      const hubs = await ctx.hubs().catch(() => []);
      if (destroyed || state.id) return;
      showEmpty(
        status,
        'Choose a centre',
        'Pick a hub, employer, candidate, sector or skill above to draw its neighbourhood.',
        hubs.slice(0, 4).map((x) => ({ label: x.name, href: toUrl({ view: 'graph', id: x.id, kind: 'hub', depth: 1, limit: state.limit, expand: [], candidate: null }) })),
      );
      renderNodeList();
      renderDetails();
      return;
    }
    const base = JSON.stringify([state.id, state.kind, state.depth, state.limit]);
    const previous = loadedKey ? (JSON.parse(loadedKey) as [string, string[]]) : null;
    const extendsCurrent =
      data !== null && previous !== null && previous[0] === base && state.expand.length === previous[1].length + 1 && previous[1].every((k, i) => state.expand[i] === k);
    if (previous && previous[0] === base && previous[1].join() === state.expand.join()) return;
    loadedKey = JSON.stringify([base, state.expand]);
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    status.replaceChildren();

    if (extendsCurrent && data) {
      const key = state.expand[state.expand.length - 1]!;
      const done = showLoading(status, 'Expanding…');
      try {
        const hop = await fetchHop(key, signal);
        if (signal.aborted || !data) return;
        data = mergeNeighbourhood(data, hop).data;
        draw({ parent: key, alpha: 0.6 });
        select(key);
      } catch (error) {
        if (isAbort(error)) return;
        loadedKey = JSON.stringify([base, state.expand.slice(0, -1)]);
        showError(status, error, [{ label: 'Dismiss', run: () => status.replaceChildren() }]);
      } finally {
        done();
      }
      return;
    }

    positions = new Map();
    userZoomed = false;
    selectedKey = null;
    stage.dataset.state = 'loading';
    const done = showLoading(status, 'Loading the neighbourhood…');
    try {
      // The drawing code warms up while the neighbourhood is on its way (once a page; no wait after that).
      const [answer] = await Promise.all([
        api.neighbourhood({ id: state.id, kind: state.kind, depth: state.depth, limit: state.limit }, { signal }),
        warmGraphDrawing(stage.clientWidth || 900, stage.clientHeight || 600),
      ]);
      const hops: NeighbourhoodResponse[] = [];
      for (const key of state.expand) hops.push(await fetchHop(key, signal));
      if (signal.aborted) return;
      let step = fromNeighbourhood(answer);
      // Replay: each earlier step settles (unseen) from the one before, as it did when it was clicked.
      if (hops.length > 0) await settleQuietly(step);
      for (let i = 0; i < hops.length; i++) {
        const next = mergeNeighbourhood(step, hops[i]!).data;
        if (i < hops.length - 1) await settleQuietly(next, state.expand[i], 0.6);
        step = next;
      }
      if (signal.aborted || destroyed) return;
      data = step;
      const lastParent = state.expand[state.expand.length - 1];
      // As after a click: the node expanded last is the one selected.
      selectedKey = lastParent ?? null;
      draw(lastParent ? { parent: lastParent, alpha: 0.6 } : {});
      if (data.nodes.length <= 1) {
        showEmpty(status, 'No neighbours', `${data.nodes[0]?.label ?? state.id} has no links to draw.`);
      }
    } catch (error) {
      if (isAbort(error)) return;
      loadedKey = '';
      stage.dataset.state = 'error';
      const unknown = error instanceof ApiError && (error.kind === 'not_found' || error.kind === 'bad_request');
      showError(status, error, unknown ? [{ label: 'Choose another centre', run: () => idInput.focus() }] : [{ label: 'Try again', run: () => void load() }]);
    } finally {
      done();
    }
  }

  let resizeFrame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      if (chart) {
        chart.resize(stage.clientWidth || 900, stage.clientHeight || 600);
        if (!userZoomed) chart.fit();
      }
    });
  });
  observer.observe(stage);

  void load();
  renderDetails();

  return {
    update(next: ViewState) {
      if (next.view !== 'graph') return;
      state = next;
      void load();
    },
    destroy() {
      destroyed = true;
      controller?.abort();
      observer.disconnect();
      chart?.destroy();
      layout.dispose();
    },
  };
};

