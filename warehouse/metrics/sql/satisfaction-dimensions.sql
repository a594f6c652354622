-- CSAT per rating dimension (issue 20 §4): each ticket's last rating in a dimension (dimension_ratings(),
-- migrations/0029) counts when it was given in [$start, $end) and its ticket passes the filters:
-- ratings, CSAT (the same csat() as the overall figure) and mean per dimension. Every dimension the
-- caller's teams' tickets were ever rated in is listed, one without ratings in the range with 0 and nulls.
SELECT rating_dimension AS dimension,
       count(*) FILTER (WHERE in_range) AS ratings,
       csat(CASE WHEN in_range THEN rating END) AS csat,
       avg(CASE WHEN in_range THEN rating END) AS rating_mean
FROM (
  SELECT d.rating_dimension, d.rating,
         d.rated_at >= $start AND d.rated_at < $end AND {{conditions:t}} AS in_range
  FROM dimension_ratings() d JOIN tickets t USING (ticket_id)
  WHERE {{scope:t}}
)
GROUP BY rating_dimension
