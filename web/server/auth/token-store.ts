// API tokens in the warehouse's api_tokens table: create (returns the token once), list (never
// the secret), revoke, and verify a presented token into the Principal it stands for.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from '../metric-query.ts';
import { hashSecret, mintToken, parseToken, secretMatches } from './api-token.ts';
import type { Role } from './request-principal.ts';

export const ROLES: readonly Role[] = ['admin', 'manager', 'team_lead', 'planner', 'ingest'];

export interface TokenInfo {
  tokenId: string;
  name: string;
  role: Role;
  teams: string[] | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewToken { role: string; teams?: string[]; name?: string; createdBy: string }

/** A token request that cannot be granted as asked; the message lists what would be valid. */
export class TokenRequestError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

export type Verified =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'malformed' | 'unknown' }
  | { ok: false; reason: 'revoked'; tokenId: string; revokedAt: string };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

function toInfo(row: Record<string, unknown>): TokenInfo {
  return {
    tokenId: String(row.token_id), name: String(row.name), role: row.role as Role,
    teams: Array.isArray(row.teams) ? row.teams.map(String) : null,
    createdAt: iso(row.created_at) ?? '', createdBy: String(row.created_by),
    revokedAt: iso(row.revoked_at), lastUsedAt: iso(row.last_used_at),
  };
}

async function knownTeams(db: DuckDBConnection): Promise<string[]> {
  const rows = (await db.runAndReadAll('SELECT team_id FROM teams ORDER BY team_id')).getRows();
  return rows.map(([id]) => String(id));
}

export async function createToken(db: DuckDBConnection, request: NewToken): Promise<{ token: string; info: TokenInfo }> {
  if (!ROLES.includes(request.role as Role)) {
    throw new TokenRequestError('role', `unknown role "${request.role}"; use one of ${ROLES.join(', ')}`);
  }
  const role = request.role as Role;
  const teams = [...new Set(request.teams ?? [])];
  if (role === 'team_lead') {
    const valid = await knownTeams(db);
    if (teams.length === 0) {
      throw new TokenRequestError('team', `a team_lead token needs at least one --team (teams: ${valid.join(', ') || 'none configured'})`);
    }
    const unknown = teams.filter((t) => !valid.includes(t));
    if (unknown.length > 0) {
      throw new TokenRequestError('team', `unknown team ${unknown.map((t) => `"${t}"`).join(', ')}; ` +
        `teams in the config: ${valid.join(', ') || 'none configured'}`);
    }
  } else if (teams.length > 0) {
    throw new TokenRequestError('team', `only team_lead tokens are limited to teams; a ${role} token sees every team, so drop --team`);
  }
  const minted = mintToken();
  const name = request.name?.trim() || `${role} token`;
  await db.run(`INSERT INTO api_tokens (token_id, name, role, teams, secret_sha256, created_at, created_by)
    VALUES ($id, $name, $role, $teams, $hash, now(), $by)`, {
    id: minted.tokenId, name, role, teams: role === 'team_lead' ? listValue(teams) : null,
    hash: hashSecret(minted.secret), by: request.createdBy,
  });
  const [info] = await selectTokens(db, minted.tokenId);
  return { token: minted.token, info: info! };
}

async function selectTokens(db: DuckDBConnection, tokenId: string | null): Promise<TokenInfo[]> {
  const reader = await db.runAndReadAll(`SELECT token_id, name, role, teams, created_at, created_by, revoked_at, last_used_at
    FROM api_tokens WHERE $id IS NULL OR token_id = $id ORDER BY created_at, token_id`, { id: tokenId });
  return reader.getRowObjectsJS().map(toInfo);
}

export function listTokens(db: DuckDBConnection): Promise<TokenInfo[]> {
  return selectTokens(db, null);
}

/** Revokes `tokenId` (idempotent: a revoked token keeps its first revocation time). */
export async function revokeToken(db: DuckDBConnection, tokenId: string): Promise<TokenInfo> {
  await db.run('UPDATE api_tokens SET revoked_at = now() WHERE token_id = $id AND revoked_at IS NULL', { id: tokenId });
  const [info] = await selectTokens(db, tokenId);
  if (!info) {
    const known = (await listTokens(db)).map((t) => t.tokenId);
    throw new TokenRequestError('id', `no token with id "${tokenId}"; ${known.length ? `known ids: ${known.join(', ')}` : 'there are no tokens'} (see \`deskpulse token list\`)`);
  }
  return info;
}

/** The principal a presented token stands for, or why it stands for none. */
export async function verifyToken(db: DuckDBConnection, token: string): Promise<Verified> {
  const parts = parseToken(token);
  if (!parts) return { ok: false, reason: 'malformed' };
  const reader = await db.runAndReadAll(`SELECT token_id, role, teams, secret_sha256, revoked_at, last_used_at
    FROM api_tokens WHERE token_id = $id`, { id: parts.tokenId });
  const row = reader.getRowObjectsJS()[0];
  if (!row || !secretMatches(parts.secret, String(row.secret_sha256))) return { ok: false, reason: 'unknown' };
  if (row.revoked_at instanceof Date) return { ok: false, reason: 'revoked', tokenId: parts.tokenId, revokedAt: row.revoked_at.toISOString() };
  await touch(db, parts.tokenId, row.last_used_at);
  const role = row.role as Role;
  return { ok: true, principal: { role, teams: role === 'team_lead' && Array.isArray(row.teams) ? row.teams.map(String) : null, tokenId: parts.tokenId } };
}

const TOUCH_EVERY_MS = 60_000;

// last_used_at is bookkeeping: written at most once a minute per token, and a write that loses a
// race with another request's (a DuckDB transaction conflict) is simply skipped.
async function touch(db: DuckDBConnection, tokenId: string, lastUsed: unknown): Promise<void> {
  if (lastUsed instanceof Date && Date.now() - lastUsed.getTime() < TOUCH_EVERY_MS) return;
  try {
    await db.run('UPDATE api_tokens SET last_used_at = now() WHERE token_id = $id', { id: tokenId });
  } catch {
    // another request recorded the use at the same moment
  }
}
