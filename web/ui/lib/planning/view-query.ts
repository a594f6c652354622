// Panel takes a Query of a MetricTable; the planning routes answer JSON views that hold one.
// This reads a table out of another query (or a derived view) while keeping its loading and
// error states, so the planning panels get Panel's states without a second request.
import type { ApiError } from '../api/api-client.ts';
import type { MetricTable } from '../api/types.ts';

interface Source { readonly error: ApiError | null; readonly loading: boolean }

export function tableQuery(source: () => Source, table: () => MetricTable | null): { readonly data: MetricTable | null; readonly error: ApiError | null; readonly loading: boolean } {
  return {
    get data() { return table(); },
    get error() { return source().error; },
    get loading() { return source().loading; },
  };
}
