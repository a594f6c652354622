-- Forecast runs: every forecast generated (CLI, API, before an apply) with its intervals, kept so
-- that once the real arrivals are in, forecast-vs-actual error per queue and horizon can be shown.
CREATE SEQUENCE forecast_run_ids START 1;

CREATE TABLE forecast_runs (
  run_id            BIGINT PRIMARY KEY DEFAULT nextval('forecast_run_ids'),
  generated_at      TIMESTAMPTZ NOT NULL,
  source            VARCHAR NOT NULL,     -- 'warehouse', or 'file:<path>' for a counts file
  interval_minutes  INTEGER NOT NULL,     -- 15, 30, 60 or 1440 (daily)
  horizon           VARCHAR NOT NULL,     -- as asked, e.g. '14d'
  options           JSON                  -- holdout, models compared, ...
);

-- One row per queue of a run: what was forecast (the match the arrivals were counted with, so
-- the actuals can be counted the same way later), from which history, with which model and why.
CREATE TABLE forecast_queues (
  run_id            BIGINT NOT NULL,
  queue_id          VARCHAR NOT NULL,
  queue_name        VARCHAR,
  queue_match       JSON NOT NULL,        -- { "problem_type": [...], "channel": [...] }
  timezone          VARCHAR NOT NULL,
  model             VARCHAR NOT NULL,     -- seasonal-naive | holt-winters | calendar-regression
  explanation       VARCHAR NOT NULL,
  history_start     TIMESTAMPTZ NOT NULL,
  history_end       TIMESTAMPTZ NOT NULL, -- the forecast origin
  scores            JSON NOT NULL,        -- backtest MASE / WAPE / coverage per model
  PRIMARY KEY (run_id, queue_id)
);

-- The forecast itself: one row per open future interval (in_calendar_hours: whether the team
-- calendar has it in its open hours; null when no calendar is known).
CREATE TABLE forecast_intervals (
  run_id            BIGINT NOT NULL,
  queue_id          VARCHAR NOT NULL,
  start_at          TIMESTAMPTZ NOT NULL,
  minutes           INTEGER NOT NULL,
  p10               DOUBLE NOT NULL,
  p50               DOUBLE NOT NULL,
  p90               DOUBLE NOT NULL,
  in_calendar_hours BOOLEAN
);
