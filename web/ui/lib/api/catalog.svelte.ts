// The metric catalog (/api/metrics: labels in both languages, units, which direction is good),
// loaded once per session and shared by the KPI tiles and chart titles.
import { ApiError, apiGet, currentSession } from './api-client.ts';
import { readCatalog } from './metric-catalog.ts';
import type { MetricInfo } from './types.ts';

class Catalog {
  metrics = $state.raw<Map<string, MetricInfo>>(new Map());
  error = $state.raw<ApiError | null>(null);
  #loading: { session: number; catalog: Promise<void> } | null = null;

  load(): Promise<void> {
    // A request of an earlier session (refused before a sign-in, its answer maybe still to come) is asked again, and its answer dropped.
    if (this.#loading?.session === currentSession()) return this.#loading.catalog;
    const loading = {
      session: currentSession(),
      catalog: apiGet<unknown>('/api/metrics').then(
        (body) => { if (this.#loading === loading) [this.metrics, this.error] = [readCatalog(body), null]; },
        (err: unknown) => {
          if (this.#loading !== loading) return;
          this.error = err instanceof ApiError ? err : new ApiError(0, String(err));
          this.#loading = null;
        },
      ),
    };
    this.#loading = loading;
    return loading.catalog;
  }

  get(key: string): MetricInfo | undefined {
    return this.metrics.get(key);
  }
}

export const catalog = new Catalog();
