-- Problem-type frequency (Pareto): tickets created in [$start, $end) per problem type (and subtype
-- when $by_subtype), with share, cumulative share in Pareto order, the count in the previous period
-- [$prev_start, $prev_end) (comparison.ts: not always adjoining the range), its change (whether it grows is judged against the calendar: problem-expected.sql), the reopen rate (tickets first resolved in the range, reopened
-- at least once) and the repeat-contact rate (see problems.ts for both definitions).
-- $rollup: the same counts summed from the daily rollup (daily_problems, migrations/0035) of the local
-- days [$from, $to] and [$prev_from, $prev_to] (its zone's, no filter: problems.ts), the tickets unread.
WITH scoped AS MATERIALIZED (
  SELECT t.ticket_id, t.created_at, t.customer_id, t.problem_type,
         CASE WHEN $by_subtype THEN t.problem_subtype END AS problem_subtype,
         t.created_at >= $prev_start AND t.created_at < $prev_end AS in_previous,
         t.created_at >= $start AND t.created_at < $end AS in_current,
         CASE WHEN t.first_resolved_at >= $start AND t.first_resolved_at < $end THEN t.reopen_count > 0 END AS reopened
  FROM tickets t
  WHERE ((t.created_at >= $prev_start AND t.created_at < $prev_end) OR (t.created_at >= $start AND t.created_at < $end)
         OR (t.first_resolved_at >= $start AND t.first_resolved_at < $end))
    AND {{conditions:t}} AND NOT $rollup
),
-- each ticket's next contact (measure-macros.sql), the range's and 7 days on
next_contact AS (
  FROM next_contacts($start::TIMESTAMPTZ, $end::TIMESTAMPTZ + INTERVAL 7 DAY) WHERE NOT $rollup
),
grouped AS (
  SELECT s.problem_type, s.problem_subtype,
         count(*) FILTER (WHERE s.in_current) AS tickets,
         count(*) FILTER (WHERE s.in_previous) AS previous,
         avg(s.reopened::INTEGER) AS reopen_rate,
         avg(coalesce(repeat_contact(s.created_at, n.next_at), false)::INTEGER)
           FILTER (WHERE s.in_current AND s.customer_id IS NOT NULL AND s.problem_type IS NOT NULL) AS repeat_contact_rate
  FROM scoped s LEFT JOIN next_contact n USING (ticket_id)
  GROUP BY ALL
  UNION ALL
  SELECT problem_type, CASE WHEN $by_subtype THEN problem_subtype END,
         coalesce(sum(created) FILTER (WHERE day >= $from::DATE AND day <= $to::DATE), 0)::BIGINT,
         coalesce(sum(created) FILTER (WHERE day >= $prev_from::DATE AND day <= $prev_to::DATE), 0)::BIGINT,
         sum(reopened) FILTER (WHERE day >= $from::DATE AND day <= $to::DATE)
           / nullif(sum(first_resolved) FILTER (WHERE day >= $from::DATE AND day <= $to::DATE), 0),
         sum(repeated) FILTER (WHERE day >= $from::DATE AND day <= $to::DATE)
           / nullif(sum(repeat_measured) FILTER (WHERE day >= $from::DATE AND day <= $to::DATE), 0)
  FROM daily_problems
  WHERE $rollup AND ((day >= $from::DATE AND day <= $to::DATE) OR (day >= $prev_from::DATE AND day <= $prev_to::DATE))
  GROUP BY ALL
),
totals AS (
  SELECT *, sum(tickets) OVER () AS total
  FROM grouped WHERE tickets > 0 OR previous > 0
)
SELECT problem_type, problem_subtype, tickets,
       tickets / nullif(total, 0) AS share,
       sum(tickets) OVER (ORDER BY tickets DESC, previous DESC, problem_type NULLS LAST, problem_subtype NULLS LAST
                          ROWS UNBOUNDED PRECEDING) / nullif(total, 0) AS cumulative_share,
       previous,
       (tickets - previous) / nullif(previous, 0) AS delta_pct,
       reopen_rate, repeat_contact_rate
FROM totals
ORDER BY tickets DESC, previous DESC, problem_type NULLS LAST, problem_subtype NULLS LAST
