// Ingest batches through the write queue, the ones that wait for the writer together written
// together: when a canonical batch's turn comes, the canonical batches queued behind it go along in
// the same transaction (ingestTogether: each its own run, their tickets derived once). Derivation and
// the rollups cost about a second a run whatever its size, so senders that keep several batches in
// flight get them written in about half the time. Each request still gets its own run's summary; a
// lot that fails is written again one batch at a time, so that a bad batch fails alone.
import { filesBytes, groupable, ingest, ingestTogether, type IngestRequest, type IngestSummary } from '../../ingest/pipeline.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import type { Admission, WriteQueue } from './write-queue.ts';

/**
 * The most bytes a lot takes along: the saving is the fixed cost of a run, which matters for small
 * batches; a lot of large ones would only hold more in one transaction.
 */
export const LOT_BYTES = 16 * 1024 * 1024;

interface Queued {
  request: IngestRequest;
  bytes: number;
  /** Written by an earlier batch's lot: its own turn in the queue does nothing. */
  taken: boolean;
  resolve(summary: IngestSummary): void;
  reject(err: unknown): void;
}

export class BatchWriter {
  /** Canonical batches queued and not written yet, in the queue's order. */
  private queued: Queued[] = [];

  constructor(private readonly warehouse: Warehouse, private readonly writes: WriteQueue, private readonly lotBytes = LOT_BYTES) {}

  /** Writes `request` (its place in the queue taken by `admission`), alone or with the batches queued behind it. */
  write(request: IngestRequest, admission: Admission): Promise<IngestSummary> {
    const batch = { admission, what: 'an ingest batch' };
    if (!groupable(request)) return this.writes.run(() => ingest(this.warehouse, request), batch);
    return new Promise<IngestSummary>((resolve, reject) => {
      const entry: Queued = { request, bytes: filesBytes(request.inputs), taken: false, resolve, reject };
      this.queued.push(entry);
      this.writes.run(async () => { if (!entry.taken) await this.writeLot(entry); }, batch).catch((err: unknown) => {
        // Refused before its turn (its wait ran out): unless a lot took it meanwhile, it leaves the line.
        if (entry.taken) return;
        this.queued = this.queued.filter((q) => q !== entry);
        reject(err);
      });
    });
  }

  /** `first` and the batches queued behind it, up to `lotBytes`, each answered with its own summary or error. */
  private async writeLot(first: Queued): Promise<void> {
    const lot = [first];
    let bytes = first.bytes;
    for (const next of this.queued.slice(this.queued.indexOf(first) + 1)) {
      if (bytes + next.bytes > this.lotBytes) break;
      lot.push(next);
      bytes += next.bytes;
    }
    for (const entry of lot) entry.taken = true;
    this.queued = this.queued.filter((q) => !q.taken);
    if (lot.length > 1) {
      const summaries = await ingestTogether(this.warehouse, lot.map((entry) => entry.request)).catch(() => null);
      if (summaries) {
        lot.forEach((entry, i) => entry.resolve(summaries[i]!));
        return;
      }
    }
    for (const entry of lot) await ingest(this.warehouse, entry.request).then(entry.resolve, entry.reject);
  }
}
