/**
 * The explorer's router: every view has a URL (so a link can be shared), links are followed
 * without reloading, and the search box works from every page.
 */
import { api, ApiError } from './api.ts';
import { clear, fill, h } from './dom.ts';
import { currentSession, forgetSession, signOut, type Session } from './session.ts';
import signin from './views/signin.ts';

export interface ViewContext {
  /** The path's captured parts, decoded. */
  params: string[];
  query: URLSearchParams;
}
type View = (root: HTMLElement, ctx: ViewContext) => Promise<void>;

const ROUTES: [RegExp, () => Promise<{ default: View }>][] = [
  [/^\/$/, () => import('./views/system.ts')],
  [/^\/entity\/([^/]+)$/, () => import('./views/entity.ts')],
  [/^\/source\/([^/]+)$/, () => import('./views/source.ts')],
  [/^\/matrix$/, () => import('./views/matrix.ts')],
  [/^\/cases$/, () => import('./views/cases.ts')],
  [/^\/case\/([^/]+)$/, () => import('./views/case.ts')],
  [/^\/search$/, () => import('./views/search.ts')],
  [/^\/screen$/, () => import('./views/screen.ts')],
  [/^\/approach$/, () => import('./views/approach.ts')],
  [/^\/review$/, () => import('./views/review.ts')],
  [/^\/review\/([0-9a-f]{64})$/, () => import('./views/review-document.ts')],
  [/^\/audit$/, () => import('./views/audit.ts')],
  [/^\/watchlists$/, () => import('./views/watchlists.ts')],
  [/^\/watchlists\/([^/]+)$/, () => import('./views/watchlist.ts')],
  [/^\/alerts$/, () => import('./views/alerts.ts')],
  [/^\/briefing$/, () => import('./views/briefing.ts')],
];

const root = document.getElementById('app')!;

/** The header's account area: who is signed in, with what clearance; admins get the audit log. */
function showAccount(session: Session): void {
  const area = document.getElementById('account')!;
  clear(area);
  const account = session.account;
  document.querySelector('header nav a[href="/audit"]')?.remove();
  if (account?.role === 'admin') document.querySelector('header nav')!.append(h('a', { href: '/audit' }, 'Audit'));
  if (session.mode !== 'server' || !account) return;
  fill(
    area,
    h('span', { class: 'who' }, `${account.name} · ${account.role} · cleared TLP:${account.clearance.toUpperCase()}`),
    h('button', { type: 'button', class: 'link', onclick: () => void signOut().then(() => void render()) }, 'Sign out'),
  );
}

/** The header's count of new alerts in the watchlists the reader may see. */
export async function refreshAlertCount(): Promise<void> {
  const badge = document.getElementById('alert-count');
  if (!badge) return;
  try {
    const { new: count } = await api<{ new: number }>('/alerts/count');
    badge.textContent = count ? String(count) : '';
    badge.title = `${count} new alert${count === 1 ? '' : 's'}`;
  } catch {
    badge.textContent = '';
  }
}

async function render(): Promise<void> {
  const { pathname, search } = window.location;
  clear(root);
  root.setAttribute('aria-busy', 'true');
  try {
    const route = ROUTES.find(([re]) => re.test(pathname));
    // The view's code is fetched while the session is asked for.
    const loading = route?.[1]();
    loading?.catch(() => undefined);
    const session = await currentSession();
    showAccount(session);
    if (session.mode === 'server' && !session.account) {
      signin(root, () => void render());
      return;
    }
    void refreshAlertCount();
    if (route && loading) {
      const view = (await loading).default;
      await view(root, { params: route[0].exec(pathname)!.slice(1).map(decodeURIComponent), query: new URLSearchParams(search) });
      return;
    }
    root.append(h('h1', {}, 'Not found'), h('p', {}, `There is no view at ${pathname}.`));
  } catch (e) {
    clear(root);
    if (e instanceof ApiError && e.status === 401) {
      // The session ended (expired or revoked): sign in again, then come back here.
      forgetSession();
      signin(root, () => void render());
      return;
    }
    const message = e instanceof ApiError ? e.message : 'Something went wrong loading this view.';
    root.append(h('h1', {}, e instanceof ApiError && e.status === 404 ? 'Not found' : 'Error'), h('p', { class: 'error', role: 'alert' }, message));
  } finally {
    root.removeAttribute('aria-busy');
    document.querySelectorAll<HTMLAnchorElement>('header nav a').forEach((a) => {
      if (a.pathname === pathname) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }
}

export function navigate(href: string): void {
  history.pushState(null, '', href);
  void render().then(() => root.focus());
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest('a');
  if (!a || a.origin !== window.location.origin || a.target || e.metaKey || e.ctrlKey || e.shiftKey || a.hasAttribute('download')) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});
document.querySelector('form.search')!.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = (document.getElementById('q') as HTMLInputElement).value.trim();
  if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
});
window.addEventListener('popstate', () => void render());
void render();
