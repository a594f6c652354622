// The one rule for per-agent figures, applied to every route and export by the auth plugin: only
// PEOPLE_ROLES may filter by agent (`agent=`) or group by agent (`by=agent`), in a query or a body.
import { PEOPLE_ROLES } from './people-roles.ts';
import type { Role } from './request-principal.ts';

export function maySeeAgents(role: Role): boolean {
  return (PEOPLE_ROLES as readonly Role[]).includes(role);
}

const mentions = (value: unknown, wanted: string) => (Array.isArray(value) ? value : [value]).some((v) => v === wanted);

/** The parameter asking for per-agent figures (`agent` or `by=agent`) among `fields`, or null. */
export function perAgentParameter(fields: unknown): 'agent' | 'by=agent' | null {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return null;
  const record = fields as Record<string, unknown>;
  if (record.agent !== undefined) return 'agent';
  return mentions(record.by, 'agent') ? 'by=agent' : null;
}

/** Why `role` may not send `fields`, or null when it may. */
export function perAgentRefusal(role: Role, fields: unknown, where: string): string | null {
  if (maySeeAgents(role)) return null;
  const parameter = perAgentParameter(fields);
  if (!parameter) return null;
  return `the ${role} role may not ask ${where} for per-agent figures (${parameter}): agents one by one are shown only to ` +
    `${PEOPLE_ROLES.join(', ')}; drop ${parameter === 'agent' ? 'the agent parameter' : 'by=agent (group by team, channel, ...)'} ` +
    'for the aggregate, or ask someone with one of those roles';
}
