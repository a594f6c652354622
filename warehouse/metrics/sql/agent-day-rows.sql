-- The end of agent-days.sql and rollups/agent-rollup.sql (per_day, with agent-held.sql's days and held):
-- every day of the range, zeros included.
SELECT d.day,
       coalesce(p.assigned, 0) AS assigned, coalesce(p.resolved, 0) AS resolved, coalesce(p.replies, 0) AS replies,
       coalesce(p.handle_seconds, 0) AS handle_seconds, p.aht_seconds, coalesce(h.open_at_day_end, 0) AS open_at_day_end,
       p.frt_median, p.resolution_median, p.csat, coalesce(p.ratings, 0) AS ratings, p.reopen_rate
FROM days d LEFT JOIN per_day p USING (day) LEFT JOIN held h USING (day)
ORDER BY d.day
