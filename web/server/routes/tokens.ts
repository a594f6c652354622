// Admin token management over HTTP (GET/POST /api/tokens, DELETE /api/tokens/:id): while a server
// holds the warehouse file the CLI cannot open it, so an admin makes and revokes tokens here. Same
// store and rules as `deskpulse token`; the secret is in the POST answer only, never listed.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../app.ts';
import { retryOnConflict } from '../../../warehouse/write-conflict.ts';
import { createToken, listTokens, revokeToken, ROLES, TokenRequestError } from '../auth/token-store.ts';

const TokenInfo = Type.Object({
  tokenId: Type.String(), name: Type.String(), role: Type.String(), teams: Type.Union([Type.Null(), Type.Array(Type.String())]),
  createdAt: Type.String(), createdBy: Type.String(), revokedAt: Type.Union([Type.Null(), Type.String()]),
  lastUsedAt: Type.Union([Type.Null(), Type.String()]),
});
const NewToken = Type.Object({
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  teams: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: 'for team_lead tokens: the teams it may see' })),
  name: Type.Optional(Type.String({ maxLength: 200, description: 'what or who the token is for' })),
}, { additionalProperties: false });
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Problem = Type.Object({ error: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

export const tokenRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const config = { roles: ['admin'] as const };
  const refused = (err: unknown) => {
    if (err instanceof TokenRequestError) return { error: 'BadRequest', message: err.message, field: err.field };
    throw err;
  };

  app.get('/tokens', {
    config, schema: { summary: 'Every API token (never its secret)', response: { 200: Type.Object({ tokens: Type.Array(TokenInfo) }) } },
  }, async () => ({ tokens: await ctx.warehouse.withConnection(listTokens) }));

  app.post<{ Body: Static<typeof NewToken> }>('/tokens', {
    config, schema: { summary: 'Create a token; the answer holds its secret, shown this once', body: NewToken,
      response: { 201: Type.Object({ token: Type.String(), info: TokenInfo }), 400: Problem, 403: Problem } },
  }, async (request, reply) => {
    const { role, teams, name } = request.body;
    // Only someone holding an admin token may make one (the auth plugin refuses open mode before this).
    const by = request.principal.tokenId;
    if (by === null) return reply.status(403).send({ error: 'Forbidden', message: 'tokens are made only by a caller signed in with an admin token' });
    const createdBy = `token ${by}`;
    try {
      return reply.status(201).send(await ctx.warehouse.withConnection((db) => createToken(db, { role, teams, name, createdBy })));
    } catch (err) {
      return reply.status(400).send(refused(err));
    }
  });

  app.delete<{ Params: Static<typeof Params> }>('/tokens/:id', {
    config, schema: { summary: 'Revoke a token (it answers 401 from now on)', params: Params, response: { 200: TokenInfo, 404: Problem } },
  }, async (request, reply) => {
    try {
      // A request using the token may be recording its use at this moment (a write conflict): try again.
      return await ctx.warehouse.withConnection((db) => retryOnConflict(() => revokeToken(db, request.params.id)));
    } catch (err) {
      return reply.status(404).send(refused(err));
    }
  });
};
