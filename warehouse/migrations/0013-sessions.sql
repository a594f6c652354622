-- Browser sessions: POST /api/session trades a token for a random session id kept in an httpOnly
-- cookie. Only the SHA-256 of the id is stored; sign-out or revoking the token ends the session.
CREATE TABLE sessions (
  session_sha256 VARCHAR PRIMARY KEY,   -- hex SHA-256 of the id in the cookie
  token_id       VARCHAR NOT NULL,      -- the token signed in with (api_tokens.token_id): its role and teams apply
  created_at     TIMESTAMPTZ NOT NULL,
  last_seen_at   TIMESTAMPTZ NOT NULL,  -- updated at most hourly; idle sessions expire
  expires_at     TIMESTAMPTZ NOT NULL,  -- absolute end, however active
  revoked_at     TIMESTAMPTZ            -- signed out
);
