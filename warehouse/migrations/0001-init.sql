-- Events: append-only; event_id is unique by construction (the ingest pipeline anti-joins
-- every batch against this table inside the batch's transaction).
CREATE TABLE events (
  event_id        VARCHAR NOT NULL,
  ticket_id       VARCHAR NOT NULL,
  type            VARCHAR NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  actor           VARCHAR,
  agent_id        VARCHAR,
  team_id         VARCHAR,
  channel         VARCHAR,
  problem_type    VARCHAR,
  problem_subtype VARCHAR,
  product         VARCHAR,
  region          VARCHAR,
  priority        VARCHAR,
  customer_id     VARCHAR,
  status          VARCHAR,
  rating          TINYINT,
  comment         VARCHAR,
  handle_seconds  DOUBLE,
  attrs           JSON,
  run_id          BIGINT NOT NULL   -- ingest_runs.run_id that added the event
);

-- Tickets: one row per ticket, derived from its events only (never from arrival order).
CREATE TABLE tickets (
  ticket_id                    VARCHAR PRIMARY KEY,
  created_at                   TIMESTAMPTZ NOT NULL, -- the created event, else the first event
  has_created_event            BOOLEAN NOT NULL,
  first_assigned_at            TIMESTAMPTZ,
  first_response_at            TIMESTAMPTZ,          -- first agent reply at or after creation
  first_resolved_at            TIMESTAMPTZ,
  resolved_at                  TIMESTAMPTZ,          -- the last resolution (null if reopened since)
  closed_at                    TIMESTAMPTZ,
  last_event_at                TIMESTAMPTZ NOT NULL,
  status                       VARCHAR NOT NULL,     -- status now
  team_id                      VARCHAR,              -- current team
  agent_id                     VARCHAR,              -- current agent
  created_team_id              VARCHAR,              -- team when created (for arrivals per queue)
  channel                      VARCHAR,
  problem_type                 VARCHAR,
  problem_subtype              VARCHAR,
  product                      VARCHAR,
  region                       VARCHAR,
  priority                     VARCHAR NOT NULL,     -- current priority, 'normal' by default
  customer_id                  VARCHAR,
  reopen_count                 INTEGER NOT NULL,
  transfer_count               INTEGER NOT NULL,
  escalated                    BOOLEAN NOT NULL,
  agent_reply_count            INTEGER NOT NULL,
  rating                       TINYINT,              -- last rating
  rated_at                     TIMESTAMPTZ,
  rating_comment               VARCHAR,
  handle_seconds               DOUBLE NOT NULL,
  calendar_id                  VARCHAR NOT NULL,     -- calendar used for business durations
  first_response_seconds       DOUBLE,
  first_response_business_seconds DOUBLE,
  resolution_seconds           DOUBLE,               -- resolved_at - created_at
  resolution_business_seconds  DOUBLE,
  first_resolution_seconds     DOUBLE,               -- first_resolved_at - created_at
  first_resolution_business_seconds DOUBLE,
  event_count                  INTEGER NOT NULL
);

-- Status history of each ticket: one row per span of time spent in one status.
CREATE TABLE ticket_status_spans (
  ticket_id         VARCHAR NOT NULL,
  status            VARCHAR NOT NULL,
  team_id           VARCHAR,
  agent_id          VARCHAR,
  started_at        TIMESTAMPTZ NOT NULL,
  ended_at          TIMESTAMPTZ,          -- null while the ticket is still in that status
  seconds           DOUBLE,
  business_seconds  DOUBLE
);

-- Every agent reply with the wait since the customer's last message (or creation).
CREATE TABLE agent_replies (
  ticket_id         VARCHAR NOT NULL,
  event_id          VARCHAR NOT NULL,
  agent_id          VARCHAR,
  team_id           VARCHAR,
  replied_at        TIMESTAMPTZ NOT NULL,
  waiting_since     TIMESTAMPTZ NOT NULL,
  wait_seconds      DOUBLE NOT NULL,
  wait_business_seconds DOUBLE NOT NULL,
  handle_seconds    DOUBLE
);

CREATE SEQUENCE ingest_run_ids START 1;

CREATE TABLE ingest_runs (
  run_id       BIGINT PRIMARY KEY DEFAULT nextval('ingest_run_ids'),
  source       VARCHAR NOT NULL,    -- file paths, 'stdin', or 'http:<remote address>'
  mapping      VARCHAR,             -- mapping name or file, null for canonical events
  started_at   TIMESTAMPTZ NOT NULL,
  finished_at  TIMESTAMPTZ,
  rows_read    BIGINT NOT NULL DEFAULT 0,
  accepted     BIGINT NOT NULL DEFAULT 0,
  duplicates   BIGINT NOT NULL DEFAULT 0,
  quarantined  BIGINT NOT NULL DEFAULT 0,
  tickets_touched BIGINT NOT NULL DEFAULT 0,
  status       VARCHAR NOT NULL,    -- committed | failed
  message      VARCHAR
);

CREATE TABLE quarantine (
  run_id     BIGINT NOT NULL,
  source     VARCHAR NOT NULL,      -- file path or 'stdin' / 'http'
  position   VARCHAR NOT NULL,      -- e.g. 'line 17', 'row 17', 'element 3', 'byte 1048576'
  line       BIGINT,                -- 1-based line (or row/element) number when known
  field      VARCHAR,               -- the offending field or column, when known
  reason     VARCHAR NOT NULL,      -- what was wrong and what to do
  raw        VARCHAR,               -- the raw text (truncated past 1 MiB, said in reason)
  quarantined_at TIMESTAMPTZ NOT NULL
);

-- Team calendars and SLA policies, loaded from the config file (see warehouse/config.ts).
CREATE TABLE calendars (
  calendar_id VARCHAR PRIMARY KEY,
  timezone    VARCHAR NOT NULL,
  definition  JSON NOT NULL          -- weekly hours and holidays as configured
);

-- Open intervals of every calendar in UTC, with the open seconds before each interval,
-- so that business seconds between two instants are a difference of two ASOF look-ups.
CREATE TABLE calendar_open_intervals (
  calendar_id        VARCHAR NOT NULL,
  start_at           TIMESTAMPTZ NOT NULL,
  end_at             TIMESTAMPTZ NOT NULL,
  open_seconds_before DOUBLE NOT NULL
);

CREATE TABLE teams (
  team_id     VARCHAR PRIMARY KEY,
  name_zh     VARCHAR,
  name_en     VARCHAR,
  calendar_id VARCHAR NOT NULL
);

CREATE TABLE sla_policies (
  priority                 VARCHAR NOT NULL,
  team_id                  VARCHAR,        -- null: applies to every team without its own
  first_response_seconds   DOUBLE,
  resolution_seconds       DOUBLE,
  clock                    VARCHAR NOT NULL -- business | calendar
);

CREATE TABLE settings (
  key   VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);
