// Expands the inputs of an ingest (files, directories, globs) into files with a known format.
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { extname, join } from 'node:path';
import { IngestError } from '../ingest-error.ts';

export type SourceFormat = 'csv' | 'ndjson' | 'json' | 'parquet';

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  '.csv': 'csv', '.tsv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'json', '.parquet': 'parquet',
};

export function formatOf(file: string, declared?: SourceFormat): SourceFormat {
  const format = declared ?? FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
  if (!format) {
    throw new IngestError(file, `cannot tell the format from the extension "${extname(file)}"; ` +
      `use .csv, .ndjson, .jsonl, .json or .parquet, or pass --format`);
  }
  return format;
}

/** Files to read, in a stable (sorted) order. */
export async function listInputs(db: DuckDBConnection, inputs: readonly string[], declared?: SourceFormat): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    if (/[*?[]/.test(input)) {
      // DuckDB's glob() does the matching (Node 20 has no fs.glob).
      const reader = await db.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [input]);
      const matched = reader.getRows().map(([f]) => String(f)).filter((f) => statSync(f).isFile());
      if (matched.length === 0) throw new IngestError(input, 'no file matches this pattern');
      files.push(...matched);
    } else if (!existsSync(input)) {
      throw new IngestError(input, 'no such file or directory; check the path');
    } else if (statSync(input).isDirectory()) {
      const matched = readdirSync(input).sort().map((f) => join(input, f))
        .filter((f) => statSync(f).isFile() && (declared || FORMAT_BY_EXTENSION[extname(f).toLowerCase()]));
      if (matched.length === 0) {
        throw new IngestError(input, 'the directory has no .csv, .ndjson, .jsonl, .json or .parquet files');
      }
      files.push(...matched);
    } else {
      files.push(input);
    }
  }
  for (const f of files) formatOf(f, declared);
  return files;
}
