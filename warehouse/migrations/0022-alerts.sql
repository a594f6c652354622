-- Alerts (issue 20): one row per rule and group that has fired (its state: firing, acknowledged,
-- resolved), what happened to it (history), every delivery attempt to a notify target, silence
-- windows, and each rule's last evaluation. Written by alerts/engine; rules live in the config.
CREATE TABLE alerts (
  alert_id         VARCHAR PRIMARY KEY,   -- rule id + ':' + group key, e.g. complaint-spike:product=P3
  rule_id          VARCHAR NOT NULL,
  group_key        VARCHAR NOT NULL,      -- '' for a rule without by:
  kind             VARCHAR NOT NULL,      -- threshold | anomaly | breaching
  state            VARCHAR NOT NULL,      -- firing | acknowledged | resolved
  teams            VARCHAR[] NOT NULL,    -- teams it concerns (a team lead sees alerts of their teams)
  title            VARCHAR NOT NULL,
  detail           JSON NOT NULL,         -- the last finding: observed, expected, tickets, comments
  first_fired_at   TIMESTAMPTZ NOT NULL,  -- of the current episode
  last_seen_at     TIMESTAMPTZ NOT NULL,  -- last evaluation that found it
  last_notified_at TIMESTAMPTZ,
  notify_level     INTEGER NOT NULL DEFAULT 0,  -- index of the notify target reached (escalation)
  acknowledged_by  VARCHAR,
  acknowledged_at  TIMESTAMPTZ,
  resolved_at      TIMESTAMPTZ
);
CREATE TABLE alert_history (
  alert_id    VARCHAR NOT NULL,
  "at"        TIMESTAMPTZ NOT NULL,
  event       VARCHAR NOT NULL,   -- fired | reminded | escalated | acknowledged | resolved | silenced
  by_whom     VARCHAR,
  title       VARCHAR NOT NULL
);
CREATE TABLE alert_deliveries (
  alert_id    VARCHAR NOT NULL,
  target      VARCHAR NOT NULL,   -- notify target id of the config
  "at"        TIMESTAMPTZ NOT NULL,
  attempt     INTEGER NOT NULL,
  outcome     VARCHAR NOT NULL,   -- sent | failed
  why         VARCHAR             -- status or error of a failed attempt
);
CREATE TABLE alert_silences (
  silence_id  VARCHAR PRIMARY KEY,
  rule_id     VARCHAR NOT NULL,
  group_key   VARCHAR,            -- NULL: every group of the rule
  until_at    TIMESTAMPTZ NOT NULL,
  by_whom     VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE alert_rule_runs (
  rule_id      VARCHAR PRIMARY KEY,
  evaluated_at TIMESTAMPTZ NOT NULL,
  firing       INTEGER NOT NULL,
  error        VARCHAR
);
