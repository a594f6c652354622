// The browser's sign-in: POST /api/session {token} checks the token and opens a server-side session
// whose random id goes in an httpOnly cookie (never the token itself); DELETE ends that session on
// the server, so a copied cookie stops working too; GET /api/me says who is signed in.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { parse as parseCookies } from 'cookie';
import type { AppContext } from '../app.ts';
import {
  authenticate, DEFAULT_ROLES, OPEN_PRINCIPAL, refuseFailedAuth, refuseWhileLimited, SESSION_COOKIE, sessionCookie,
} from '../auth/auth-plugin.ts';
import { createSession, endSession, SESSION_MAX_DAYS } from '../auth/session-store.ts';
import type { Principal } from '../metric-query.ts';

const Me = Type.Object({
  role: Type.Union(['admin', 'manager', 'team_lead', 'planner', 'ingest'].map((r) => Type.Literal(r))),
  teams: Type.Union([Type.Null(), Type.Array(Type.String())]),
  open: Type.Boolean({ description: 'open mode: a demo served to everyone as admin, no token needed' }),
});
const Problem = Type.Object({ error: Type.String(), message: Type.String() });

const me = (principal: Principal, open: boolean) => ({ role: principal.role, teams: principal.teams, open });

export const sessionRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.post('/session', {
    schema: {
      summary: `Sign in with an API token: opens a session (the ${SESSION_COOKIE} httpOnly cookie) that sign-out, ` +
        `revoking the token, 12 h without use or ${SESSION_MAX_DAYS} days end`,
      body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Me, 401: Problem, 429: Problem },
    },
  }, async (request, reply) => {
    if (ctx.open) return me(OPEN_PRINCIPAL, true);
    const limited = refuseWhileLimited(app.failedAuth, request, reply);
    if (limited) return limited;
    const result = await authenticate(ctx, (request.body as { token: string }).token);
    if ('message' in result) return refuseFailedAuth(app.failedAuth, request, reply, result);
    const { principal } = result;
    const tokenId = principal.tokenId;
    if (tokenId === null) throw new Error('an authenticated token has no id');
    const sessionId = await ctx.warehouse.withConnection((db) => createSession(db, { ...principal, tokenId }));
    return reply.header('set-cookie', sessionCookie(request, sessionId, SESSION_MAX_DAYS * 24 * 3600)).send(me(principal, false));
  });

  app.delete('/session', { schema: { summary: 'Sign out: ends the session on the server and clears the cookie', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const sessionId = request.headers.cookie ? parseCookies(request.headers.cookie)[SESSION_COOKIE] : undefined;
      if (sessionId) await ctx.warehouse.withConnection((db) => endSession(db, sessionId));
      return reply.status(204).header('set-cookie', sessionCookie(request, '', 0)).send();
    });

  app.get('/me', {
    config: { roles: DEFAULT_ROLES },
    schema: { summary: 'The role and teams of the caller, and whether the server is in open mode', response: { 200: Me } },
  }, async (request) => me(request.principal, ctx.open));
};
