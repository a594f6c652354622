// Saved views in the warehouse's saved_views table (migration 0021): a user's named page + filter,
// found by its random id for a shared link, and one per user as the default opening / lands on.
// Written directly, like sessions: no ingest writes them, so saving never waits behind a batch.
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SavedView {
  id: string;
  name: string;
  path: string;
  search: string;
  isDefault: boolean;
  createdAt: string;
  /** Whether the caller saved it (only its owner may rename, delete or make it their default). */
  own: boolean;
}

export interface NewView { name: string; path: string; search: string; isDefault?: boolean }

/** A page path of this app: / or /segments, no scheme, host, '..' or '//' (a shared link must stay on this site). */
export const VIEW_PATH = '^/([A-Za-z0-9._~%-]+(/[A-Za-z0-9._~%-]+)*)?$';
const SAFE_PATH = new RegExp(VIEW_PATH);

export class ViewRequestError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'ViewRequestError';
  }
}

function toView(row: Record<string, unknown>, owner: string): SavedView {
  return {
    id: String(row.view_id), name: String(row.name), path: String(row.path), search: String(row.search),
    isDefault: row.is_default === true, createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    own: row.owner === owner,
  };
}

/** The search without a leading '?' and without paging: a view is the page and its filter, not a page number of a list. */
export function viewSearch(search: string): string {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  for (const key of ['page', 'runs_page']) params.delete(key);
  return params.toString();
}

export async function listViews(db: DuckDBConnection, owner: string): Promise<SavedView[]> {
  const reader = await db.runAndReadAll('SELECT * FROM saved_views WHERE owner = $owner ORDER BY lower(name), created_at', { owner });
  return reader.getRowObjectsJS().map((r) => toView(r, owner));
}

export async function findView(db: DuckDBConnection, id: string, caller: string): Promise<SavedView | null> {
  const row = (await db.runAndReadAll('SELECT * FROM saved_views WHERE view_id = $id', { id })).getRowObjectsJS()[0];
  return row ? toView(row, caller) : null;
}

export async function saveView(db: DuckDBConnection, owner: string, view: NewView): Promise<SavedView> {
  const name = view.name.trim();
  if (!name) throw new ViewRequestError('name', 'a view needs a name; type one, e.g. "Returns, last week"');
  if (!SAFE_PATH.test(view.path) || view.path.includes('..')) {
    throw new ViewRequestError('path', `"${view.path}" is not a page of this site; a view's path starts with / and names a page, e.g. /agents`);
  }
  const id = `v_${randomBytes(9).toString('base64url')}`;
  await db.run(`INSERT INTO saved_views (view_id, owner, name, path, search, created_at) VALUES ($id, $owner, $name, $path, $search, now())`,
    { id, owner, name, path: view.path, search: viewSearch(view.search) });
  if (view.isDefault) await setDefaultView(db, owner, id);
  return (await findView(db, id, owner))!;
}

/** Makes `id` (one of the owner's) their default, or clears it with null; false when the owner has no such view. */
export async function setDefaultView(db: DuckDBConnection, owner: string, id: string | null): Promise<boolean> {
  if (id !== null && !(await findView(db, id, owner))?.own) return false;
  await db.run('UPDATE saved_views SET is_default = coalesce(view_id = $id, false) WHERE owner = $owner AND (is_default OR view_id = $id)', { owner, id });
  return true;
}

/** Deletes one of the owner's views; false when the owner has no such view. */
export async function deleteView(db: DuckDBConnection, owner: string, id: string): Promise<boolean> {
  if (!(await findView(db, id, owner))?.own) return false;
  await db.run('DELETE FROM saved_views WHERE view_id = $id AND owner = $owner', { id, owner });
  return true;
}
