-- Scheduled reports (issue 20 §3): the last run of each report of the config's reports:, so that
-- `serve` knows after a restart whether a scheduled digest was missed (and then sends it once).
CREATE TABLE report_runs (
  report_id     VARCHAR PRIMARY KEY,   -- id under reports: in the config
  scheduled_for TIMESTAMPTZ NOT NULL,  -- the schedule's instant this run was for
  ran_at        TIMESTAMPTZ NOT NULL,
  outcome       VARCHAR NOT NULL,      -- sent | failed (every target gave up after its retries)
  why           VARCHAR                -- the failed targets and their last error
);
