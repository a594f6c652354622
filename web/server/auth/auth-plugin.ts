// Who is asking, for every /api request: a Bearer token or the deskpulse_session cookie becomes
// request.principal; the route's config.roles decides whether that role may call it, the per-agent
// rule whether it may ask for agents, and open mode what it refuses. Failed sign-ins are limited.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseCookies, serialize } from 'cookie';
import type { AppContext } from '../app.ts';
import { WARM_PRINCIPAL } from '../view-warmer.ts';
import type { Principal } from '../metric-query.ts';
import { FailedAuthLimit, type FailedAuthLimits } from './failed-auth-limit.ts';
import { openModeRefusal, type OpenModeGuard } from './open-mode.ts';
import { perAgentRefusal } from './per-agent-rule.ts';
import type { Role } from './request-principal.ts';
import { checkSession, touchSession } from './session-store.ts';
import { verifyToken } from './token-store.ts';

export const SESSION_COOKIE = 'deskpulse_session';

/** Roles of a route that does not say (every reader; not ingest). */
export const DEFAULT_ROLES: readonly Role[] = ['admin', 'manager', 'team_lead', 'planner'];

export const OPEN_PRINCIPAL: Principal = { role: 'admin', teams: null, tokenId: null };

const HOW_TO_GET_ONE = 'send "Authorization: Bearer dp_..." or sign in with POST /api/session {"token": "dp_..."}; ' +
  'an administrator creates tokens with `deskpulse token create --role admin|manager|team_lead|planner|ingest [--team T]`';

/**
 * An API route, judged by the route the router matched, not by the raw URL: the router decodes
 * the path (`/%61pi/tokens` reaches `/api/tokens`), so a raw-URL check could be walked around.
 */
const isApi = (request: FastifyRequest) => {
  const url = request.routeOptions.url ?? '';
  return url === '/api' || url.startsWith('/api/');
};

function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  const read = request.method === 'GET' || request.method === 'HEAD';
  return (read && (url === '/api/health' || url === '/api/docs' || url.startsWith('/api/docs/')))
    || (url === '/api/session' && (request.method === 'POST' || request.method === 'DELETE'));
}

type Credential = { kind: 'token' | 'session'; value: string } | { kind: 'malformed' };

/** What the caller presented: the Authorization header wins over the session cookie; null for nothing. */
export function presentedCredential(request: FastifyRequest): Credential | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? { kind: 'token', value: match[1]! } : { kind: 'malformed' };
  }
  const session = request.headers.cookie ? parseCookies(request.headers.cookie)[SESSION_COOKIE] : undefined;
  return session ? { kind: 'session', value: session } : null;
}

/** The session cookie, or (empty, maxAge 0) the header that clears it. */
export function sessionCookie(request: FastifyRequest, value: string, maxAge: number): string {
  // Secure only over HTTPS: a plain-HTTP localhost server must still be able to sign in.
  return serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', maxAge });
}

/**
 * Why a credential was refused. A guess (an unknown or malformed credential) counts toward the
 * address's limit; an ended session or a revoked token is no guess, and an ended session's cookie is cleared.
 */
export interface Refusal { message: string; guess: boolean; endedSession?: boolean }

type Resolved = { principal: Principal } | Refusal;

function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  return reply.status(401).header('www-authenticate', 'Bearer realm="deskpulse"').send({ error: 'Unauthorized', message });
}

function tooManyGuesses(limit: FailedAuthLimit, request: FastifyRequest, reply: FastifyReply, wait: number): FastifyReply {
  return reply.status(429).header('retry-after', String(wait)).send({ error: 'TooManyRequests',
    message: `more than ${limit.limits.max} failed authentications from ${request.ip} within ${limit.limits.windowMs / 1000} s: ` +
      `no credential from this address is checked for ${wait} s (Retry-After); then check the token and try again` });
}

/** 429 while the address is over its limit of guesses, before any credential is checked; else null. */
export function refuseWhileLimited(limit: FailedAuthLimit, request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const wait = limit.retryAfter(request.ip);
  return wait > 0 ? tooManyGuesses(limit, request, reply, wait) : null;
}

/** 401 for a refused credential (clearing an ended session's cookie), or 429 once the address has guessed too often. */
export function refuseFailedAuth(limit: FailedAuthLimit, request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  const wait = refusal.guess ? limit.fail(request.ip) : 0;
  if (wait > 0) return tooManyGuesses(limit, request, reply, wait);
  if (refusal.endedSession) reply.header('set-cookie', sessionCookie(request, '', 0));
  return unauthorized(reply, refusal.message);
}

/** Resolves a token to its principal, or why it was refused. */
export async function authenticate(ctx: AppContext, token: string): Promise<Resolved> {
  return ctx.warehouse.withConnection(async (db) => {
    const verified = await verifyToken(db, token);
    if (verified.ok) return { principal: verified.principal };
    if (verified.reason === 'revoked') {
      return { guess: false, message: `token ${verified.tokenId} was revoked at ${verified.revokedAt}; ask an administrator for a new one: ${HOW_TO_GET_ONE}` };
    }
    return { guess: true, message: verified.reason === 'malformed'
      ? `the token is not a DeskPulse token (they look like dp_<id>_<secret>); ${HOW_TO_GET_ONE}`
      : `the token is not known to this server's warehouse; ${HOW_TO_GET_ONE}` };
  });
}

const SESSION_ENDED: Record<string, string> = {
  unknown: 'the session is not known to this server', 'signed out': 'the session was ended by signing out',
  'token revoked': 'the token this session was opened with has been revoked', expired: 'the session has expired',
  idle: 'the session expired after hours without use',
};

async function authenticateSession(ctx: AppContext, sessionId: string): Promise<Resolved> {
  const checked = await ctx.warehouse.withConnection((db) => checkSession(db, sessionId));
  if (!checked.ok) {
    return { message: `${SESSION_ENDED[checked.reason]}; sign in again: ${HOW_TO_GET_ONE}`,
      guess: checked.reason === 'unknown', endedSession: checked.reason !== 'unknown' };
  }
  // Bookkeeping for the idle limit: written directly (never behind a queued batch), not awaited by this request.
  if (checked.needsTouch) ctx.warehouse.withConnection((db) => touchSession(db, sessionId)).catch(() => undefined);
  return { principal: checked.principal };
}

function resolve(ctx: AppContext, credential: Credential): Promise<Resolved> {
  if (credential.kind === 'malformed') {
    return Promise.resolve({ guess: true, message: `the Authorization header must be "Bearer <token>"; ${HOW_TO_GET_ONE}` });
  }
  return credential.kind === 'token' ? authenticate(ctx, credential.value) : authenticateSession(ctx, credential.value);
}

/** A route's body schema that names `agent` or `by` (filters sent as a body): the rule reads the body too. */
function bodyMayAskForAgents(request: FastifyRequest): boolean {
  const properties = (request.routeOptions.schema?.body as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && ('agent' in properties || 'by' in properties);
}

export interface AuthOptions {
  /** Open mode's re-check after writes (serve --open). */
  openGuard?: OpenModeGuard | null;
  failedAuth?: FailedAuthLimits;
}

export const authPlugin = (ctx: AppContext, options: AuthOptions = {}): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (app) => {
    const failedAuth = new FailedAuthLimit(options.failedAuth);
    app.decorate('failedAuth', failedAuth);
    app.decorateRequest('principal', null as unknown as Principal);

    const forbidden = (reply: FastifyReply, message: string) => reply.status(403).send({ error: 'Forbidden', message });
    const route = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;

    // onRequest: refused before a body (up to the ingest limit) is read.
    app.addHook('onRequest', async (request, reply) => {
      // Everything outside /api is the SvelteKit UI, which asks the API itself.
      if (!isApi(request)) return;
      if (ctx.open && (await options.openGuard?.stillOpen() ?? true)) {
        const refusal = openModeRefusal(request);
        if (refusal) return forbidden(reply, refusal);
        request.principal = OPEN_PRINCIPAL;
        return;
      }
      if (ctx.warmer?.owns(request)) {
        request.principal = WARM_PRINCIPAL;
        return;
      }
      const credential = presentedCredential(request);
      if (isPublic(request)) {
        // A valid credential shows an admin more (health); an invalid one is not used here, but a guess still counts.
        if (credential && failedAuth.retryAfter(request.ip) === 0) {
          const result = await resolve(ctx, credential);
          if ('principal' in result) request.principal = result.principal;
          else if (result.guess) failedAuth.fail(request.ip);
        }
        return;
      }
      if (!credential) {
        const ended = options.openGuard?.endedBecause ? ' (open mode has ended: the warehouse now holds data that is not demo data)' : '';
        return unauthorized(reply, `${request.method} ${request.url.split('?')[0]} needs a token${ended}; ${HOW_TO_GET_ONE}`);
      }
      const limited = refuseWhileLimited(failedAuth, request, reply);
      if (limited) return limited;
      const result = await resolve(ctx, credential);
      if ('message' in result) return refuseFailedAuth(failedAuth, request, reply, result);
      request.principal = result.principal;
      const roles = request.routeOptions.config.roles ?? DEFAULT_ROLES;
      if (!roles.includes(result.principal.role)) {
        return forbidden(reply, `the ${result.principal.role} role may not call ${route(request)}; it needs one of: ${roles.join(', ')}`);
      }
      const refusal = perAgentRefusal(result.principal.role, request.query, route(request));
      if (refusal) return forbidden(reply, refusal);
    });

    app.addHook('preHandler', async (request, reply) => {
      if (!isApi(request) || !request.principal || !bodyMayAskForAgents(request)) return;
      const refusal = perAgentRefusal(request.principal.role, request.body, route(request));
      if (refusal) return forbidden(reply, refusal);
    });
  };
  // Not encapsulated: the hooks guard the routes registered beside it, not only inside it.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};
