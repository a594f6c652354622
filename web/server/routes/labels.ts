// GET /api/labels: the Chinese and English names of dimension values (teams, problem types,
// channels, ...) by dimension and id, for screens that show ids as names in the chosen language.
// Every page asks for them at start: kept per caller scope in the result cache, which each data write
// clears (a team lead's agents come from the events); names written straight to the database change the key.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { readValueLabels, valueLabelWrites } from '../../../warehouse/value-labels.ts';
import { agentsOfTeams } from '../../../warehouse/metrics/agents.ts';
import { maySeeAgents } from '../auth/per-agent-rule.ts';
import type { AppContext } from '../app.ts';
import { readWarehouse } from '../read-warehouse.ts';

const Name = Type.Object({ en: Type.Union([Type.String(), Type.Null()]), zh: Type.Union([Type.String(), Type.Null()]) });
const Labels = Type.Object({
  labels: Type.Record(Type.String(), Type.Record(Type.String(), Name), { description: 'dimension -> value id -> names' }),
});

export const labelRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/labels', {
    schema: { summary: 'Names of dimension values in English and Chinese', querystring: Type.Object({}, { additionalProperties: false }), response: { 200: Labels } },
  }, async (request, reply) => {
    const { role, teams } = request.principal;
    // Agents' names follow the per-agent rule: none for roles without per-agent figures, a team lead's own teams' only.
    const agentScope = !maySeeAgents(role) ? 'none' : role === 'team_lead' ? teams ?? [] : 'all';
    const key = `labels ${JSON.stringify([agentScope, valueLabelWrites()])}`;
    const { table, outcome } = await ctx.metrics.get(key, () => readWarehouse(ctx, async (db) => {
      const agents = agentScope === 'none' ? new Set<string>() : agentScope === 'all' ? null : await agentsOfTeams(db, agentScope);
      const labels: Record<string, Record<string, { en: string | null; zh: string | null }>> = {};
      for (const l of await readValueLabels(db)) {
        if (l.dimension === 'agent' && agents !== null && !agents.has(l.value)) continue;
        (labels[l.dimension] ??= {})[l.value] = { en: l.en, zh: l.zh };
      }
      return { labels };
    }), Number.POSITIVE_INFINITY);
    reply.header('x-cache', outcome);
    return table;
  });
};
