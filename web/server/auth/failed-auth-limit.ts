// Failed authentication per address: after `max` failures in a window, further failures answer 429
// with Retry-After instead of 401. Successes are never limited, so a valid token always works.
export interface FailedAuthLimits { max: number; windowMs: number }

export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = { max: 10, windowMs: 60_000 };

/** Addresses remembered at most; past it, expired windows are dropped, then the oldest. */
const MAX_ADDRESSES = 10_000;

export class FailedAuthLimit {
  private readonly windows = new Map<string, { failures: number; since: number }>();

  constructor(readonly limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS) {}

  /** Records a failure from `address`: the seconds it must wait when over the limit, else 0. */
  fail(address: string, now = Date.now()): number {
    let window = this.windows.get(address);
    if (!window || now - window.since >= this.limits.windowMs) {
      this.windows.delete(address);
      window = { failures: 0, since: now };
      this.windows.set(address, window);
      this.prune(now);
    }
    window.failures++;
    if (window.failures <= this.limits.max) return 0;
    return Math.max(1, Math.ceil((window.since + this.limits.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    if (this.windows.size <= MAX_ADDRESSES) return;
    for (const [address, window] of this.windows) {
      if (now - window.since >= this.limits.windowMs) this.windows.delete(address);
    }
    for (const address of this.windows.keys()) {
      if (this.windows.size <= MAX_ADDRESSES) break;
      this.windows.delete(address);
    }
  }
}
