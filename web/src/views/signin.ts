/** Signing in to a team server with the access token an admin gave (greyzone user add). */
import { ApiError } from '../api.ts';
import { fill, h } from '../dom.ts';
import { signIn } from '../session.ts';

export default function signin(root: HTMLElement, done: () => void): void {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
  const status = h('p', { role: 'alert', class: 'error', hidden: true });
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('label', { for: 'token' }, 'Access token'),
    input,
    h('button', { type: 'submit' }, 'Sign in'),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.hidden = true;
    signIn(input.value.trim()).then(done, (err: unknown) => {
      status.textContent = err instanceof ApiError ? err.message : 'Signing in failed.';
      status.hidden = false;
    });
  });
  document.title = 'Sign in — greyzone';
  fill(root, h('h1', { id: 'signin-title' }, 'Sign in'), h('p', {}, 'This greyzone server is shared by a team. Sign in with the access token your administrator gave you; what you see depends on your clearance.'), form);
  input.focus();
}
