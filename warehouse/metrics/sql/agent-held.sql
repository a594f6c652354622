-- One agent's ($agent_id) tickets open at the end of each local day of [$start, $end) (days, held):
-- a hold runs from an assignment to the agent until its end (migrations/0039: the ticket's next
-- assignment, to anyone, or its final resolution/close, the earlier). Continues agent-facts.sql or
-- rollups/agent-rollup.sql (per_day); the ticket's columns are joined only when the filter names one.
, days AS (
  SELECT strftime(d, '%Y-%m-%d') AS day, d::DATE AS date
  FROM range(timezone($tz, $start::TIMESTAMPTZ), timezone($tz, $end::TIMESTAMPTZ), INTERVAL 1 DAY) r(d)
),
holds AS (
  -- the agent's assignments, in the team the ticket was in then; one ended before the range holds no day end in it
  SELECT a.assigned_at, a.ends_at, a.agent_id, a.team_id, {{ticket_columns}}
  FROM agent_assignments a {{ticket_join}}
  WHERE a.agent_id = $agent_id AND a.assigned_at < $end AND coalesce(a.ends_at >= $start, true)
),
-- A hold is open at the end of each local day from the one it starts on to the one before the local day
-- it ends on (its end: the earlier of the next assignment and done). Those days counted by a running
-- sum of +1 where holds start and -1 after they end, over the range's days (a hold started before the
-- range counts from its first day). A ticket's holds by one agent never overlap: the count is of tickets.
held_days AS (
  SELECT timezone($tz, h.assigned_at)::DATE AS first_day,
         timezone($tz, h.ends_at)::DATE - 1 AS last_day  -- null: open still
  FROM holds h
  WHERE {{conditions:h}}
),
held_changes AS (
  SELECT first_day AS date, 1 AS change FROM held_days WHERE coalesce(last_day >= first_day, true)
  UNION ALL
  SELECT last_day + 1, -1 FROM held_days WHERE last_day >= first_day
),
held AS (
  SELECT d.day, (sum(coalesce(c.change, 0)) OVER (ORDER BY d.date))::BIGINT AS open_at_day_end
  FROM days d LEFT JOIN (SELECT greatest(date, (SELECT min(date) FROM days)) AS date, sum(change) AS change
                         FROM held_changes GROUP BY 1) c USING (date)
)
