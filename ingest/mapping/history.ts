// A mapped source gives the same events however its rows arrive: in one file, in monthly pieces,
// or with an earlier piece after a later one (issue 16). Two kinds of events look beyond one row:
// - snapshots: a row's events come from comparing it with the ticket's row before. Every good row is
//   kept in source_snapshots; a batch that brings rows of a ticket whose stored history holds rows
//   from elsewhere maps that whole history again and replaces the mapping's events of the ticket
//   (event ids are made of ticket, order key and what changed, so unchanged events stay as they are);
// - events with created_if_missing: the synthetic `created` is at the ticket's earliest row; an
//   earlier row in a later batch moves it there, and a real `created` in any batch removes it.
// All of it runs in the ingest's transaction, on the temp tables of the pipeline (_raw_rows, _staged).
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS } from '../../warehouse/event-model.ts';
import { hashIdSql } from './canonical-select.ts';
import type { Mapping } from './mapping.ts';
import { mappingSql, snapshotRowsSql } from './mapping-sql.ts';
import { sqlIdent, sqlString } from '../../warehouse/sql-quote.ts';

/** The runs of this mapping: the events a mapping made are the events of its runs. */
const MAPPING_RUNS = 'SELECT run_id FROM ingest_runs WHERE mapping = $mapping';

/** The event_id of the `created` a mapping makes for a ticket from its first row (canonical-select.ts). */
function synthesisedCreatedId(mapping: Mapping, ticket: string): string {
  return hashIdSql([sqlString(mapping.name), ticket, "'created'"]);
}

/** Snapshots, before the run's first file: _run_rows lists the rows each file of the run has. */
export async function beginSnapshotRun(db: DuckDBConnection): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE _run_rows (ticket_id VARCHAR, row_key VARCHAR, file INTEGER)');
}

/**
 * Where a kept row came from (source_snapshots.source): run and the file's place in the run, padded
 * so that text order is arrival order. Never the path read: uploads and transcoded copies are read
 * from temp paths, which would be kept in the warehouse and order rows tied on the order keys by chance.
 */
const ROW_ORIGIN = "printf('%012d/%06d', $run::BIGINT, $file::INTEGER)";

/**
 * Snapshots: keeps the good rows of the staged file (_raw_rows) in source_snapshots, each row once,
 * and notes in _run_rows (ticket_id, row_key, file) which rows file number `file` of the run has.
 */
export async function keepSnapshotRows(db: DuckDBConnection, mapping: Mapping, runId: number, file: number, piiKey: string): Promise<void> {
  // with their header text, as the mapping resolved them when staging the file (stage-file.ts)
  const columns = (await db.runAndReadAll('SELECT name, header FROM _raw_columns')).getRows()
    .map(([name, header]) => ({ name: String(name), header: String(header) }));
  const rows = snapshotRowsSql(mapping, '_raw_rows', columns).sql;
  const params = { mapping: mapping.name, run: runId, file, ...(rows.includes('$pii_key') ? { pii_key: piiKey } : {}) };
  await db.run(`CREATE OR REPLACE TEMP TABLE _file_rows AS
    SELECT __ticket AS ticket_id,
           substr(sha256(CAST(json_array($mapping, __ticket, __columns, __values) AS VARCHAR)), 1, 32) AS row_key,
           ${ROW_ORIGIN} AS __source, __line, __columns, __values
    FROM (${rows}) WHERE __ticket IS NOT NULL AND __line NOT IN (SELECT __line FROM _staged WHERE __error IS NOT NULL)`, params);
  await db.run('INSERT INTO _run_rows SELECT DISTINCT ticket_id, row_key, $file FROM _file_rows', { file });
  await db.run(`INSERT INTO source_snapshots
    SELECT $mapping, ticket_id, row_key, __source, __line, __columns, __values, $run
    FROM _file_rows f ANTI JOIN (SELECT row_key FROM source_snapshots WHERE mapping = $mapping) s USING (row_key)
    QUALIFY row_number() OVER (PARTITION BY row_key ORDER BY __line) = 1`, { mapping: mapping.name, run: runId });
  await db.run('DROP TABLE _file_rows');
}

/** What the resettling needs of the pipeline: validation of _staged into _checked, and the typed valid rows of it. */
export interface Revalidation {
  /** Validates _staged into _checked, the warehouse's events not left out. */
  validate(): Promise<unknown>;
  /** SELECT of the valid rows of _checked typed like events (+ source_seq, __line), values taken as they are (already pseudonymised). */
  candidates: string;
}

/**
 * Snapshots, after every file of the run is appended: each ticket of the run whose stored rows are
 * not all in one file of the run, or were first kept from more than one file (a later month sent
 * alone, then the whole year), is mapped again from its whole stored history, and the events of
 * this mapping's runs since its first stored row are made those of the history (events that differ
 * are replaced, missing ones added under `runId`). Returns the temp table listing those tickets.
 */
export async function resettleSnapshots(db: DuckDBConnection, mapping: Mapping, runId: number, again: Revalidation): Promise<string> {
  const params = { mapping: mapping.name };
  await db.run(`CREATE OR REPLACE TEMP TABLE _resettle AS
    SELECT DISTINCT f.ticket_id
    FROM (SELECT ticket_id, file, count(DISTINCT row_key) AS n FROM _run_rows GROUP BY ALL) f
    JOIN (SELECT ticket_id, count(*) AS n, count(DISTINCT (run_id, source)) AS files FROM source_snapshots WHERE mapping = $mapping GROUP BY ALL) s
      USING (ticket_id)
    WHERE s.n > f.n OR s.files > 1`, params);
  await db.run('DROP TABLE _run_rows');
  const names = (await db.runAndReadAll(`SELECT DISTINCT unnest(row_columns) AS name FROM source_snapshots
    WHERE mapping = $mapping AND ticket_id IN (SELECT ticket_id FROM _resettle) ORDER BY name`, params)).getRows().map(([n]) => String(n));
  if (names.length === 0) return '_resettle';

  // Kept columns are named by their address in the mapping's words (snapshotRowsSql): the header text
  // of each, as columns c0, c1, ... (`State` and `state` are one name to DuckDB).
  await db.run(`CREATE OR REPLACE TEMP TABLE _history_raw AS
    SELECT source AS __source, line AS __line, NULL::VARCHAR AS __raw,
      ${names.map((n, i) => `row_values[list_position(row_columns, ${sqlString(n)})] AS c${i}`).join(',\n      ')}
    FROM source_snapshots WHERE mapping = $mapping AND ticket_id IN (SELECT ticket_id FROM _resettle)`, params);
  await db.run(`CREATE OR REPLACE TEMP TABLE _staged AS ${mappingSql(mapping, '_history_raw', names.map((header, i) => ({ name: `c${i}`, header })))}`);
  await again.validate();
  await db.run(`CREATE OR REPLACE TEMP TABLE _rederived AS
    SELECT * EXCLUDE (__line) FROM (${again.candidates}) QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY __line) = 1`);

  // The events of the scope that the history makes exactly so stay (with their run); the others go.
  const same = [...EVENT_FIELDS.map((f) => (f.name === 'attrs' ? 'CAST(attrs AS VARCHAR)' : sqlIdent(f.name))), 'source_seq'].join(', ');
  await db.run(`CREATE OR REPLACE TEMP TABLE _scope AS
    SELECT e.event_id FROM events e
    JOIN (SELECT ticket_id, min(run_id) AS since FROM source_snapshots WHERE mapping = $mapping
          AND ticket_id IN (SELECT ticket_id FROM _resettle) GROUP BY ALL) s
      ON s.ticket_id = e.ticket_id AND e.run_id >= s.since
    WHERE e.run_id IN (${MAPPING_RUNS})`, params);
  await db.run(`DELETE FROM events WHERE event_id IN (SELECT event_id FROM _scope) AND event_id NOT IN (
    SELECT event_id FROM (SELECT ${same} FROM events WHERE event_id IN (SELECT event_id FROM _scope)
                          INTERSECT SELECT ${same} FROM _rederived))`);
  await db.run(`INSERT INTO events BY NAME
    SELECT r.*, $run::BIGINT AS run_id FROM _rederived r ANTI JOIN events e USING (event_id)`, { run: runId });
  await db.run('DROP TABLE _history_raw; DROP TABLE _rederived; DROP TABLE _scope');
  return '_resettle';
}

/**
 * Events with created_if_missing, before a file's staging is validated: a held synthetic `created`
 * later than the one this file makes (from an earlier row) goes, so that the file's takes its place.
 */
export async function yieldLaterCreated(db: DuckDBConnection): Promise<void> {
  await db.run(`DELETE FROM events WHERE event_id IN (
    SELECT e.event_id FROM _staged s JOIN events e ON e.event_id = s.event_id
    WHERE s.__error IS NULL AND s.type = 'created' AND s.__seq IS NULL AND TRY_CAST(s.occurred_at AS TIMESTAMPTZ) < e.occurred_at)`);
}

/**
 * Events with created_if_missing, after the run's files are appended: a ticket of the run with a
 * real `created` from this mapping (any batch) keeps no synthetic one.
 */
export async function dropSynthesisedCreated(db: DuckDBConnection, mapping: Mapping, runId: number): Promise<void> {
  const synthetic = synthesisedCreatedId(mapping, 'ticket_id');
  await db.run(`DELETE FROM events WHERE event_id IN (
    SELECT event_id FROM events
    WHERE type = 'created' AND event_id = ${synthetic} AND ticket_id IN (SELECT ticket_id FROM events WHERE run_id = $run)
      AND ticket_id IN (SELECT ticket_id FROM events WHERE type = 'created' AND event_id <> ${synthetic} AND run_id IN (${MAPPING_RUNS})))`,
  { run: runId, mapping: mapping.name });
}
