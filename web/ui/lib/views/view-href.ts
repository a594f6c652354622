// Where a saved view leads: its page with its filter, and the link that shares it (which opens
// /views/<id> and lands on the view for whoever follows it, within their own role and teams).
export interface ViewTarget { id: string; path: string; search: string }

export const viewHref = (view: Pick<ViewTarget, 'path' | 'search'>): string => (view.search ? `${view.path}?${view.search}` : view.path);

export const shareLink = (origin: string, view: Pick<ViewTarget, 'id'>): string => `${origin}/views/${encodeURIComponent(view.id)}`;

/** Opening the app's root with no filter of its own is what a default view replaces. */
export const landsOnDefault = (url: URL): boolean => url.pathname === '/' && url.search === '';
