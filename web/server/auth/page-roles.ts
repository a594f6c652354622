// Which roles may use each dashboard page: the roles of the API routes the page rests on (a page
// missing here is for every signed-in role). The menu leaves out what a role may not use, and a
// direct visit says "not available for your role" instead of showing the API's refusals.
import type { Principal } from '../metric-query.ts';
import { PEOPLE_ROLES } from './people-roles.ts';

type Role = Principal['role'];

export const PAGE_ROLES: Readonly<Record<string, readonly Role[]>> = {
  '/agents': PEOPLE_ROLES,
  '/tickets': PEOPLE_ROLES, // /api/tickets and /api/tickets/:ticket
  '/forecast': ['admin', 'manager', 'planner'], // routes/forecast.ts PLANNING_ROLES
  '/data': ['admin', 'manager'], // /api/ingest-runs and /api/quarantine
  '/alerts': PEOPLE_ROLES, // routes/alerts.ts
};

/** The page's entry of PAGE_ROLES for `pathname` (its first segment), or null: open to every role. */
export function pageRoles(pathname: string): readonly Role[] | null {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return PAGE_ROLES[first] ?? null;
}

export const mayUsePage = (pathname: string, role: Role | undefined): boolean => {
  const roles = pageRoles(pathname);
  return roles === null || (role !== undefined && roles.includes(role));
};
