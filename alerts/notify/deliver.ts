// Delivery to several targets at once: each retried with backoff (1 s, 4 s by default) and every
// attempt handed to `record` (sent, or failed and why). A failing target never delays or fails the
// others, and delivery never throws.
import type { AlertMessage } from './message.ts';
import { send } from './registry.ts';
import type { NotifyTarget } from './target.ts';

export interface DeliveryAttempt { target: string; attempt: number; outcome: 'sent' | 'failed'; why: string | null; at: Date }

export interface DeliveryOptions {
  attempts?: number;
  /** Wait before retry n (1-based), in ms. */
  backoffMs?: (retry: number) => number;
  sender?: (target: NotifyTarget, message: AlertMessage) => Promise<void>;
}

const DEFAULT_BACKOFF = (retry: number) => 1000 * 4 ** (retry - 1);

/** Resolves once every target was delivered or gave up; true per target that got the message. */
export async function deliver(targets: NotifyTarget[], message: AlertMessage, record: (attempt: DeliveryAttempt) => Promise<void> | void,
  options: DeliveryOptions = {}): Promise<boolean[]> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const sender = options.sender ?? send;
  const one = async (target: NotifyTarget): Promise<boolean> => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await sender(target, message);
        await Promise.resolve(record({ target: target.id, attempt, outcome: 'sent', why: null, at: new Date() })).catch(() => undefined);
        return true;
      } catch (err) {
        // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, a timeout ...)
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        const why = [(err as Error).message || String(err), cause?.code ?? cause?.message].filter(Boolean).join(': ');
        await Promise.resolve(record({ target: target.id, attempt, outcome: 'failed', why, at: new Date() })).catch(() => undefined);
        if (attempt < attempts) await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
    return false;
  };
  return Promise.all(targets.map(one));
}
