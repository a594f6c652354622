// Access to one agent or one ticket for the caller: 404 when it does not exist (for unscoped callers),
// ForbiddenError (403) when it lies outside a team lead's teams. Team leads get 403 for unknown ids
// too, so they cannot probe which ids exist in other teams.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { agentAccess, type Access } from '../../../warehouse/metrics/agents.ts';
import { ticketAccess } from '../../../warehouse/metrics/ticket-detail.ts';
import { ForbiddenError } from '../auth/forbidden-error.ts';

async function check(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, what: 'agent' | 'ticket', id: string): Promise<boolean> {
  const scope = request.principal.role === 'team_lead' ? (request.principal.teams ?? []) : null;
  // kept like a metric table (cleared by every write): else each cached answer about one agent or
  // ticket still waited for this query, 4x the others' time at 16 requests at once
  const { table: access } = await ctx.metrics.get<Access>(`access:${JSON.stringify([what, id, scope])}`,
    () => readWarehouse(ctx, (db) => (what === 'agent' ? agentAccess(db, id, scope) : ticketAccess(db, id, scope))));
  if (access === 'visible') return true;
  if (scope) {
    throw new ForbiddenError(`${what} "${id}" does not belong to your teams (${scope.join(', ') || 'none'}) or does not exist; ` +
      'a manager or admin can see every team');
  }
  await reply.status(404).send({ error: 'NotFound', message: `no ${what} "${id}" in this warehouse; check the id` });
  return false;
}

/** True when the caller may see the agent; otherwise throws 403 or has answered 404. */
export const mayViewAgent = (ctx: AppContext, request: FastifyRequest, reply: FastifyReply, agent: string) =>
  check(ctx, request, reply, 'agent', agent);

export const mayViewTicket = (ctx: AppContext, request: FastifyRequest, reply: FastifyReply, ticket: string) =>
  check(ctx, request, reply, 'ticket', ticket);
