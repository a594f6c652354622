// What the auth layer adds to Fastify's types: request.principal (who is asking), app.failedAuth, and the route
// options `config.roles` (who may call it) and `config.planExport` (planners may export it).
import type { Principal } from '../metric-query.ts';
import type { FailedAuthLimit } from './failed-auth-limit.ts';

export type Role = Principal['role'];

/**
 * Whether the caller may see server details (file paths, internal error text): an admin who signed
 * in with a token. Open mode's anonymous admin may not: anyone can reach a demo server.
 */
export const showsServerDetails = (principal: Principal | null | undefined): boolean =>
  principal?.role === 'admin' && principal.tokenId !== null;

declare module 'fastify' {
  interface FastifyInstance {
    /** Failed authentications per address (the auth plugin's; POST /api/session counts its own). */
    failedAuth: FailedAuthLimit;
  }
  interface FastifyRequest {
    /** Set by the auth plugin on every /api request that passed it; open mode: an admin. */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Roles that may call the route (default: admin, manager, team_lead, planner). */
    roles?: readonly Role[];
    /** Planners may download this route as CSV/XLSX (forecast and staffing routes). */
    planExport?: boolean;
  }
}
