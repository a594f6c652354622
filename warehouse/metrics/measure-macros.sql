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

-- The instant an SLA clock reaches `target_seconds`, in the policy's `clock`: creation + target on
-- the calendar clock; on the business clock, the instant where B (open seconds of `calendar`,
-- migrations/0011) reaches `b_created` + target, inside the open interval an ASOF look-up finds for
-- that B (null when the calendar has none). DuckDB decorrelates the look-up into one ASOF join.
CREATE OR REPLACE TEMP MACRO sla_due_at(clock, calendar, created_at, b_created, target_seconds) AS
  in_policy_clock(clock, created_at + to_microseconds((target_seconds * 1e6)::BIGINT), (
    SELECT d.start_at + to_microseconds(((q.b_due - d.open_seconds_before) * 1e6)::BIGINT)
    FROM (SELECT calendar AS calendar_id, b_created + target_seconds AS b_due) q
    ASOF JOIN calendar_open_intervals d ON d.calendar_id = q.calendar_id AND q.b_due >= d.open_seconds_before));

-- The open intervals (migrations/0011) an ASOF join on `t >= start_at` needs for instants t in
-- [lo, hi): the latest of each calendar starting by lo and every later one starting before hi. The
-- join sorts what it is given: all intervals of all calendars span decades (0011 lays them ahead).
CREATE OR REPLACE TEMP MACRO open_intervals_for(lo, hi) AS TABLE
  SELECT c.* FROM calendar_open_intervals c
  LEFT JOIN (SELECT calendar_id, max(start_at) AS first_at FROM calendar_open_intervals WHERE start_at <= lo GROUP BY calendar_id) f USING (calendar_id)
  WHERE c.start_at < hi AND c.start_at >= coalesce(f.first_at, lo);

-- A figure's verdict from sla_state: true met, false breached, null not (yet) judged.
CREATE OR REPLACE TEMP MACRO sla_met(state) AS
  CASE state WHEN 'met' THEN true WHEN 'breached' THEN false END;

-- A duration's median and 90th percentile, [median, p90]: continuous (interpolated) quantiles of
-- its non-null values. Aggregates; a macro takes no FILTER clause: pass CASE WHEN ... THEN x END.
-- The median alone is median_p90's first, asked alone: the same value, 15% sooner per group than
-- taking it from both (per agent over a year of 1.1 M tickets, 31-33 ms against 37-38).
CREATE OR REPLACE TEMP MACRO median_p90(x) AS quantile_cont(x, [0.5, 0.9]);
CREATE OR REPLACE TEMP MACRO median_of(x) AS quantile_cont(x, 0.5);

-- Mergeable duration histograms (DDSketch, relative accuracy a = 0.01: gamma = (1 + a) / (1 - a)),
-- kept per day by the daily rollup (migrations/0030). A value x != 0 falls in bucket
-- ceil(ln|x| / ln gamma) of its sign, zero in a bucket of its own (sign 0); a bucket stands for
-- 2 gamma^i / (gamma + 1), within 1% of every value in it.
CREATE OR REPLACE TEMP MACRO dd_gamma() AS (1 + 0.01) / (1 - 0.01);
CREATE OR REPLACE TEMP MACRO dd_sign(x) AS sign(x)::TINYINT;
CREATE OR REPLACE TEMP MACRO dd_bucket(x) AS
  CASE WHEN x = 0 THEN 0 ELSE ceil(ln(abs(x)) / ln(dd_gamma()))::INTEGER END;
CREATE OR REPLACE TEMP MACRO dd_value(s, bucket) AS s * 2 * pow(dd_gamma(), bucket) / (dd_gamma() + 1);
-- The q-quantiles (a list of q) of summed buckets, interpolated like quantile_cont between the
-- order statistics around rank q (total - 1), each read as its bucket's value: within 1% of
-- quantile_cont's answer. A table macro over `buckets`, a relation's name (a CTE's too) with one row
-- per group and bucket: the group's columns (none named grp, v, cum, total, q, i, rank, lo or hi),
-- then sign, bucket and n (the bucket's count, summed beforehand: a correction's may be negative);
-- one row per group: its columns and `quantiles`, in the order of qs. (A scalar macro over a list of
-- the buckets, its running count a list_reduce, made the whole overview over 2x as slow.)
CREATE OR REPLACE TEMP MACRO dd_quantiles(buckets, qs) AS TABLE
  SELECT * EXCLUDE (rank, i, lo, hi), list(lo + (rank - floor(rank)) * (hi - lo) ORDER BY i) AS quantiles
  FROM (
    -- the order statistics around the rank: the first values (in value order) whose running count passes them
    SELECT * EXCLUDE (v, cum), min(v) FILTER (WHERE cum > floor(rank)) AS lo, min(v) FILTER (WHERE cum > ceil(rank)) AS hi
    FROM (
      SELECT * EXCLUDE (grp, total, q), q * (total - 1) AS rank
      FROM (
        SELECT * EXCLUDE (sign, bucket, n), dd_value(sign, bucket) AS v,
               sum(n) OVER (PARTITION BY grp ORDER BY sign, sign * bucket ROWS UNBOUNDED PRECEDING) AS cum,
               sum(n) OVER (PARTITION BY grp) AS total
        FROM (SELECT *, struct_pack(*COLUMNS(* EXCLUDE (sign, bucket, n))) AS grp FROM query_table(buckets))
      ), unnest(qs) WITH ORDINALITY AS u(q, i)
    )
    GROUP BY ALL
  )
  GROUP BY ALL;

-- Each ticket created in [since, until] with a customer and a problem type, and the instant of that
-- customer's next ticket of the same type (next_at; null: none by `until`), whatever its team or
-- channel (a repeat contact is one whichever way the customer came back); of two at one instant the
-- one with the lower id comes first. Only a customer and type with two tickets or more can have a
-- next one: the window sorts those alone, found by a hash of the pair (a collision lets a few more
-- through, which changes nothing).
CREATE OR REPLACE TEMP MACRO next_contacts(since, until) AS TABLE
  WITH contacts AS (
    SELECT ticket_id, customer_id, problem_type, created_at FROM tickets
    WHERE customer_id IS NOT NULL AND problem_type IS NOT NULL AND created_at >= since AND created_at <= until
  )
  SELECT ticket_id, lead(created_at) OVER (PARTITION BY customer_id, problem_type ORDER BY created_at, ticket_id) AS next_at
  FROM contacts
  WHERE hash(customer_id, problem_type) IN (SELECT hash(customer_id, problem_type) FROM contacts GROUP BY 1 HAVING count(*) > 1);
-- Whether a ticket created at created_at whose next contact came at next_at (next_contacts) was a
-- repeat contact: within 7 days (as microseconds: an instant plus an interval is ICU arithmetic, per row).
CREATE OR REPLACE TEMP MACRO repeat_contact(created_at, next_at) AS epoch_us(next_at) - epoch_us(created_at) <= 7 * 86400 * 1000000::BIGINT;

-- The rows of a rollup kept per local day (table `daily`, column day) and summed per calendar month
-- (table `monthly`, column month: its first day) for the local days [from_day, to_day] (DATEs): its
-- whole months from `monthly`, its other days from `daily`, without their day or month; rows of the
-- same key are left to sum.
CREATE OR REPLACE TEMP MACRO months_and_days(monthly, daily, from_day, to_day) AS TABLE
  SELECT * EXCLUDE (month) FROM query_table(monthly)
  WHERE month >= (date_trunc('month', from_day - 1) + INTERVAL 1 MONTH)::DATE AND month < date_trunc('month', to_day + 1)::DATE
  UNION ALL BY NAME
  SELECT * EXCLUDE (day) FROM query_table(daily)
  WHERE day >= from_day AND day <= to_day
    AND (day < (date_trunc('month', from_day - 1) + INTERVAL 1 MONTH)::DATE OR day >= date_trunc('month', to_day + 1)::DATE);

-- The daily rollup's duration buckets of the local days [from_day, to_day] (migrations/0030, 0032).
CREATE OR REPLACE TEMP MACRO rollup_durations(from_day, to_day) AS TABLE
  SELECT measure, business, sign, bucket, n FROM months_and_days('monthly_durations', 'daily_durations', from_day, to_day);

-- The SLA policies as one text, for what keeps verdicts judged under them (the daily rollup's
-- stopped clocks, rollups/daily-rollup.ts): another text, other verdicts.
CREATE OR REPLACE TEMP MACRO sla_policies_key() AS (
  SELECT coalesce(string_agg(concat_ws('|', priority, coalesce(team_id, '*'), first_response_seconds, resolution_seconds, clock), ';'
                             ORDER BY priority, team_id NULLS FIRST), '')
  FROM sla_policies
);
