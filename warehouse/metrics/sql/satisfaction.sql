-- Ratings given in [$start, $end) (the last rating of each ticket, by when it was given), grouped by
-- rating, by local $grain bucket, or by a dimension ($by, a bound value): count, CSAT (share of 4 and 5)
-- and mean. $group picks the grouping: 'rating' | 'bucket' | 'value'.
WITH rated AS (
  SELECT t.rating, t.rated_at,
         CASE $by WHEN 'team' THEN t.team_id WHEN 'channel' THEN t.channel WHEN 'problem_type' THEN t.problem_type
                  WHEN 'agent' THEN t.agent_id END AS value
  FROM tickets t
  WHERE t.rated_at >= $start AND t.rated_at < $end AND t.rating IS NOT NULL AND {{conditions:t}}
)
SELECT CASE WHEN $group = 'rating' THEN rating::INTEGER END AS rating,
       CASE WHEN $group = 'bucket' THEN strftime(date_trunc($grain, {{local:rated_at}}), '%Y-%m-%d') END AS bucket,
       CASE WHEN $group = 'value' THEN value END AS value,
       count(*) AS ratings,
       csat(rating) AS csat,  -- the CSAT macro (migrations/0029)
       avg(rating) AS rating_mean
FROM rated
GROUP BY ALL
ORDER BY ratings DESC, value NULLS LAST
