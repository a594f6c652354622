-- Step time limits (issue 20 §1 `step`): how long a ticket may stay in one working status, from the
-- config's step_limits: (config.ts, loaded by sync-config.ts). A row applies to a span of that status
-- whose team and ticket problem type match (null: any); the most specific row wins, then the first
-- written (position). The step on-time rate (metrics/step-limits.ts) and the `step` alert read them.
CREATE TABLE step_limits (
  position      INTEGER NOT NULL,       -- order in the config, after expanding team/problem_type lists
  status        VARCHAR NOT NULL,       -- new | open | pending | on_hold
  team_id       VARCHAR,
  problem_type  VARCHAR,
  limit_seconds DOUBLE NOT NULL,
  clock         VARCHAR NOT NULL        -- business | calendar, as an SLA policy's clock
);

-- The limit of a visit to `step` by `team` of a ticket of `ptype`: {limit_seconds, clock}, or null
-- when no row applies. The one definition of the choice for the metric and the alert.
CREATE MACRO step_limit_of(step, team, ptype) AS (
  SELECT {'limit_seconds': l.limit_seconds, 'clock': l.clock}
  FROM step_limits l
  WHERE l.status = step AND (l.team_id IS NULL OR l.team_id = team) AND (l.problem_type IS NULL OR l.problem_type = ptype)
  ORDER BY (l.team_id IS NOT NULL)::INTEGER + (l.problem_type IS NOT NULL)::INTEGER DESC, l.position
  LIMIT 1
);
