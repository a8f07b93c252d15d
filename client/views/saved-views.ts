import type { SavedView } from '../../server/schemas/saved-views.schema.ts';
import { api } from '../api.ts';
import { h, uid } from '../dom.ts';
import { announce, errorMessage, showError } from './status.ts';

/**
 * Saved searches: named URLs kept on the server. The panel lists them (each
 * a link that reopens its view) and saves the current view under a name;
 * saving under an existing name moves that name to the current view. A
 * saved link is an ordinary same-site link, so the shell reopens it in place.
 */
export function initSavedViews(toggle: HTMLButtonElement, panel: HTMLElement): void {
  const nameId = uid('saved-name');
  const nameInput = h('input', { attrs: { id: nameId, name: 'name', required: true, maxlength: 120, autocomplete: 'off' } });
  const list = h('ul', { class: 'saved-list' });
  const listStatus = h('div', { class: 'saved-status' });
  const form = h(
    'form',
    { class: 'save-form' },
    h('label', { text: 'Save this view as', attrs: { for: nameId } }),
    nameInput,
    h('button', { class: 'primary', text: 'Save', attrs: { type: 'submit' } }),
  );
  panel.replaceChildren(h('h2', { text: 'Saved views' }), form, listStatus, list);

  const open = () => {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    void refresh();
    nameInput.focus();
  };
  const close = () => {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => (panel.hidden ? open() : close()));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
      toggle.focus();
    }
  });

  function renderList(items: SavedView[]) {
    listStatus.replaceChildren();
    list.replaceChildren(
      ...items.map((view) =>
        h(
          'li',
          { attrs: { 'data-saved-id': view.id } },
          h('a', { text: view.name, attrs: { href: view.url }, on: { click: () => close() } }),
          h('button', {
            class: 'link danger',
            text: 'Delete',
            attrs: { type: 'button', 'aria-label': `Delete the saved view ${view.name}` },
            on: { click: () => void remove(view) },
          }),
        ),
      ),
    );
    if (items.length === 0) listStatus.replaceChildren(h('p', { class: 'muted', text: 'No saved views yet. Name this view above to keep it.' }));
  }

  async function refresh() {
    listStatus.replaceChildren(h('p', { class: 'muted', text: 'Loading saved views…' }));
    try {
      renderList((await api.savedViews()).items);
    } catch (error) {
      showError(listStatus, error, [{ label: 'Try again', run: () => void refresh() }]);
    }
  }

  async function remove(view: SavedView) {
    try {
      await api.deleteSavedView(view.id);
      announce(`Deleted "${view.name}".`);
      await refresh();
    } catch (error) {
      announce(`Could not delete "${view.name}": ${errorMessage(error)}`, 'error');
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    const url = location.pathname + location.search;
    try {
      const saved = await api.saveView(name, url);
      nameInput.value = '';
      announce(`Saved "${saved.name}".`);
      await refresh();
    } catch (error) {
      announce(`Could not save: ${errorMessage(error)}`, 'error');
    }
  });
}
