-- The comments the complaint review reads: a ticket's last rating comment, given in [$start, $end),
-- when the ticket is a complaint ($complaint_type) or the rating is low (<= $low_rating). Per group
-- (problem type, and product when $by_product) the latest $per_group are kept; `comments` counts all.
WITH commented AS (
  SELECT t.ticket_id, t.problem_type, CASE WHEN $by_product THEN t.product END AS product,
         t.rating_comment AS comment, t.rated_at,
         coalesce(t.problem_type = $complaint_type, false) AS complaint, t.rating <= $low_rating AS low_rating,
         strftime(date_trunc('week', {{local:t.rated_at}}), '%Y-%m-%d') AS week
  FROM tickets t
  WHERE t.rated_at >= $start AND t.rated_at < $end
    AND t.rating_comment IS NOT NULL AND trim(t.rating_comment) <> ''
    AND (t.problem_type = $complaint_type OR t.rating <= $low_rating)
    AND {{conditions:t}}
)
SELECT ticket_id, problem_type, product, comment, complaint, low_rating, week,
       count(*) OVER (PARTITION BY problem_type, product) AS comments,
       count(*) FILTER (WHERE complaint) OVER (PARTITION BY problem_type, product) AS complaints,
       count(*) FILTER (WHERE low_rating) OVER (PARTITION BY problem_type, product) AS low_ratings
FROM commented
QUALIFY row_number() OVER (PARTITION BY problem_type, product ORDER BY rated_at DESC, ticket_id) <= $per_group
ORDER BY problem_type NULLS LAST, product NULLS LAST, ticket_id
