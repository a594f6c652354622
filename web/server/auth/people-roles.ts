// Roles that may see agents and tickets one by one (not planners): the server's rule, which the
// dashboards also read to leave out panels of ticket lists a role would be refused.
export const PEOPLE_ROLES = ['admin', 'manager', 'team_lead'] as const;
