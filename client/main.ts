import './zod-config.ts';
import './styles.css';
import type { HubSummary } from '../server/schemas/pool.schema.ts';
import type { Taxonomy } from '../server/schemas/taxonomy.schema.ts';
import { api, consumeSignInLink } from './api.ts';
import { h } from './dom.ts';
import { type ViewName, type ViewState, parseState, toUrl } from './state.ts';
import type { MountView, View, ViewContext } from './views/context.ts';
import { initSavedViews } from './views/saved-views.ts';
import { announce, showError } from './views/status.ts';

/**
 * The shell: reads the view state from the URL, mounts the view (each one a
 * separate chunk, loaded on first use), keeps the URL in step with every
 * change, and opens a candidate's profile over any view.
 */

const VIEW_MODULES: Record<ViewName, () => Promise<{ mount: MountView }>> = {
  map: () => import('./views/map-view.ts'),
  graph: () => import('./views/graph-view.ts'),
  market: () => import('./views/market-view.ts'),
  flows: () => import('./views/flows-view.ts'),
};

const VIEW_TITLES: Record<ViewName, string> = { map: 'Hub map', graph: 'Graph', market: 'Market map', flows: 'Talent flows' };

consumeSignInLink();

const main = document.getElementById('main')!;
const notice = document.getElementById('notice')!;

let state: ViewState = parseState(location.href).state;
let mounted: { name: ViewName; view: View } | null = null;
let renderToken = 0;
const lastStateOf = new Map<ViewName, ViewState>();

let taxonomyPromise: Promise<Taxonomy> | null = null;
let hubsPromise: Promise<HubSummary[]> | null = null;

const ctx: ViewContext = {
  navigate,
  current: () => state,
  taxonomy() {
    taxonomyPromise ??= api.taxonomy().catch((error: unknown) => {
      taxonomyPromise = null;
      throw error;
    });
    return taxonomyPromise;
  },
  hubs() {
    hubsPromise ??= api
      .hubs({})
      .then((r) => r.hubs)
      .catch((error: unknown) => {
        hubsPromise = null;
        throw error;
      });
    return hubsPromise;
  },
};

function showNotice(ignored: string[]) {
  if (ignored.length === 0) {
    notice.hidden = true;
    notice.replaceChildren();
    return;
  }
  notice.hidden = false;
  notice.replaceChildren(
    h('span', { text: `Some of this link could not be read and was left out: ${ignored.join('; ')}.` }),
    h('button', { text: 'Dismiss', attrs: { type: 'button' }, on: { click: () => showNotice([]) } }),
  );
}

function highlightNav(view: ViewName) {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.views-nav a')) {
    const name = link.dataset.view as ViewName;
    const remembered = lastStateOf.get(name);
    if (remembered && name !== view) link.href = toUrl({ ...remembered, candidate: null });
    if (name === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${VIEW_TITLES[view]} · Talent Atlas`;
}

async function render(next: ViewState): Promise<void> {
  state = next;
  lastStateOf.set(next.view, next);
  highlightNav(next.view);
  const token = ++renderToken;
  if (mounted?.name === next.view) {
    mounted.view.update(next);
  } else {
    mounted?.view.destroy();
    mounted = null;
    main.replaceChildren(h('p', { class: 'status loading', text: `Loading the ${VIEW_TITLES[next.view].toLowerCase()}…` }));
    let module: { mount: MountView };
    try {
      module = await VIEW_MODULES[next.view]();
    } catch (error) {
      if (token === renderToken) {
        showError(main, new Error(`The ${VIEW_TITLES[next.view].toLowerCase()} could not be loaded (${error instanceof Error ? error.message : String(error)}).`), [
          { label: 'Reload the page', run: () => location.reload() },
        ]);
      }
      return;
    }
    if (token !== renderToken) return;
    main.replaceChildren();
    mounted = { name: next.view, view: module.mount(main, ctx, next) };
  }
  await syncProfile(next);
}

let profile: { id: string; close(): void; show(id: string): void } | null = null;

async function syncProfile(next: ViewState): Promise<void> {
  if (!next.candidate) {
    profile?.close();
    profile = null;
    return;
  }
  if (profile?.id === next.candidate) return;
  if (profile) {
    profile.show(next.candidate);
    return;
  }
  const { openProfile } = await import('./views/profile.ts');
  if (state.candidate !== next.candidate) return;
  profile = openProfile(next.candidate, () => {
    profile = null;
    if (state.candidate) navigate({ ...state, candidate: null });
  });
}

function navigate(next: ViewState, { replace = false }: { replace?: boolean } = {}): void {
  const url = toUrl(next);
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  showNotice([]);
  void render(next);
}

window.addEventListener('popstate', () => {
  const parsed = parseState(location.href);
  showNotice(parsed.ignored);
  void render(parsed.state);
});

// Same-site links move within the page (the URL still changes), so the browser's back button works as expected.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.target || link.origin !== location.origin || link.pathname.startsWith('/api/')) return;
  if (link.hasAttribute('download')) return;
  event.preventDefault();
  const parsed = parseState(link.href);
  navigate(parsed.state);
  if (link.closest('.views-nav')) main.focus();
});

document.getElementById('copy-link')!.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    announce('Link copied: it reopens this view.');
  } catch {
    const field = h('input', { class: 'copy-field', attrs: { readonly: true, value: location.href, 'aria-label': 'Link to this view' } });
    notice.hidden = false;
    notice.replaceChildren(h('span', { text: 'Copy this link: ' }), field, h('button', { text: 'Done', attrs: { type: 'button' }, on: { click: () => showNotice([]) } }));
    field.select();
  }
});

window.addEventListener('unhandledrejection', (event) => {
  announce(`Something failed unexpectedly: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`, 'error');
});

initSavedViews(document.getElementById('saved-toggle') as HTMLButtonElement, document.getElementById('saved-panel')!);

const first = parseState(location.href);
showNotice(first.ignored);
const canonical = toUrl(first.state);
if (canonical !== location.pathname + location.search) history.replaceState(null, '', canonical);
void render(first.state);
