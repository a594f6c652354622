// Browser sessions in the warehouse's sessions table: a random id (the cookie) stands for a token
// without being it. Only the id's SHA-256 is stored; a session ends on sign-out, when its token is
// revoked, after SESSION_IDLE_HOURS without use, or SESSION_MAX_DAYS after sign-in.
import { createHash, randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isWriteConflict, retryOnConflict } from '../../../warehouse/write-conflict.ts';
import type { Principal } from '../metric-query.ts';
import type { Role } from './request-principal.ts';

export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

const SESSION = /^ds_[A-Za-z0-9_-]{43}$/;

const digest = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');

export type SessionCheck =
  | { ok: true; principal: Principal; needsTouch: boolean }
  | { ok: false; reason: 'unknown' | 'signed out' | 'token revoked' | 'expired' | 'idle' };

// Session rows are written directly, not through the write queue: no ingest writes them, so a
// sign-in never waits behind a long batch (DuckDB's optimistic concurrency lets both run). Two
// requests changing one session row at once is a conflict: a touch then skips, sign-out tries again.

/** Starts a session for an authenticated token holder; returns the id for the cookie (shown once). */
export async function createSession(db: DuckDBConnection, principal: Principal & { tokenId: string }): Promise<string> {
  const sessionId = `ds_${randomBytes(32).toString('base64url')}`;
  // Sessions over a day past their end are of no further use, even as a record; the next sign-in
  // prunes them if another request is touching one of them now.
  await db.run(`DELETE FROM sessions WHERE expires_at < now() - INTERVAL 1 DAY
    OR last_seen_at < now() - INTERVAL ${SESSION_IDLE_HOURS + 24} HOUR`).catch((err: unknown) => { if (!isWriteConflict(err)) throw err; });
  // A new random key: no other write can conflict with this row.
  await db.run(`INSERT INTO sessions (session_sha256, token_id, created_at, last_seen_at, expires_at)
    VALUES ($hash, $token, now(), now(), now() + INTERVAL ${SESSION_MAX_DAYS} DAY)`,
  { hash: digest(sessionId), token: principal.tokenId });
  return sessionId;
}

/** Who a session cookie stands for, or why it no longer stands for anyone. */
export async function checkSession(db: DuckDBConnection, sessionId: string): Promise<SessionCheck> {
  if (!SESSION.test(sessionId)) return { ok: false, reason: 'unknown' };
  const reader = await db.runAndReadAll(`SELECT s.token_id, t.role, t.teams, s.revoked_at IS NOT NULL AS signed_out,
      t.revoked_at IS NOT NULL AS token_revoked, s.expires_at <= now() AS expired,
      s.last_seen_at <= now() - INTERVAL ${SESSION_IDLE_HOURS} HOUR AS idle, epoch_ms(now() - s.last_seen_at) AS seen_ms_ago
    FROM sessions s JOIN api_tokens t USING (token_id) WHERE s.session_sha256 = $hash`, { hash: digest(sessionId) });
  const row = reader.getRowObjectsJS()[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.signed_out) return { ok: false, reason: 'signed out' };
  if (row.token_revoked) return { ok: false, reason: 'token revoked' };
  if (row.expired) return { ok: false, reason: 'expired' };
  if (row.idle) return { ok: false, reason: 'idle' };
  const role = row.role as Role;
  return {
    ok: true, needsTouch: Number(row.seen_ms_ago) >= TOUCH_EVERY_MS,
    principal: { role, teams: role === 'team_lead' && Array.isArray(row.teams) ? row.teams.map(String) : null, tokenId: String(row.token_id) },
  };
}

/** Sessions whose last_seen_at is being written now: a burst of requests makes one write, not one each. */
const touching = new Set<string>();

/** Records that a session is in use; skipped while a touch of it is under way or when it loses a race. */
export async function touchSession(db: DuckDBConnection, sessionId: string): Promise<void> {
  const hash = digest(sessionId);
  if (touching.has(hash)) return;
  touching.add(hash);
  try {
    await db.run('UPDATE sessions SET last_seen_at = now() WHERE session_sha256 = $hash', { hash });
  } catch (err) {
    if (!isWriteConflict(err)) throw err; // else sign-out is ending it, or another touch won: nothing to record
  } finally {
    touching.delete(hash);
  }
}

/** Ends a session (sign-out); an unknown or already ended id is left as it is. */
export async function endSession(db: DuckDBConnection, sessionId: string): Promise<void> {
  if (!SESSION.test(sessionId)) return;
  await retryOnConflict(() => db.run('UPDATE sessions SET revoked_at = now() WHERE session_sha256 = $hash AND revoked_at IS NULL',
    { hash: digest(sessionId) }));
}
