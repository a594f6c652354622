// What an ingest run's source says, kept and shown. HTTP batches are stored as
// "http-upload:<token id>:<file names>" (not the caller's address): the Data page shows the files and
// "HTTP upload by <token name>". CLI sources are file paths: shown by file name, so no server path
// reaches the page or its exports.

/** The stored source of an HTTP batch: who sent it (the token; 'open' in open mode) and its files' names (none for a bare body). */
export function httpUploadSource(tokenId: string | null, names: readonly string[], bodyName: string): string {
  return `http-upload:${tokenId ?? 'open'}:${names.filter((n) => n !== bodyName).join(', ')}`;
}

/**
 * Columns over `ingest_runs r` (with `api_tokens t` joined on UPLOAD_TOKEN_SQL): `source` (file names,
 * null for an HTTP body), `origin` ('http' | 'stdin' | 'file'), `uploaded_by` (the token's name).
 */
export const UPLOAD_TOKEN_SQL = `regexp_extract(r.source, '^http-upload:([^:]*):', 1)`;
export const SOURCE_COLUMNS_SQL = `
  CASE WHEN r.source LIKE 'http-upload:%' THEN nullif(regexp_extract(r.source, '^http-upload:[^:]*:(.*)$', 1), '')
       WHEN r.source LIKE 'http:%' THEN NULL
       WHEN r.source = 'stdin' THEN 'stdin'
       ELSE array_to_string(list_transform(string_split(r.source, ', '), f -> regexp_extract(f, '[^/\\\\]+$')), ', ') END AS source,
  CASE WHEN r.source LIKE 'http-upload:%' OR r.source LIKE 'http:%' THEN 'http' WHEN r.source = 'stdin' THEN 'stdin' ELSE 'file' END AS origin,
  t.name AS uploaded_by`;
