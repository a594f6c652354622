// Page-level view options kept in the URL beside the filter (grain, by, page, sort): read one
// with a default and allowed values, and the URL with one of them changed.

export function readParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[], fallback: T): T {
  const value = params.get(key);
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

export function readPage(params: URLSearchParams, key = 'page'): number {
  const n = Number(params.get(key));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The URL with `key` set (or removed for null); changing anything but the page resets paging. */
export function withParam(url: URL, key: string, value: string | number | null, pageKey = 'page'): URL {
  const next = new URL(url);
  if (value === null) next.searchParams.delete(key);
  else next.searchParams.set(key, String(value));
  if (key !== pageKey) next.searchParams.delete(pageKey);
  return next;
}
