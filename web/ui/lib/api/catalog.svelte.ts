// The metric catalog (/api/metrics: labels in both languages, units, which direction is good),
// loaded once per session and shared by the KPI tiles and chart titles.
import { ApiError, apiGet } from './api-client.ts';
import { readCatalog } from './metric-catalog.ts';
import type { MetricInfo } from './types.ts';

class Catalog {
  metrics = $state.raw<Map<string, MetricInfo>>(new Map());
  error = $state.raw<ApiError | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loading ??= apiGet<unknown>('/api/metrics').then(
      (body) => { this.metrics = readCatalog(body); this.error = null; },
      (err: unknown) => { this.error = err instanceof ApiError ? err : new ApiError(0, String(err)); this.#loading = null; },
    );
    return this.#loading;
  }

  get(key: string): MetricInfo | undefined {
    return this.metrics.get(key);
  }
}

export const catalog = new Catalog();
