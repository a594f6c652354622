-- The one definition of the first-response and open-age buckets (half-open, in seconds): the FRT
-- distribution (metrics/sql/frt-buckets.sql), the open tickets by age (live-open.sql) and the
-- tickets behind either chart's bar (ticket-list.sql) all bucket with these.
-- frt_bucket: a ticket without first_response_at is not answered yet (callers keep unmeasured sources out).
CREATE MACRO frt_bucket(first_response_at, seconds) AS
  CASE WHEN first_response_at IS NULL THEN 'unanswered'
       WHEN seconds < 3600 THEN '<1h' WHEN seconds < 4 * 3600 THEN '1-4h' WHEN seconds < 8 * 3600 THEN '4-8h'
       WHEN seconds < 24 * 3600 THEN '8-24h' ELSE '>24h' END;
CREATE MACRO age_bucket(seconds) AS
  CASE WHEN seconds < 3600 THEN '<1h' WHEN seconds < 4 * 3600 THEN '1-4h' WHEN seconds < 8 * 3600 THEN '4-8h'
       WHEN seconds < 86400 THEN '8-24h' WHEN seconds < 3 * 86400 THEN '1-3d' WHEN seconds < 7 * 86400 THEN '3-7d'
       ELSE '>7d' END;
