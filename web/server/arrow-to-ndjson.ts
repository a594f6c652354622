// Arrow IPC stream bodies for POST /api/events: read batch by batch with apache-arrow and written
// as NDJSON, which the ingest pipeline reads like any other source (DuckDB here has no Arrow reader).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordBatchReader } from 'apache-arrow';
import { IngestError } from '../../ingest/ingest-error.ts';
import { MAX_SOURCE_COLUMNS } from '../../ingest/sources/stage-file.ts';

const SOURCE = 'the request body';

/** What apache-arrow says of bytes that are not an IPC stream, as the caller's mistake (a 400). */
function notArrow(err: unknown): unknown {
  // Not the bytes' fault: the body's own limit (413), a refusal already worded, the disk (ENOSPC).
  const { statusCode, syscall } = err as { statusCode?: number; syscall?: string };
  if (statusCode !== undefined || syscall !== undefined || err instanceof IngestError) return err;
  return new IngestError(SOURCE, `is not an Arrow IPC stream (${String((err as Error).message).split('\n')[0]}); ` +
    "send the stream format, e.g. tableToIPC(table, 'stream') in JavaScript or pyarrow.ipc.new_stream in Python");
}

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
    const reader = await RecordBatchReader.from(body).catch((err: unknown) => { throw notArrow(err); });
    for await (const batch of reader) {
      const names = batch.schema.fields.map((f) => f.name);
      if (names.length > MAX_SOURCE_COLUMNS) {
        throw new IngestError(SOURCE, `has ${names.length} columns; at most ${MAX_SOURCE_COLUMNS} are read: drop the columns that are not needed`);
      }
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
  } catch (err) {
    throw notArrow(err);
  } finally {
    out.end();
    await once(out, 'close');
  }
  return rows;
}
