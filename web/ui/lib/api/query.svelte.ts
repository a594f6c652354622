// A GET that follows reactive inputs: create it in a component with a function returning the URL
// (or null to wait); it refetches when the URL changes and drops answers to superseded requests.
import { ApiError, apiGet } from './api-client.ts';

export class Query<T> {
  data = $state.raw<T | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(true);

  constructor(url: () => string | null) {
    $effect(() => {
      const target = url();
      if (target === null) return;
      let current = true;
      this.loading = true;
      this.error = null;
      apiGet<T>(target).then(
        (data) => { if (current) { this.data = data; this.loading = false; } },
        (err: unknown) => {
          if (!current) return;
          this.error = err instanceof ApiError ? err : new ApiError(0, String(err));
          this.data = null;
          this.loading = false;
        },
      );
      return () => { current = false; };
    });
  }
}
