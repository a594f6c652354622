-- Backlog movements per local day of [$start, $end), per {{dimension}} value: tickets created and
-- tickets done (last resolution or close, see metric-sql.ts doneAt) that day; the row with day NULL
-- holds those before $start. Backlog at the end of day D = created by then - done by then
-- (backlog.ts sums it up), i.e. tickets created and not finally resolved/closed by the end of D.
-- Tickets done before $start cannot be open on any day of the range: they are left out early.
WITH scoped AS MATERIALIZED (
  SELECT * FROM (
    SELECT t.created_at, {{done_at:t}} AS done_at, {{dimension:t}} AS dim_value
    FROM tickets t
    WHERE t.created_at < $end AND {{conditions:t}}
  )
  WHERE done_at IS NULL OR done_at >= $start
),
moves AS (
  SELECT created_at AS fact_at, dim_value, 1 AS created, 0 AS done FROM scoped
  UNION ALL
  SELECT done_at AS fact_at, dim_value, 0 AS created, 1 AS done FROM scoped WHERE done_at < $end
),
-- Grouped by UTC quarter hour first (every zone's offset is a multiple of 15 minutes), so the costly
-- conversion to a local day runs once per quarter hour, not once per ticket. The quarter is the
-- floor of the instant's microseconds: exact to the microsecond before a local midnight, and integer
-- arithmetic only (epoch() as a double, rounded to a BIGINT, cost four times as much and rounded
-- 23:59:59.6 into the next day).
quarters AS (
  SELECT dim_value,
         CASE WHEN fact_at >= $start THEN (epoch_us(fact_at) - ((epoch_us(fact_at) % 900000000) + 900000000) % 900000000) // 900000000 END AS quarter,
         sum(created) AS created, sum(done) AS done
  FROM moves GROUP BY ALL
)
-- Before $start only creations remain (the tickets open at the start): the row with day NULL.
SELECT dim_value,
       strftime(timezone($tz, to_timestamp(quarter * 900)), '%Y-%m-%d') AS day,
       sum(created)::INTEGER AS created,
       sum(done)::INTEGER AS done
FROM quarters
GROUP BY ALL
