-- The rows of snapshot exports (issue 16): a row's events come from comparing it with the ticket's
-- row before, which may have come in an earlier export, or arrive later in an earlier one. Each good
-- row is kept here, once, as the cleaned values of the columns its mapping reads (personal columns
-- as their keyed hash), so that a batch that adds rows to a ticket seen before re-maps the ticket's
-- whole history and replaces the mapping's events of it (ingest/pipeline.ts). Rows ingested before
-- this version are not here: such a ticket is compared from the first row this table holds.
CREATE TABLE source_snapshots (
  mapping    VARCHAR NOT NULL,   -- mapping name (ingest_runs.mapping)
  ticket_id  VARCHAR NOT NULL,
  row_key    VARCHAR NOT NULL,   -- hash of mapping, ticket and values: a re-sent row is kept once
  source     VARCHAR NOT NULL,   -- file and line it was first read from: order of rows tied on the order keys
  line       BIGINT NOT NULL,
  row_columns VARCHAR[] NOT NULL,  -- the raw column names the mapping reads (lists: half the size of JSON text, a MAP is 7 times slower to build)
  row_values  VARCHAR[] NOT NULL,  -- their cleaned text or null, in that order
  run_id     BIGINT NOT NULL
);
