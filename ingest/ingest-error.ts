// The one error type of ingest: what was wrong, where (source, line, column) and what to do.
// The same object becomes a quarantine row, a CLI message and an HTTP body.

export class IngestError extends Error {
  constructor(readonly source: string, readonly reason: string, readonly line?: number, readonly column?: string) {
    super(`${source}${line === undefined ? '' : `:${line}`}${column === undefined ? '' : ` (${column})`}: ${reason}`);
    this.name = 'IngestError';
  }
}
