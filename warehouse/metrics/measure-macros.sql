-- The one definition of the measures several metric queries share, as macros of each connection
-- (measure-macros.ts): a formula changes here, with the code, and never needs a migration.

-- The SLA policy of a ticket of priority `prio` in `team`: {frt_target, resolution_target, clock}
-- (targets in seconds of that clock), or null when none applies. A team's own policy for the
-- priority replaces the general one (team_id null) whole: its targets and its clock. (DuckDB runs
-- this once per distinct priority and team, then joins: as fast as the joins written out; a map
-- look-up per ticket took 3-4x as long.)
CREATE OR REPLACE TEMP MACRO sla_policy_of(prio, team) AS (
  SELECT arg_max({'frt_target': p.first_response_seconds, 'resolution_target': p.resolution_seconds, 'clock': p.clock},
                 p.team_id IS NOT NULL)
  FROM sla_policies p
  WHERE p.priority = prio AND (p.team_id = team OR p.team_id IS NULL)
);

-- A duration in a policy's clock: business or calendar seconds.
CREATE OR REPLACE TEMP MACRO in_policy_clock(clock, calendar_seconds, business_seconds) AS
  CASE WHEN clock = 'business' THEN business_seconds ELSE calendar_seconds END;

-- The time an SLA clock has run, in the policy's `clock`: the ticket's measured duration once
-- `stopped` (calendar or business seconds), else `running_seconds` (since creation until now).
CREATE OR REPLACE TEMP MACRO sla_elapsed(clock, stopped, calendar_seconds, business_seconds, running_seconds) AS
  CASE WHEN NOT stopped THEN running_seconds ELSE in_policy_clock(clock, calendar_seconds, business_seconds) END;

-- The SLA judgement of one clock against `target_seconds` (null: no target, not judged), given
-- whether the clock has `stopped` (answered, or done) and `elapsed_seconds` in the policy's clock
-- (until it stopped, or until now while it runs): a stopped clock is 'met' within the target and
-- 'breached' past it; a running one is 'breached' past it and 'running' (pending) within it. Null
-- when not judged: no target (a source that measures no first response passes none), or a clock
-- stopped without a time (a ticket closed without a resolution).
CREATE OR REPLACE TEMP MACRO sla_state(target_seconds, stopped, elapsed_seconds) AS
  CASE WHEN target_seconds IS NULL THEN NULL
       WHEN elapsed_seconds > target_seconds THEN 'breached'
       WHEN NOT stopped THEN 'running'
       WHEN elapsed_seconds IS NOT NULL THEN 'met' END;

-- A figure's verdict from sla_state: true met, false breached, null not (yet) judged.
CREATE OR REPLACE TEMP MACRO sla_met(state) AS
  CASE state WHEN 'met' THEN true WHEN 'breached' THEN false END;

-- A duration's median and 90th percentile, [median, p90]: continuous (interpolated) quantiles of
-- its non-null values. Aggregates; a macro takes no FILTER clause: pass CASE WHEN ... THEN x END.
CREATE OR REPLACE TEMP MACRO median_p90(x) AS quantile_cont(x, [0.5, 0.9]);
CREATE OR REPLACE TEMP MACRO median_of(x) AS median_p90(x)[1];
