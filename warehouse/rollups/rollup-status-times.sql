-- Time in each status (sql/status-times.sql's figures) of the tickets created on the local days
-- [$from, $to] of the daily rollup's zone, from its status durations (migrations/0035): tickets and
-- means exact, median and p90 from the summed DDSketch buckets (within 1%); $business picks the clock.
WITH buckets AS (
  SELECT measure, sign, bucket, sum(n) AS n, sum(seconds) AS seconds
  FROM months_and_days('monthly_status_durations', 'daily_status_durations', $from::DATE, $to::DATE)
  WHERE business = $business
  GROUP BY ALL
),
counts AS (SELECT measure, sign, bucket, n FROM buckets),
totals AS (SELECT measure, sum(n)::INTEGER AS tickets, sum(seconds) / sum(n) AS mean FROM buckets GROUP BY measure)
SELECT measure, tickets, quantiles[1] AS median, quantiles[2] AS p90, mean
FROM dd_quantiles(counts, [0.5, 0.9]) JOIN totals USING (measure)
