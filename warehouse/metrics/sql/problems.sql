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
-- Each ticket's next ticket from the same customer with the same problem type, whatever its team or
-- channel (a repeat contact is one whichever way the customer came back).
contacts AS (
  SELECT ticket_id, customer_id, problem_type, created_at
  FROM tickets
  WHERE customer_id IS NOT NULL AND problem_type IS NOT NULL AND NOT $rollup
    AND created_at >= $start AND created_at <= $end::TIMESTAMPTZ + INTERVAL 7 DAY
),
-- Only a customer and type with two tickets or more can have a next one: the window sorts those
-- alone, found by a hash of the pair (a collision lets a few more through, which changes nothing).
next_contact AS (
  SELECT ticket_id,
         lead(created_at) OVER (PARTITION BY customer_id, problem_type ORDER BY created_at, ticket_id) AS next_at
  FROM contacts
  WHERE hash(customer_id, problem_type) IN (SELECT hash(customer_id, problem_type) FROM contacts GROUP BY 1 HAVING count(*) > 1)
),
grouped AS (
  SELECT s.problem_type, s.problem_subtype,
         count(*) FILTER (WHERE s.in_current) AS tickets,
         count(*) FILTER (WHERE s.in_previous) AS previous,
         avg(s.reopened::INTEGER) AS reopen_rate,
         -- 7 days as microseconds: an instant plus an interval is calendar arithmetic (ICU), per row.
         avg((n.next_at IS NOT NULL AND epoch_us(n.next_at) - epoch_us(s.created_at) <= 7 * 86400 * 1000000::BIGINT)::INTEGER)
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
