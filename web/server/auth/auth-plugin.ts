// Who is asking, for every /api request: a Bearer token or the deskpulse_token cookie becomes
// request.principal, and the route's config.roles decides whether that role may call it.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parse as parseCookies } from 'cookie';
import type { AppContext } from '../app.ts';
import { WARM_PRINCIPAL } from '../view-warmer.ts';
import type { Principal } from '../metric-query.ts';
import type { Role } from './request-principal.ts';
import { verifyToken } from './token-store.ts';

export const SESSION_COOKIE = 'deskpulse_token';

/** Roles of a route that does not say (every reader; not ingest). */
export const DEFAULT_ROLES: readonly Role[] = ['admin', 'manager', 'team_lead', 'planner'];

export const OPEN_PRINCIPAL: Principal = { role: 'admin', teams: null, tokenId: null };

const HOW_TO_GET_ONE = 'send "Authorization: Bearer dp_..." or sign in with POST /api/session {"token": "dp_..."}; ' +
  'an administrator creates tokens with `deskpulse token create --role admin|manager|team_lead|planner|ingest [--team T]`';

function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  const read = request.method === 'GET' || request.method === 'HEAD';
  return (read && (url === '/api/health' || url === '/api/docs' || url.startsWith('/api/docs/')))
    || (url === '/api/session' && (request.method === 'POST' || request.method === 'DELETE'));
}

/** The presented token: the Authorization header wins over the cookie. */
export function presentedToken(request: FastifyRequest): { token: string | null; malformedHeader: boolean } {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return { token: match?.[1] ?? null, malformedHeader: !match };
  }
  const cookie = request.headers.cookie ? parseCookies(request.headers.cookie)[SESSION_COOKIE] : undefined;
  return { token: cookie || null, malformedHeader: false };
}

function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  return reply.status(401).header('www-authenticate', 'Bearer realm="deskpulse"').send({ error: 'Unauthorized', message });
}

/** Resolves a token to its principal, or the 401 message that says what was wrong with it. */
export async function authenticate(ctx: AppContext, token: string): Promise<{ principal: Principal } | { message: string }> {
  return ctx.warehouse.withConnection(async (db) => {
    const verified = await verifyToken(db, token);
    if (verified.ok) return { principal: verified.principal };
    if (verified.reason === 'revoked') {
      return { message: `token ${verified.tokenId} was revoked at ${verified.revokedAt}; ask an administrator for a new one: ${HOW_TO_GET_ONE}` };
    }
    return { message: verified.reason === 'malformed'
      ? `the token is not a DeskPulse token (they look like dp_<id>_<secret>); ${HOW_TO_GET_ONE}`
      : `the token is not known to this warehouse (${ctx.warehouse.path}); ${HOW_TO_GET_ONE}` };
  });
}

export const authPlugin = (ctx: AppContext): FastifyPluginAsync => {
  const plugin: FastifyPluginAsync = async (app) => {
    app.decorateRequest('principal', null as unknown as Principal);
    // onRequest: refused before a body (up to the ingest limit) is read.
    app.addHook('onRequest', async (request, reply) => {
      // Everything outside /api is the SvelteKit UI, which asks the API itself.
      if (!request.url.startsWith('/api/') && request.url !== '/api') return;
      if (ctx.open) {
        request.principal = OPEN_PRINCIPAL;
        return;
      }
      if (ctx.warmer?.owns(request)) {
        request.principal = WARM_PRINCIPAL;
        return;
      }
      if (isPublic(request)) return;
      const { token, malformedHeader } = presentedToken(request);
      if (malformedHeader) return unauthorized(reply, `the Authorization header must be "Bearer <token>"; ${HOW_TO_GET_ONE}`);
      if (!token) return unauthorized(reply, `${request.method} ${request.url.split('?')[0]} needs a token; ${HOW_TO_GET_ONE}`);
      const result = await authenticate(ctx, token);
      if ('message' in result) return unauthorized(reply, result.message);
      request.principal = result.principal;
      const roles = request.routeOptions.config.roles ?? DEFAULT_ROLES;
      if (!roles.includes(result.principal.role)) {
        return reply.status(403).send({ error: 'Forbidden',
          message: `the ${result.principal.role} role may not call ${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}; ` +
            `it needs one of: ${roles.join(', ')}` });
      }
    });
  };
  // Not encapsulated: the hook guards the routes registered beside it, not only inside it.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
};
