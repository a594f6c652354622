-- The median and p90 of each local day's duration buckets (daily_durations: first response,
-- resolution, reply wait; both clocks), kept with the daily rollup (warehouse/rollups/daily-rollup-refresh.sql,
-- dd_quantiles of measure-macros.sql): a day series over a year reads 365 rows per measure instead
-- of summing about 1,200 bucket rows per day into quantiles when asked (issue 19 §2).
CREATE TABLE daily_quantiles (
  day        DATE NOT NULL,
  measure    VARCHAR NOT NULL,
  business   BOOLEAN NOT NULL,
  quantiles  DOUBLE[] NOT NULL  -- [median, p90]
);

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM settings WHERE key = 'rollup_zone';
