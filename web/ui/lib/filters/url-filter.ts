// The global filter lives in the page URL with the API's own parameter names, so a view can be
// bookmarked and every panel passes the same filter on: read it, change it, and build API URLs.

/** Dimensions the filter bar offers (each repeatable: ?team=a&team=b). */
export const FILTER_DIMENSIONS = ['team', 'channel', 'problem_type', 'priority', 'region'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Every URL parameter that is part of the filter and is passed on to the API. */
export const FILTER_KEYS = ['from', 'to', ...FILTER_DIMENSIONS, 'clock'] as const;
/** The parameters the ingest log routes (/api/ingest-runs, /api/quarantine) accept from the filter. */
export const RANGE_KEYS = ['from', 'to'] as const;

export type Clock = 'business' | 'calendar';

export interface UiFilter {
  from: string | null;
  to: string | null;
  values: Record<FilterDimension, string[]>;
  clock: Clock | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readFilter(params: URLSearchParams): UiFilter {
  const day = (key: string) => {
    const value = params.get(key);
    return value && DAY.test(value) ? value : null;
  };
  const clock = params.get('clock');
  const values = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, params.getAll(d).filter((v) => v !== '')])) as UiFilter['values'];
  return { from: day('from'), to: day('to'), values, clock: clock === 'business' || clock === 'calendar' ? clock : null };
}

export type FilterChange =
  | { range: { from: string; to: string } | null }
  | { dimension: FilterDimension; values: string[] }
  | { clock: Clock | null };

/** The URL after a filter change; other parameters (page state such as grain) are kept. */
export function changeFilter(url: URL, change: FilterChange): URL {
  const next = new URL(url);
  if ('range' in change) {
    if (change.range) {
      next.searchParams.set('from', change.range.from);
      next.searchParams.set('to', change.range.to);
    } else {
      next.searchParams.delete('from');
      next.searchParams.delete('to');
    }
  } else if ('dimension' in change) {
    next.searchParams.delete(change.dimension);
    for (const value of change.values) next.searchParams.append(change.dimension, value);
  } else if (change.clock) {
    next.searchParams.set('clock', change.clock);
  } else {
    next.searchParams.delete('clock');
  }
  // Paging belongs to the old result set.
  next.searchParams.delete('page');
  return next;
}

/** The URL without any filter parameter. */
export function clearFilter(url: URL): URL {
  const next = new URL(url);
  for (const key of FILTER_KEYS) next.searchParams.delete(key);
  next.searchParams.delete('page');
  return next;
}

/** Only the filter part of a query string, e.g. to keep the filter on navigation links. */
export function filterSearch(params: URLSearchParams, keys: readonly string[] = FILTER_KEYS): string {
  const out = new URLSearchParams();
  for (const key of keys) for (const value of params.getAll(key)) out.append(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}

export type Extra = Record<string, string | number | null | undefined>;

/**
 * An API URL: `path` with the page's filter parameters (only `keys`) plus `extra` (route options
 * such as grain, by, page, format); null or undefined extras are left out.
 */
export function apiUrl(path: string, params: URLSearchParams, extra: Extra = {}, keys: readonly string[] = FILTER_KEYS): string {
  const out = new URLSearchParams(filterSearch(params, keys));
  for (const [key, value] of Object.entries(extra)) {
    if (value !== null && value !== undefined && value !== '') out.set(key, String(value));
  }
  const text = out.toString();
  return text ? `${path}?${text}` : path;
}
