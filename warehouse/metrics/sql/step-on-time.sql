-- Step visits (ticket_status_spans of a working status) that ended in [$start, $end), of the
-- tickets the filter matches, measured against their step limit (step_limit_of, migrations/0028) in
-- the limit's clock: business time is the span's own (its ticket's calendar, as derivation measured
-- it), calendar time its length. Visits with no limit are left out. Per status: visits, on time.
WITH visits AS (
  SELECT s.status, s.seconds, s.business_seconds, step_limit_of(s.status, s.team_id, t.problem_type) AS lim
  FROM ticket_status_spans s JOIN tickets t USING (ticket_id)
  WHERE s.ended_at >= $start AND s.ended_at < $end AND s.status IN ('new', 'open', 'pending', 'on_hold')
    AND {{conditions:t}}
)
SELECT status, count(*)::INTEGER AS visits,
       -- judged as an SLA clock (measure-macros.sql): a stopped visit within its limit is on time
       count(*) FILTER (WHERE sla_state(lim.limit_seconds, true, in_policy_clock(lim.clock, seconds, business_seconds)) = 'met')::INTEGER AS on_time
FROM visits
WHERE lim IS NOT NULL
GROUP BY status
