// One ingest batch: read the sources (DuckDB does the parsing), map, validate, quarantine what is
// invalid, pseudonymise, dedupe, append and derive tickets — all in ONE transaction. A file this
// warehouse has read whole before, unchanged and read the same way, is recognised by its
// fingerprint and not read again.
import { statSync } from 'node:fs';
import { IANAZone } from 'luxon';
import type { DuckDBConnection } from '@duckdb/node-api';
import { appendEvents } from '../warehouse/event-store.ts';
import { deriveTickets } from '../warehouse/lifecycle/derive-tickets.ts';
import { recordFirstResponseSource } from '../warehouse/lifecycle/first-response-sources.ts';
import { ruleText } from '../warehouse/lifecycle/first-response-rule.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { EVENT_FIELDS } from '../warehouse/event-model.ts';
import { IngestError } from './ingest-error.ts';
import { checkDeclaredCalendars, declareCalendars, fallbackNote } from './declared-calendars.ts';
import { inferDataZone, stagedOffsets } from '../warehouse/calendar/data-zone.ts';
import { applyIngestChoices, type IngestChoices } from './mapping/ingest-choices.ts';
import { beginSnapshotRun, dropSynthesisedCreated, keepSnapshotRows, resettleSnapshots, yieldLaterCreated } from './mapping/history.ts';
import { declaredTransferRule, type Mapping } from './mapping/mapping.ts';
import { sqlIdent, sqlString } from '../warehouse/sql-quote.ts';
import { hashSql, piiKey } from './pseudonymise.ts';
import { personalColumns, quarantinedRawSql, RAW_NOT_KEPT } from './quarantine-raw.ts';
import { formatOf, listInputs, type SourceFormat } from './sources/list-inputs.ts';
import { fileFingerprint } from './sources/fingerprint.ts';
import { positionWord, stageFile } from './sources/stage-file.ts';
import { isUtf8, transcodeToUtf8 } from './sources/transcode.ts';
import { setIngestTimezone, validationSql } from './validate.ts';

const RAW_LIMIT = 1024 * 1024;

export interface IngestRequest {
  inputs: string[];
  format?: SourceFormat;
  mapping?: Mapping;
  timezone?: string;
  /** Business calendar of the batch's tickets whose team has none in the config; wins over the mapping's. */
  calendar?: string;
  source?: string;
  /**
   * What each input is called in messages, the quarantine and the file log instead of its path,
   * e.g. the user's file name of an uploaded copy. The inputs are then files, taken as they are.
   */
  names?: string[];
  piiKey?: string;
  /** Encoding of text sources (default UTF-8, with or without BOM), e.g. gb18030. */
  encoding?: string;
}

/** Where a batch is: `step` of `steps` (three per file, then the derivation). */
export interface IngestProgress { stage: 'reading' | 'validating' | 'writing' | 'deriving'; file?: string; rows: number; step: number; steps: number }

export interface IngestSummary {
  runId: number;
  rowsRead: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  ticketsTouched: number;
  seconds: number;
  eventsPerSecond: number;
  quarantine: { position: string; reason: string }[];
  /** Files read whole by an earlier run, byte for byte and read the same way: not read again; their rows count as duplicates. */
  unchanged: { file: string; run: number }[];
  /** What the user should know (a choice that overrode the mapping's, tickets on the default calendar); kept as the run's message. */
  notes: string[];
}

/** Attrs with each PII key's value replaced by its keyed hash. */
function attrsSql(piiAttrs: readonly string[]): string {
  return piiAttrs.reduce((expr, k) => {
    const path = sqlString(`$."${k.replaceAll('"', '\\"')}"`);
    const value = `json_extract_string(${expr}, ${path})`;
    return `CASE WHEN ${value} IS NULL THEN ${expr} ELSE json_merge_patch(${expr}, json_object(${sqlString(k)}, ${hashSql(value)})) END`;
  }, 'attrs::JSON');
}

/**
 * The valid rows of `rows` (validated: _checked or some of it) typed like events, pseudonymised where
 * the mapping (or the model) says PII, unless `pseudonymised` (rows mapped again from source_snapshots,
 * which keeps personal columns hashed). `aloneAtInstant`: no other row has the ticket's instant.
 */
function candidatesSql(mapping?: Mapping, pseudonymised = false, rows = '_checked', aloneAtInstant = false): string {
  const pii = new Set<string>(pseudonymised ? [] : ['customer_id', ...(mapping?.pii.fields ?? [])]);
  const typed: Record<string, string> = {
    occurred_at: 'occurred_ts', rating: 'rating_num::TINYINT', handle_seconds: 'handle_num', attrs: attrsSql(pseudonymised ? [] : mapping?.pii.attrs ?? []),
  };
  const columns = EVENT_FIELDS.map(({ name }) => {
    const expr = typed[name] ?? sqlIdent(name);
    return `${pii.has(name) ? hashSql(expr) : expr} AS ${sqlIdent(name)}`;
  });
  return `SELECT ${columns.join(', ')}, ${sourceSeqSql(mapping, aloneAtInstant)} AS source_seq, __line FROM ${rows} WHERE reason IS NULL`;
}

/**
 * The event's place in the source's order at its instant (events.source_seq): what the mapping says
 * (a sequence the source keeps, such as sys_mod_count, else its row's rank), for canonical rows their
 * rank in the file among the ticket's rows at that instant. A rank, not the line: ranks restart at
 * every instant, so a tie split over two files interleaves position by position. A row alone at its
 * ticket's instant is rank 1 without the window's sort.
 */
function sourceSeqSql(mapping?: Mapping, aloneAtInstant = false): string {
  if (mapping) return 'TRY_CAST(__seq AS DOUBLE)';
  return aloneAtInstant ? '1' : 'dense_rank() OVER (PARTITION BY ticket_id, occurred_ts ORDER BY __line)';
}

/** The held events for validating rows mapped again from stored history: none (their events are compared after). */
const NO_HELD_EVENTS = 'SELECT NULL::VARCHAR AS event_id WHERE false';

async function count(db: Warehouse['db'], sql: string): Promise<number> {
  return Number((await db.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
}

/**
 * The events validation anti-joins the staged rows with: those with a staged id, looked up with the
 * staged ids as the hash table and kept, so that the validation view reads the same rows after the
 * batch's own events are appended (the quarantine reads it then).
 */
const HELD_EVENTS = `CREATE OR REPLACE TEMP TABLE _held AS
  SELECT event_id FROM events WHERE event_id IN (SELECT nullif(trim(event_id), '') FROM _staged)`;

/**
 * The lines of _checked that share their event_id, or (canonical rows, ranked by source_seq) their
 * ticket's instant, with another line. Rows without an id or time fail validation whichever path they take.
 * Grouped by 64-bit hashes of the keys, not their text: a line that merely shares a hash with another
 * is sent the general way (deduplicated and ranked), and the aggregates, with as many groups as lines,
 * hold integers instead of strings, which spilled at 10 M events (13.9 s of CPU instead of 17.5 there).
 */
const ACCOMPANIED = (mapped: boolean) => `CREATE OR REPLACE TEMP TABLE _accompanied AS
  WITH keyed AS MATERIALIZED (SELECT __line, CASE WHEN event_id IS NOT NULL THEN hash(event_id) END AS id_key${mapped ? ''
    : ', CASE WHEN ticket_id IS NOT NULL AND occurred_ts IS NOT NULL THEN hash(ticket_id, occurred_ts) END AS instant_key'} FROM _checked)
  SELECT __line FROM keyed SEMI JOIN (SELECT id_key FROM keyed GROUP BY id_key HAVING count(*) > 1) USING (id_key)
  ${mapped ? '' : `UNION SELECT __line FROM keyed
    SEMI JOIN (SELECT instant_key FROM keyed GROUP BY instant_key HAVING count(*) > 1) USING (instant_key)`}`;

export async function ingest(warehouse: Warehouse, request: IngestRequest, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
  const batch = await prepare(warehouse, request);
  const write = async () => {
    if (isUtf8(batch.request.encoding)) return (await writeRuns(warehouse, [batch], onProgress))[0]!;
    const { copies, cleanup } = await transcodeToUtf8(batch.files, batch.request.encoding!);
    try {
      return (await writeRuns(warehouse, [{ ...batch, readable: copies }], onProgress))[0]!;
    } finally {
      cleanup();
    }
  };
  return filesBytes(batch.files) <= ONE_THREAD_BYTES ? onOneThread(warehouse.db, write) : write();
}

/**
 * Several batches in one transaction, each its own run (its counts, quarantine and source as if
 * alone; its notes read its tickets as the lot left them), their tickets derived once: derivation and
 * the rollups cost about a second a run whatever its size (four 10k-event batches into the 10.8
 * M-event warehouse: 4.8–4.9 s of CPU one by one, 2.5–2.6 s together). The same warehouse as the
 * batches one by one. All or nothing for the lot: the caller writes them one by one if it fails.
 * Batches without a mapping or a declared calendar, in UTF-8 (`groupable`).
 */
export async function ingestTogether(warehouse: Warehouse, requests: readonly IngestRequest[]): Promise<IngestSummary[]> {
  const refused = requests.find((r) => !groupable(r));
  if (refused) throw new Error(`a batch with a mapping, a calendar or an encoding is written alone (${refused.source ?? refused.inputs.join(', ')})`);
  const batches: PreparedBatch[] = [];
  for (const request of requests) batches.push(await prepare(warehouse, request));
  const write = () => writeRuns(warehouse, batches);
  return filesBytes(batches.flatMap((b) => b.files)) <= ONE_THREAD_BYTES ? onOneThread(warehouse.db, write) : write();
}

/** Whether a batch may be written with others (ingestTogether): canonical events, no calendar declared, UTF-8. */
export const groupable = (request: IngestRequest): boolean =>
  request.mapping === undefined && request.calendar === undefined && isUtf8(request.encoding);

/** A batch checked and its inputs listed, before its transaction; `readable[i]` is the UTF-8 text of `files[i]`. */
interface PreparedBatch { request: IngestRequest; choices: IngestChoices; files: string[]; readable: string[]; source: string; key: string; started: number }

async function prepare(warehouse: Warehouse, request: IngestRequest): Promise<PreparedBatch> {
  if (request.timezone !== undefined && !IANAZone.isValidZone(request.timezone)) {
    throw new IngestError('timezone', `"${request.timezone}" is not an IANA time zone; use one such as Asia/Shanghai, Europe/Berlin or UTC`);
  }
  const started = performance.now();
  const choices = applyIngestChoices(request.mapping, request);
  request = { ...request, mapping: choices.mapping };
  const key = request.piiKey ?? piiKey(warehouse.path);
  const files = request.names ? [...request.inputs] : await listInputs(warehouse.db, request.inputs, request.format);
  const source = request.source ?? (request.names ?? files).join(', ');
  return { request, choices, files, readable: files, source, key, started };
}

/** The bytes of `files` together (a path that is not a file counts 0). */
export const filesBytes = (files: readonly string[]) =>
  files.reduce((sum, file) => sum + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);

/**
 * Batches of at most this many bytes run DuckDB on one thread. Their statements read a few thousand
 * rows each, less than a second thread can share: a 10k-event HTTP batch into the 10 M-event
 * warehouse took a third less CPU on one thread, and less time, on this 2-core machine under load.
 */
const ONE_THREAD_BYTES = 16 * 1024 * 1024;

/**
 * Runs `work` with DuckDB on one thread, then gives it back the threads it had. The setting is the
 * instance's: reads on other connections meanwhile run on one thread too (a batch holds it for about a second).
 */
async function onOneThread<T>(db: Warehouse['db'], work: () => Promise<T>): Promise<T> {
  const threads = Number((await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0]);
  await db.run('SET threads = 1');
  try {
    return await work();
  } finally {
    await db.run(`SET threads = ${threads}`);
  }
}

/** The batches in one transaction, in order: each loaded as its run, then their tickets derived at once. */
function writeRuns(warehouse: Warehouse, batches: readonly PreparedBatch[], onProgress?: (p: IngestProgress) => void): Promise<IngestSummary[]> {
  return warehouse.transaction(async (db) => {
    const runs: LoadedRun[] = [];
    for (const batch of batches) runs.push(await loadRun(db, batch, onProgress));
    const steps = batches[0]!.files.length * 3 + 1;
    onProgress?.({ stage: 'deriving', rows: runs.reduce((sum, r) => sum + r.totals.rowsRead, 0), step: steps - 1, steps });
    for (const run of runs) await beforeDerivation(db, run);
    if (runs.length === 1) await deriveTickets(db, { table: runTickets(runs[0]!) });
    else {
      await db.run(`CREATE OR REPLACE TEMP TABLE _batch_tickets AS ${runs.map((r) => `FROM ${runTickets(r)}`).join(' UNION ')}`);
      await deriveTickets(db, { table: '_batch_tickets' });
      await db.run('DROP TABLE _batch_tickets');
    }
    const summaries: IngestSummary[] = [];
    for (const run of runs) summaries.push(await finishRun(db, run));
    return summaries;
  });
}

/** A run loaded (its events appended, its rejects quarantined), its tickets not derived yet. */
interface LoadedRun {
  batch: PreparedBatch;
  runId: number;
  totals: Omit<IngestSummary, 'runId' | 'seconds' | 'eventsPerSecond' | 'quarantine' | 'unchanged' | 'notes'>;
  unchanged: IngestSummary['unchanged'];
  /** Canonical times' offsets, for the data's zone when nothing declares it. */
  offsets: Awaited<ReturnType<typeof stagedOffsets>>;
  /** A temp table of tickets met in other batches' snapshot rows, derived with the run's. */
  resettled?: string;
}

/** The temp table of the tickets a run touched (its events' and resettled ones). */
const runTickets = (run: LoadedRun) => `_run_tickets_${run.runId}`;

async function loadRun(db: DuckDBConnection, batch: PreparedBatch, onProgress?: (p: IngestProgress) => void): Promise<LoadedRun> {
  const { request, choices, files, readable, source, key } = batch;
  const steps = files.length * 3 + 1;
  const run = await db.runAndReadAll(
    `INSERT INTO ingest_runs (source, mapping, transfer_rule, started_at, status) VALUES ($1, $2, $3, $4::TIMESTAMPTZ, 'committed') RETURNING run_id`,
    [source, request.mapping?.name ?? null, declaredTransferRule(request.mapping), new Date().toISOString()]);
  const runId = Number(run.getRows()[0]?.[0]);
  await checkDeclaredCalendars(db, choices.calendars, request.mapping?.file);
  const totals = { rowsRead: 0, accepted: 0, duplicates: 0, quarantined: 0, ticketsTouched: 0 };
  const unchanged: IngestSummary['unchanged'] = [];
  const readAs = { mapping: request.mapping?.digest, timezone: request.timezone, encoding: isUtf8(request.encoding) ? undefined : request.encoding!.toLowerCase() };
  const snapshots = request.mapping?.rows.mode === 'snapshots' ? request.mapping : undefined;
  await setIngestTimezone(db, request.timezone ?? null);
  const mapped = request.mapping !== undefined;
  const validate = (held: string) => db.run(validationSql({ held, mapped }));
  let stagedAny = false;
  // Canonical times without a declared zone: their offsets tell the data's zone (the first-run hint's).
  const offsets: Awaited<ReturnType<typeof stagedOffsets>> = [];
  if (snapshots) await beginSnapshotRun(db);

  for (const [i, file] of files.entries()) {
    // What the user calls this file: uploaded copies and standard input are not named by their temp path.
    const label = request.names?.[i] ?? request.source ?? file;
    onProgress?.({ stage: 'reading', file: label, rows: totals.rowsRead, step: i * 3, steps });
    const format = formatOf(file, request.format);
    const fingerprint = await fileFingerprint(file, { ...readAs, format });
    const known = (await db.runAndReadAll('SELECT run_id, rows_read, events FROM ingested_files WHERE fingerprint = $1', [fingerprint])).getRows()[0];
    if (known) {
      totals.rowsRead += Number(known[1]);
      totals.duplicates += Number(known[2]);
      unchanged.push({ file: label, run: Number(known[0]) });
      continue;
    }
    const read = await stageFile(db, readable[i]!, format, request.mapping).catch((err: unknown) => {
      throw err instanceof IngestError ? new IngestError(label, err.reason, err.line, err.column) : err;
    });
    stagedAny = true;
    if (!request.mapping && !choices.zone) offsets.push(...await stagedOffsets(db));
    totals.rowsRead += read;
    onProgress?.({ stage: 'validating', file: label, rows: totals.rowsRead, step: i * 3 + 1, steps });
    if (snapshots) await keepSnapshotRows(db, snapshots, runId, i, key);
    if (request.mapping?.rows.mode === 'events' && request.mapping.rows.createdIfMissing) await yieldLaterCreated(db);
    const staged = await count(db, 'SELECT count(*) FROM _staged');
    await db.run(HELD_EVENTS);
    const held = 'FROM _held';
    await validate(held);
    // The few lines whose rows need their company: an event_id sent more than once (the first valid
    // row wins) or, canonical, a ticket's instant shared (source_seq ranks the rows). Found from ids
    // and times alone, by hash aggregates (no sort); the others are appended with one scan.
    await db.run(ACCOMPANIED(mapped));
    // A table: the few rows are read twice (appended, counted), and the view's plan costs more than its rows.
    await db.run(validationSql({ held, mapped, name: '_checked_accompanied', table: true, staged: '(FROM _staged WHERE __line IN (SELECT __line FROM _accompanied))' }));
    const fresh = await count(db, 'SELECT count(*) FROM _checked');
    onProgress?.({ stage: 'writing', file: label, rows: totals.rowsRead, step: i * 3 + 2, steps });
    const alone = await appendEvents(db, candidatesSql(request.mapping, false, '(FROM _checked ANTI JOIN _accompanied USING (__line))', true), { pii_key: key }, runId, true);
    const accepted = alone + await appendEvents(db, candidatesSql(request.mapping, false, '_checked_accompanied'), { pii_key: key }, runId);
    const failed = fresh - alone - await count(db, 'SELECT count(*) FROM _checked_accompanied WHERE reason IS NULL');
    await db.run('DROP TABLE _checked_accompanied; DROP TABLE _accompanied');
    const rejected = await count(db, 'SELECT count(*) FROM _rejected');
    // Quarantine keeps at most 1 MiB of a record's text and says so; the file and line lead to the rest.
    // Read (validation again, only the failed rows kept) when anything failed.
    // Its personal values hashed as in the events (quarantine-raw.ts).
    const rawSql = quarantinedRawSql(await personalColumns(db, format, request.mapping), format);
    const quarantined = failed + rejected === 0 ? { rowsChanged: 0 } : await db.run(
      `INSERT INTO quarantine BY NAME
       WITH failed AS (SELECT __line, reason FROM _checked WHERE reason IS NOT NULL),
            raw AS (SELECT __line, __raw FROM _raw_rows WHERE __line IN (SELECT __line FROM failed)),
            refused AS (SELECT __line, reason, __raw AS raw FROM failed LEFT JOIN raw USING (__line)
                        UNION ALL SELECT __line, reason, raw FROM _rejected),
            stored AS (SELECT __line, reason, raw IS NOT NULL AS sent, ${rawSql} AS raw FROM refused)
       SELECT $run::BIGINT AS run_id, $source AS source, $word || ' ' || __line AS position, __line AS line,
              reason || CASE WHEN length(raw) > ${RAW_LIMIT}
                THEN format(' (raw text cut to 1 MiB of {} characters; see the source at this line)', length(raw))
                WHEN sent AND raw IS NULL THEN ${sqlString(RAW_NOT_KEPT)} ELSE '' END AS reason,
              left(raw, ${RAW_LIMIT}) AS raw, now() AS quarantined_at
       FROM stored`,
      { run: runId, word: positionWord(format), source: label, ...(rawSql.includes('$pii_key') ? { pii_key: key } : {}) });
    // Re-sent events (left out by validation) and repeats within the batch.
    const duplicates = staged - (quarantined.rowsChanged - rejected) - accepted;
    await db.run('DROP TABLE _held');
    totals.quarantined += quarantined.rowsChanged;
    totals.accepted += accepted;
    totals.duplicates += duplicates;
    await db.run('INSERT INTO ingested_files VALUES ($1, $2, $3, $4, $5)', [fingerprint, runId, label, read, accepted + duplicates]);
  }
  // Rows of a ticket met in other batches (or files): its events are those of all its rows.
  const resettled = snapshots && stagedAny
    ? await resettleSnapshots(db, snapshots, runId, { validate: () => validate(NO_HELD_EVENTS), candidates: candidatesSql(snapshots, true) })
    : undefined;
  if (request.mapping?.rows.mode === 'events' && request.mapping.rows.createdIfMissing) await dropSynthesisedCreated(db, request.mapping, runId);
  return { batch, runId, totals, unchanged, offsets, resettled };
}

/** What a run's tickets need before they are derived: their declared calendars, the source's first-response rule. */
async function beforeDerivation(db: DuckDBConnection, run: LoadedRun): Promise<void> {
  const { request, choices } = run.batch;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${runTickets(run)} AS SELECT DISTINCT ticket_id FROM events WHERE run_id = $1${run.resettled ? ` UNION SELECT ticket_id FROM ${run.resettled}` : ''}`, [run.runId]);
  if (choices.calendars) await declareCalendars(db, runTickets(run), choices.calendars);
  await recordFirstResponseSource(db, run.runId, request.mapping?.firstResponse && ruleText(request.mapping.firstResponse));
}

/** A derived run's notes, data zone and row in ingest_runs; its summary. */
async function finishRun(db: DuckDBConnection, run: LoadedRun): Promise<IngestSummary> {
  const { request, choices, started } = run.batch;
  const { runId, totals, unchanged } = run;
  totals.ticketsTouched = await count(db, `SELECT count(*) FROM ${runTickets(run)}`);
  const notes = [...choices.notes, ...[await fallbackNote(db, runTickets(run))].filter((n) => n !== null)];
  if (request.calendar !== undefined && totals.ticketsTouched === 0) {
    // A calendar is declared for the tickets of new events only: say so rather than seem to have applied it.
    notes.push(`--calendar ${request.calendar} applied to no ticket: this batch brought no new events. ` +
      'To move existing tickets, give their team a calendar under teams: in the config and run deskpulse rederive --calendar ' + request.calendar);
  }
  await db.run(`DROP TABLE ${runTickets(run)}`);
  const dataZone = choices.zone ?? await inferDataZone(db, run.offsets);
  if (dataZone) await db.run(`INSERT OR REPLACE INTO settings VALUES ('data_zone', $1)`, [dataZone]);
  if (run.resettled) await db.run(`DROP TABLE ${run.resettled}`);
  // Wall-clock times: now() inside a transaction is its start.
  await db.run(`UPDATE ingest_runs SET finished_at = $finished::TIMESTAMPTZ, rows_read = $rows, accepted = $accepted, duplicates = $dups,
    quarantined = $quarantined, tickets_touched = $touched, message = $message WHERE run_id = $run`,
    { message: notes.length ? notes.join('\n') : null, rows: totals.rowsRead, accepted: totals.accepted, dups: totals.duplicates, quarantined: totals.quarantined, touched: totals.ticketsTouched, run: runId, finished: new Date().toISOString() });
  const sample = await db.runAndReadAll('SELECT position, reason FROM quarantine WHERE run_id = $1 ORDER BY line LIMIT 100', [runId]);
  const seconds = (performance.now() - started) / 1000;
  return {
    runId, ...totals, seconds, eventsPerSecond: Math.round(totals.rowsRead / seconds), unchanged, notes,
    quarantine: sample.getRows().map(([position, reason]) => ({ position: String(position), reason: String(reason) })),
  };
}

export { IngestError };
