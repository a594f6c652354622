// How many streamed exports run at once. Each holds a DuckDB connection of its own for as long as
// its client reads (minutes for a slow one) and each chunk fetch is a scan on a 2-core server, so
// an unbounded number starves the dashboards: at most 2 per caller (a page's list and one more
// file) and 4 in all (two cores, each with a scan and a client to wait on). Beyond that: 429 with
// Retry-After and a message in both languages.
import type { Label } from '../../../warehouse/metrics/table.ts';
import type { Principal } from '../metric-query.ts';

export const EXPORTS_PER_CALLER = 2;
export const EXPORTS_IN_ALL = 4;
/** Seconds the refusal asks to wait: a typical list export's download on this hardware. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

export class TooManyExportsError extends Error {
  readonly statusCode = 429;
  readonly retryAfter = EXPORT_RETRY_AFTER_SECONDS;
  readonly label: Label;

  constructor(readonly scope: 'caller' | 'server', lang: keyof Label = 'en') {
    const label: Label = scope === 'caller'
      ? {
        en: `You already have ${EXPORTS_PER_CALLER} exports downloading (at most ${EXPORTS_PER_CALLER} at a time per user): ` +
          `wait for one to finish, then try again in ${EXPORT_RETRY_AFTER_SECONDS} s.`,
        zh: `您已有 ${EXPORTS_PER_CALLER} 个导出正在下载（每位用户最多同时 ${EXPORTS_PER_CALLER} 个）：请等其中一个完成，${EXPORT_RETRY_AFTER_SECONDS} 秒后再试。`,
      }
      : {
        en: `The server is already sending ${EXPORTS_IN_ALL} exports (at most ${EXPORTS_IN_ALL} at a time): try again in ${EXPORT_RETRY_AFTER_SECONDS} s.`,
        zh: `服务器正在发送 ${EXPORTS_IN_ALL} 个导出（最多同时 ${EXPORTS_IN_ALL} 个）：请 ${EXPORT_RETRY_AFTER_SECONDS} 秒后再试。`,
      };
    super(label[lang]);
    this.name = 'TooManyExportsError';
    this.label = label;
  }
}

export class ExportSlots {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(readonly perCaller = EXPORTS_PER_CALLER, readonly inAll = EXPORTS_IN_ALL) {}

  /** A slot for `principal`'s export, or TooManyExportsError (its message in `lang`); `release` (idempotent) gives it back. */
  take(principal: Pick<Principal, 'tokenId'> | null | undefined, lang: keyof Label = 'en'): () => void {
    // Open mode's anonymous callers (no token) share one caller's slots.
    const caller = principal?.tokenId ?? '(no token)';
    const mine = this.running.get(caller) ?? 0;
    if (mine >= this.perCaller) throw new TooManyExportsError('caller', lang);
    if (this.total >= this.inAll) throw new TooManyExportsError('server', lang);
    this.running.set(caller, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.running.get(caller) ?? 1) - 1;
      if (left > 0) this.running.set(caller, left);
      else this.running.delete(caller);
    };
  }
}

/** One set of slots per warehouse: the connections they bound are the warehouse's. */
const slotsByWarehouse = new WeakMap<object, ExportSlots>();

export function exportSlotsOf(warehouse: object): ExportSlots {
  let slots = slotsByWarehouse.get(warehouse);
  if (!slots) slotsByWarehouse.set(warehouse, slots = new ExportSlots());
  return slots;
}
