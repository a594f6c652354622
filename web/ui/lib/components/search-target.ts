// What the header search box opens: a ticket id, an agent id, or an agent named in /api/labels
// (either language, case-insensitive, the whole name). The API decides what exists and what the
// caller may see (404, or 403 for a team lead outside their teams), so the box asks it.
import { ApiError, apiGet } from '../api/api-client.ts';
import { addDays, DEFAULT_ZONE, todayIn } from '../filters/date-presets.ts';

type Names = Record<string, { en: string | null; zh: string | null }>;

/** The agent ids whose name is `query` (agent labels: id -> names). */
export function agentsNamed(query: string, agents: Names | undefined): string[] {
  const wanted = query.trim().toLowerCase();
  return Object.entries(agents ?? {})
    .filter(([, n]) => n.en?.toLowerCase() === wanted || n.zh?.toLowerCase() === wanted)
    .map(([id]) => id);
}

export type SearchOutcome = { href: string } | { missing: 'not_found' | 'not_yours' };

/** The page to open for `query`: a ticket first, then an agent (by id, then by name). */
export async function searchTarget(query: string, agents: Names | undefined): Promise<SearchOutcome> {
  const id = query.trim();
  let refused = false;
  const candidates = [
    ...[`/tickets/`, `/agents/`].map((page) => ({ page, id })),
    ...agentsNamed(id, agents).map((agent) => ({ page: '/agents/', id: agent })),
  ];
  for (const c of candidates) {
    const path = `${c.page}${encodeURIComponent(c.id)}`;
    try {
      // The one-row ticket or the agent's trend over a single day: the cheapest answer of each.
      const day = addDays(todayIn(DEFAULT_ZONE), -1);
      await apiGet(c.page === '/tickets/' ? `/api${path}` : `/api${path}?from=${day}&to=${day}`);
      return { href: path };
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 403)) throw err;
      refused ||= err.status === 403;
    }
  }
  return { missing: refused ? 'not_yours' : 'not_found' };
}
