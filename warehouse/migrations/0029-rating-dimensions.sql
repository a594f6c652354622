-- Ratings by dimension (issue 20 §4): a `rated` event may say what it rates (rating_dimension: a key
-- such as speed, quality, attitude; null: the overall rating, as before). Derivation keeps the ticket's
-- rating the last OVERALL one, so CSAT reads what it read before; a dimension rating is never a
-- second overall rating of its ticket. Events written before have none: nothing to re-derive.
ALTER TABLE events ADD COLUMN rating_dimension VARCHAR;

-- CSAT, the one definition (design.md: share of ratings >= 4 among ratings given; a null rating is
-- no rating). Every CSAT figure (kpis, satisfaction, agents, agent days, dimensions) aggregates with it.
CREATE MACRO satisfied(rating) AS rating >= 4;
CREATE MACRO csat(rating) AS avg(satisfied(rating)::INTEGER);

-- The last rating of each ticket in each dimension, when it was given: what CSAT per dimension
-- counts, as the ticket's last overall rating is what CSAT counts. "Last" in derivation's event order
-- (occurred_at, source_seq NULLS FIRST, event_id; all of one type). Few events have a dimension: the
-- scan skips the row groups whose rating_dimension is all null.
CREATE MACRO dimension_ratings() AS TABLE
  SELECT ticket_id, rating_dimension, rating, occurred_at AS rated_at
  FROM events
  WHERE rating_dimension IS NOT NULL AND type = 'rated' AND rating IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY ticket_id, rating_dimension
                             ORDER BY occurred_at DESC, source_seq DESC NULLS LAST, event_id DESC) = 1;
