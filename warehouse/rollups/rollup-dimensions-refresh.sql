-- Recomputes the daily rollup per dimension value (migrations/0036) of the local days in _rollup_days,
-- after daily-rollup-refresh.sql: its figures per day and key (_rollup_counts, _rollup_durations),
-- those of a dimension value here.
DELETE FROM dimension_daily_counts WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM dimension_daily_durations WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM dimension_monthly_durations WHERE month IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days);

INSERT INTO dimension_daily_counts BY NAME
SELECT * FROM _rollup_counts WHERE dimension IS NOT NULL ORDER BY day;

INSERT INTO dimension_daily_durations BY NAME
SELECT * FROM _rollup_durations WHERE dimension IS NOT NULL ORDER BY day;

INSERT INTO dimension_monthly_durations BY NAME
SELECT dimension, value, date_trunc('month', day)::DATE AS month, measure, business, sign, bucket, sum(n)::BIGINT AS n
FROM dimension_daily_durations
WHERE day >= (SELECT date_trunc('month', min(day))::DATE FROM _rollup_days)
  AND date_trunc('month', day)::DATE IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days)
GROUP BY ALL
ORDER BY month;

DROP TABLE _rollup_counts;
DROP TABLE _rollup_durations;
