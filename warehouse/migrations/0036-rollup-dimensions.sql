-- The daily rollup (0030-0033) per value of the dimensions a breakdown asks most and whose bucket rows
-- stay few (issue 19 §2): team, channel, priority and problem type (rollups/daily-rollup.ts,
-- ROLLUP_DIMENSIONS). Each row holds what its table without dimension holds, for the tickets (and
-- agent replies) with that value: a reply's team is the team that held the ticket then, as in
-- sql/kpis.sql; every other value is the ticket's. Kept with the daily rollup for the same days.
CREATE TABLE dimension_daily_counts AS SELECT ''::VARCHAR AS dimension, NULL::VARCHAR AS value, * FROM daily_counts LIMIT 0;
CREATE TABLE dimension_daily_durations AS SELECT ''::VARCHAR AS dimension, NULL::VARCHAR AS value, * FROM daily_durations LIMIT 0;
CREATE TABLE dimension_monthly_durations AS SELECT ''::VARCHAR AS dimension, NULL::VARCHAR AS value, * FROM monthly_durations LIMIT 0;

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM settings WHERE key = 'rollup_zone';
