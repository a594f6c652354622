// Every dashboard renders in the browser: data comes from /api with the session cookie, so
// there is nothing for the server to render (and no token on the server side to render with).
import type { LoadEvent } from '@sveltejs/kit';
import { catalog } from '../lib/api/catalog.svelte.ts';
import { session } from '../lib/api/session.svelte.ts';
import { valueLabels } from '../lib/api/value-labels.svelte.ts';
import { savedViews } from '../lib/views/saved-views.svelte.ts';

export const ssr = false;
export const prerender = false;

// Who is signed in, the metric catalog, the values' names and one's saved views are asked before the
// first render, not once the whole page has mounted (its own requests leave then), nor after who is
// signed in (none needs a role: every dashboard role may ask them); nothing waits for them here. The
// layout's effect asks again (deduplicated) when it mounts, which also meets a 401 answered before
// its sign-in handler was set, and once signed in. Untracked: navigations need not run this again.
export const load = ({ url, untrack }: LoadEvent): void => {
  if (untrack(() => url.pathname) === '/login') return;
  void catalog.load();
  void valueLabels.load();
  if (!session.me) session.load().catch(() => {});
  savedViews.askAhead();
};
