-- API tokens: who may call the HTTP API, with which role and (team leads) which teams.
-- Only the SHA-256 of each token's secret is stored: a copy of the file gives no usable token.
CREATE TABLE api_tokens (
  token_id      VARCHAR PRIMARY KEY,   -- the public part of "dp_<token_id>_<secret>"
  name          VARCHAR NOT NULL,      -- what the token is for, e.g. 'nightly ingest'
  role          VARCHAR NOT NULL,      -- admin | manager | team_lead | planner | ingest
  teams         VARCHAR[],             -- team_lead: the teams it may see; null for other roles
  secret_sha256 VARCHAR NOT NULL,      -- hex SHA-256 of the secret part
  created_at    TIMESTAMPTZ NOT NULL,
  created_by    VARCHAR NOT NULL,      -- e.g. 'cli:alice'
  revoked_at    TIMESTAMPTZ,
  last_used_at  TIMESTAMPTZ
);
