// Arrow IPC stream bodies for POST /api/events: read batch by batch with apache-arrow and written
// as NDJSON, which the ingest pipeline reads like any other source (DuckDB here has no Arrow reader).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordBatchReader } from 'apache-arrow';

/** A cell as JSON: timestamps as ISO 8601 UTC, 64-bit integers as numbers, nested values as is. */
function jsonCell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Writes the rows of the Arrow IPC stream `body` to `file` as NDJSON; returns the row count. */
export async function arrowToNdjson(body: AsyncIterable<Uint8Array>, file: string, timestampColumns = ['occurred_at']): Promise<number> {
  const out = createWriteStream(file);
  let rows = 0;
  try {
    const reader = await RecordBatchReader.from(body);
    for await (const batch of reader) {
      const names = batch.schema.fields.map((f) => f.name);
      // Arrow timestamps arrive as epoch milliseconds: say they are instants.
      const asInstant = names.map((n, i) => timestampColumns.includes(n) && String(batch.schema.fields[i]!.type).startsWith('Timestamp'));
      let chunk = '';
      for (const row of batch) {
        const record: Record<string, unknown> = {};
        names.forEach((name, i) => {
          const value = row[name];
          record[name] = asInstant[i] && typeof value === 'number' ? new Date(value).toISOString() : jsonCell(value);
        });
        chunk += `${JSON.stringify(record)}\n`;
        rows++;
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return rows;
}
