// The browser's sign-in: POST /api/session {token} checks the token and keeps it in an httpOnly
// cookie (so pages and plain download links authenticate), DELETE forgets it, GET /api/me says who.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { serialize } from 'cookie';
import type { AppContext } from '../app.ts';
import { authenticate, DEFAULT_ROLES, OPEN_PRINCIPAL, SESSION_COOKIE } from '../auth/auth-plugin.ts';
import type { Principal } from '../metric-query.ts';

const Me = Type.Object({
  role: Type.Union(['admin', 'manager', 'team_lead', 'planner', 'ingest'].map((r) => Type.Literal(r))),
  teams: Type.Union([Type.Null(), Type.Array(Type.String())]),
  open: Type.Boolean({ description: 'open mode: a demo served to everyone as admin, no token needed' }),
});
const Problem = Type.Object({ error: Type.String(), message: Type.String() });

const me = (principal: Principal, open: boolean) => ({ role: principal.role, teams: principal.teams, open });

function cookie(request: FastifyRequest, value: string, maxAge?: number): string {
  // Secure only over HTTPS: a plain-HTTP localhost server must still be able to sign in.
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', ...(maxAge !== undefined ? { maxAge } : {}),
  });
}

export const sessionRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.post('/session', {
    schema: {
      summary: 'Sign in with an API token: sets the deskpulse_token httpOnly cookie',
      body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Me, 401: Problem },
    },
  }, async (request, reply) => {
    if (ctx.open) return me(OPEN_PRINCIPAL, true);
    const result = await authenticate(ctx, (request.body as { token: string }).token);
    if ('message' in result) return reply.status(401).send({ error: 'Unauthorized', message: result.message });
    return reply.header('set-cookie', cookie(request, (request.body as { token: string }).token)).send(me(result.principal, false));
  });

  app.delete('/session', { schema: { summary: 'Sign out: clears the cookie', response: { 204: Type.Null() } } },
    async (request, reply) => reply.status(204).header('set-cookie', cookie(request, '', 0)).send());

  app.get('/me', {
    config: { roles: DEFAULT_ROLES },
    schema: { summary: 'The role and teams of the caller, and whether the server is in open mode', response: { 200: Me } },
  }, async (request) => me(request.principal, ctx.open));
};
