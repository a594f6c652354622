-- Tickets the calendar expects per problem type (and subtype when $by_subtype) in the range
-- [$from, $to] of local days (catalog: problem_expected). A day is ordinary, or k days from a
-- promotion day of the config (settings 'promotions'; k from -3 to +13, as the forecaster's calendar
-- features: pre-sales rise before it, orders' aftermath follows). Each day of the range expects the
-- type's mean count on the same weekday over the ordinary days of the 4 weeks before the range; a
-- day k from a promotion that times the type's lift at k: its count on the history's days k from a
-- promotion / what the same baseline (the 4 weeks before that promotion's days) expected on them
-- (all types' lift at k when the type has none). Days before the first ticket are no history.
-- The history: the local days from $history_from, from the tickets, or with $rollup summed from the
-- daily rollup (daily_problems, migrations/0035: its zone's days, no filter).
WITH promotions AS (
  SELECT DISTINCT unnest(from_json(value, '["VARCHAR"]'))::DATE AS day FROM settings WHERE key = 'promotions'
),
-- the days around each promotion day, with the offset to the nearest one
around AS (
  -- equally near two promotions: the one before (its after-sales wave), so that the answer never depends on scan order
  SELECT (p.day + r.k::INTEGER)::DATE AS day, arg_min(r.k::INTEGER, abs(r.k) * 100 - r.k) AS k, min(p.day - 3) AS window_start
  FROM promotions p, range(-3, 14) r(k)
  GROUP BY 1
),
daily AS (
  SELECT {{local:t.created_at}}::DATE AS day, t.problem_type,
         CASE WHEN $by_subtype THEN t.problem_subtype END AS problem_subtype, count(*) AS n
  FROM tickets t
  WHERE t.created_at >= $history_start AND t.created_at < $end AND {{conditions:t}} AND NOT $rollup
  GROUP BY ALL
  UNION ALL
  SELECT day, problem_type, CASE WHEN $by_subtype THEN problem_subtype END, sum(created)::BIGINT
  FROM daily_problems
  WHERE $rollup AND day >= $history_from::DATE AND day <= $to::DATE
  GROUP BY ALL
  HAVING sum(created) > 0
),
types AS (SELECT DISTINCT problem_type, problem_subtype FROM daily),
days AS (
  SELECT g.day, a.k, a.window_start
  FROM (SELECT unnest(generate_series((SELECT min(day) FROM daily), $to::DATE, INTERVAL 1 DAY))::DATE AS day) g
  LEFT JOIN around a USING (day)
),
-- every (day, type) of the history and the range with its count, zeros included
counts AS (
  SELECT d.day, d.k, ty.problem_type, ty.problem_subtype, coalesce(x.n, 0) AS n
  FROM days d CROSS JOIN types ty
  LEFT JOIN daily x ON x.day = d.day AND x.problem_type IS NOT DISTINCT FROM ty.problem_type
                   AND x.problem_subtype IS NOT DISTINCT FROM ty.problem_subtype
),
-- the days to expect: the range's (baseline: the 4 weeks before the range) and the history's days
-- around a promotion (baseline: the 4 weeks before that promotion's days), for the lifts
targets AS (
  SELECT day, k, $from::DATE AS anchor, true AS in_range FROM days WHERE day >= $from::DATE
  UNION ALL
  SELECT day, k, window_start, false FROM days WHERE k IS NOT NULL AND day < $from::DATE
),
ordinary AS (
  SELECT t.day, t.k, t.in_range, c.problem_type, c.problem_subtype, avg(c.n) AS expected
  FROM targets t
  JOIN counts c ON c.day >= t.anchor - 28 AND c.day < t.anchor AND isodow(c.day) = isodow(t.day) AND c.k IS NULL
  GROUP BY ALL
),
past AS (
  SELECT o.k, o.problem_type, o.problem_subtype, c.n, o.expected
  FROM ordinary o
  JOIN counts c ON c.day = o.day AND c.problem_type IS NOT DISTINCT FROM o.problem_type AND c.problem_subtype IS NOT DISTINCT FROM o.problem_subtype
  WHERE NOT o.in_range
),
lift AS (SELECT k, problem_type, problem_subtype, sum(n) / nullif(sum(expected), 0) AS lift FROM past GROUP BY ALL),
any_lift AS (SELECT k, sum(n) / nullif(sum(expected), 0) AS lift FROM past GROUP BY k),
expected_days AS (
  SELECT o.problem_type, o.problem_subtype, o.k,
         o.expected * CASE WHEN o.k IS NULL THEN 1 ELSE coalesce(l.lift, a.lift) END AS expected
  FROM ordinary o
  LEFT JOIN lift l ON l.k = o.k AND l.problem_type IS NOT DISTINCT FROM o.problem_type AND l.problem_subtype IS NOT DISTINCT FROM o.problem_subtype
  LEFT JOIN any_lift a ON a.k = o.k
  WHERE o.in_range
)
SELECT problem_type, problem_subtype,
       -- a day without a baseline, or around a promotion with no lift known: not expectable (null)
       CASE WHEN count(expected) < (SELECT count(*) FROM days WHERE day >= $from::DATE) THEN NULL ELSE sum(expected) END AS expected,
       count(*) FILTER (WHERE k = 0) AS promotion_days,
       count(*) FILTER (WHERE k IS NOT NULL) AS promotion_window_days
FROM expected_days
GROUP BY ALL
