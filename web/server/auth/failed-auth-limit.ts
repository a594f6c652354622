// Failed authentication per address: after `max` guesses (unknown or malformed credentials) in a
// window, the address answers 429 with Retry-After, without its credentials even being checked, so
// a guesser learns nothing until the window ends. Ended sessions and revoked tokens are no guesses.
export interface FailedAuthLimits { max: number; windowMs: number }

export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = { max: 10, windowMs: 60_000 };

/** Addresses remembered at most; past it, expired windows are dropped, then the oldest. */
const MAX_ADDRESSES = 10_000;

export class FailedAuthLimit {
  private readonly windows = new Map<string, { failures: number; since: number }>();

  constructor(readonly limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS) {}

  /** The seconds `address` must wait before its credentials are checked again, or 0. */
  retryAfter(address: string, now = Date.now()): number {
    const window = this.windows.get(address);
    if (!window || window.failures <= this.limits.max || now - window.since >= this.limits.windowMs) return 0;
    return Math.max(1, Math.ceil((window.since + this.limits.windowMs - now) / 1000));
  }

  /** Records a guess from `address`: the seconds it must wait when now over the limit, else 0. */
  fail(address: string, now = Date.now()): number {
    let window = this.windows.get(address);
    if (!window || now - window.since >= this.limits.windowMs) {
      this.windows.delete(address);
      window = { failures: 0, since: now };
      this.windows.set(address, window);
      this.prune(now);
    }
    window.failures++;
    return this.retryAfter(address, now);
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
