-- Dispatch-rule versions: every text of the dispatch rules file that DeskPulse wrote when a
-- planner applied a staffing recommendation: who, when, from which forecast and model, the
-- unified diff against the text it replaced, and the full new text (so any version can be restored).
CREATE SEQUENCE dispatch_rule_version_ids START 1;

CREATE TABLE dispatch_rule_versions (
  version_id       BIGINT PRIMARY KEY DEFAULT nextval('dispatch_rule_version_ids'),
  applied_at       TIMESTAMPTZ NOT NULL,
  applied_by       VARCHAR NOT NULL,
  path             VARCHAR NOT NULL,     -- the file written (absolute)
  model            VARCHAR NOT NULL,     -- forecast model(s), e.g. 'holt-winters' or 'returns=holt-winters, ...'
  forecast_run_id  BIGINT,               -- forecast_runs.run_id the staffing came from, when stored
  queues           JSON NOT NULL,        -- queue ids whose staffing block was written
  diff             VARCHAR NOT NULL,     -- unified diff, previous text -> content
  content          VARCHAR NOT NULL,     -- the full text written
  previous_sha256  VARCHAR NOT NULL,
  content_sha256   VARCHAR NOT NULL
);

-- The staffing applied with each version, one row per queue and interval, as recommended.
CREATE TABLE staffing_applied (
  version_id            BIGINT NOT NULL,
  queue_id              VARCHAR NOT NULL,
  method                VARCHAR NOT NULL,  -- erlang_c | workload
  model                 VARCHAR NOT NULL,
  start_at              TIMESTAMPTZ NOT NULL,
  minutes               INTEGER NOT NULL,
  arrivals              DOUBLE NOT NULL,   -- the forecast quantile staffed for
  p50                   DOUBLE NOT NULL,
  p90                   DOUBLE NOT NULL,
  aht_seconds           DOUBLE NOT NULL,
  agents                INTEGER NOT NULL,  -- working, before shrinkage
  scheduled_agents      INTEGER NOT NULL,  -- after shrinkage
  service_level         DOUBLE,            -- Erlang C: P(wait <= T); workload: SLA attainment
  asa_seconds           DOUBLE,
  probability_waiting   DOUBLE,
  occupancy             DOUBLE NOT NULL,
  PRIMARY KEY (version_id, queue_id, start_at)
);
