import { h } from '../dom.ts';

/**
 * The sign-in form shown when the API answers 401: it asks for an access
 * token and resolves with it (null when the person cancels). Concurrent
 * requests that all got a 401 share one form.
 */

let pending: Promise<string | null> | null = null;

export function askForToken(reason?: string): Promise<string | null> {
  pending ??= new Promise<string | null>((resolve) => {
    const input = h('input', { attrs: { type: 'password', name: 'token', id: 'sign-in-token', required: true, autocomplete: 'current-password', spellcheck: 'false' } });
    const dialog = h(
      'dialog',
      { class: 'sign-in', attrs: { 'aria-labelledby': 'sign-in-title' } },
      h(
        'form',
        { attrs: { method: 'dialog' } },
        h('h2', { text: 'Sign in', attrs: { id: 'sign-in-title' } }),
        h('p', { text: reason ?? 'This server needs an access token. Paste the token you were given; it is kept for this browser tab only.' }),
        h('label', { text: 'Access token', attrs: { for: 'sign-in-token' } }),
        input,
        h(
          'div',
          { class: 'actions' },
          h('button', { text: 'Cancel', attrs: { type: 'submit', value: 'cancel', formnovalidate: true } }),
          h('button', { class: 'primary', text: 'Sign in', attrs: { type: 'submit', value: 'sign-in' } }),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      const token = dialog.returnValue === 'sign-in' ? input.value.trim() : '';
      dialog.remove();
      pending = null;
      resolve(token === '' ? null : token);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return pending;
}
