// GET /api/health: is the server up, how much is in its warehouse, the last ingest; which file it
// holds and where the last batch came from are server details, shown to admins signed in with a token.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { SCHEMA_VERSION } from '../../../warehouse/database.ts';
import type { AppContext } from '../app.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { showsServerDetails } from '../auth/request-principal.ts';

const Health = Type.Object({
  status: Type.Literal('ok'),
  schemaVersion: Type.Integer(),
  db: Type.Optional(Type.String({ description: 'the warehouse file (admins only)' })),
  events: Type.Integer(),
  tickets: Type.Integer(),
  lastIngest: Type.Union([Type.Null(), Type.Object({
    runId: Type.Integer(), source: Type.Optional(Type.String({ description: 'file or stream (admins only)' })), finishedAt: Type.Union([Type.String(), Type.Null()]),
    accepted: Type.Integer(), duplicates: Type.Integer(), quarantined: Type.Integer(),
  })]),
});

export const healthRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/health', { schema: { summary: 'Server and warehouse status', response: { 200: Health } } }, async (request) => {
    const admin = showsServerDetails(request.principal);
    return readWarehouse(ctx, async (db) => {
      const [counts] = (await db.runAndReadAll('SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM tickets)')).getRows();
      const [last] = (await db.runAndReadAll(`SELECT run_id, source, finished_at::VARCHAR, accepted, duplicates, quarantined
        FROM ingest_runs ORDER BY run_id DESC LIMIT 1`)).getRows();
      return {
        status: 'ok' as const, schemaVersion: SCHEMA_VERSION, ...(admin ? { db: ctx.warehouse.path } : {}),
        events: Number(counts?.[0]), tickets: Number(counts?.[1]),
        lastIngest: last ? {
          runId: Number(last[0]), ...(admin ? { source: String(last[1]) } : {}), finishedAt: last[2] === null ? null : String(last[2]),
          accepted: Number(last[3]), duplicates: Number(last[4]), quarantined: Number(last[5]),
        } : null,
      };
    });
  });
};
