import { ApiError } from '../api.ts';
import { h } from '../dom.ts';

/**
 * Loading, error and empty states, the same everywhere. A loading note
 * appears only when a request takes longer than a moment, so fast answers
 * don't flash.
 */

export const LOADING_DELAY_MS = 150;

export function showLoading(container: Element, label: string): () => void {
  const note = h('div', { class: 'status loading', attrs: { role: 'status', 'aria-live': 'polite' } }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), label);
  const timer = setTimeout(() => container.append(note), LOADING_DELAY_MS);
  return () => {
    clearTimeout(timer);
    note.remove();
  };
}

export interface Action {
  label: string;
  run?: () => void;
  href?: string;
}

function actionButtons(actions: Action[]) {
  return actions.length === 0
    ? null
    : h(
        'div',
        { class: 'actions' },
        ...actions.map((a) =>
          a.href
            ? h('a', { class: 'button', text: a.label, attrs: { href: a.href } })
            : h('button', { text: a.label, attrs: { type: 'button' }, on: { click: () => a.run?.() } }),
        ),
      );
}

export function errorTitle(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong';
  switch (error.kind) {
    case 'unavailable':
      return 'The database is unreachable';
    case 'network':
      return 'The server is unreachable';
    case 'not_found':
      return 'Not found';
    case 'bad_request':
      return 'The request was not accepted';
    case 'unauthorized':
      return 'Sign-in needed';
    case 'forbidden':
      return 'Not allowed';
    case 'conflict':
      return 'Not possible';
    case 'invalid_response':
      return 'Unexpected answer from the server';
    default:
      return 'The server failed';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Replaces the container's content with an error box (role=alert) and its actions. */
export function showError(container: Element, error: unknown, actions: Action[] = []): HTMLElement {
  const box = h(
    'div',
    { class: 'status error', attrs: { role: 'alert' } },
    h('strong', { text: errorTitle(error) }),
    h('p', { text: errorMessage(error) }),
    actionButtons(actions),
  );
  container.replaceChildren(box);
  return box;
}

export function showEmpty(container: Element, title: string, message: string, actions: Action[] = []): HTMLElement {
  const box = h('div', { class: 'status empty' }, h('strong', { text: title }), h('p', { text: message }), actionButtons(actions));
  container.replaceChildren(box);
  return box;
}

/** A short-lived note in the page's live region (saved, copied, moved…). */
export function announce(message: string, tone: 'info' | 'error' = 'info'): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  const note = h('div', { class: `toast ${tone}`, text: message, attrs: tone === 'error' ? { role: 'alert' } : {} });
  region.append(note);
  setTimeout(() => note.remove(), tone === 'error' ? 8000 : 4000);
}
