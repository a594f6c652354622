// A run's source as the Data page shows it: its file names, "HTTP upload by <token name>" for batches
// sent over HTTP (with their files' names when multipart), standard input by name.
import type { MetricTable } from '../../lib/api/types.ts';
import { translate, type Lang } from '../../lib/i18n/translate.ts';

export function runSource(row: Record<string, unknown>, lang: Lang): string | null {
  const files = typeof row.source === 'string' && row.source ? row.source : null;
  if (row.origin === 'stdin') return translate(lang, 'data.stdin');
  if (row.origin !== 'http') return files;
  const who = typeof row.uploaded_by === 'string'
    ? translate(lang, 'data.httpUploadBy', { name: row.uploaded_by }) : translate(lang, 'data.httpUpload');
  return files ? `${who}: ${files}` : who;
}

/** The runs table with `source` as shown, for a table that hides `origin` and `uploaded_by`. */
export const shownRuns = (table: MetricTable, lang: Lang): MetricTable => ({
  ...table, rows: table.rows.map((r) => ({ ...r, source: runSource(r, lang) })),
});

/** What the server calls a batch sent as the bare request body (web/server/ingest-upload.ts BODY_NAME). */
const BODY_NAME = 'the request body';

/** The quarantine table with a bare body's source in the viewer's language. */
export const shownQuarantine = (table: MetricTable, lang: Lang): MetricTable => ({
  ...table, rows: table.rows.map((r) => (r.source === BODY_NAME ? { ...r, source: translate(lang, 'data.requestBody') } : r)),
});
