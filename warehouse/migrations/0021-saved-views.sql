-- Saved views: a named page and filter (the URL's path and query) kept per user, shareable by its
-- random id (a link anyone signed in may open: the API still answers them within their own role and
-- teams), and at most one per user marked as the view opening / lands on.
CREATE TABLE saved_views (
  view_id    VARCHAR PRIMARY KEY,     -- random, the share link's id
  owner      VARCHAR NOT NULL,        -- api_tokens.token_id of the user who saved it ('open' in open mode)
  name       VARCHAR NOT NULL,
  path       VARCHAR NOT NULL,        -- the page, e.g. /agents
  search     VARCHAR NOT NULL,        -- its query string without '?', e.g. from=2026-11-01&team=returns
  is_default BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL
);
