// The routing proposal of a product or region alert as the Alerts page reads it
// (GET/POST /api/alerts/:id/route-proposal), and which alerts and roles it is offered to.
import type { AlertRow } from './alert-text.ts';

export interface RouteProposalResult {
  dryRun: boolean;
  alert: { id: string; state: string; routed: Record<string, string> };
  team: { id: string; names: { en: string; zh: string } };
  change: { kind: 'add-queue' | 'extend-match'; queue: string } | null;
  lines: { en: string[]; zh: string[] };
  diff: string;
  changed: boolean;
  versionId: number | null;
  previousVersion: number | null;
  appliedBy: string;
  path: string;
}

/** An open alert whose group names a product or region (tickets without one cannot be routed by it). */
export function routable(alert: Pick<AlertRow, 'state' | 'detail'>): boolean {
  const group = (alert.detail.group ?? {}) as Record<string, unknown>;
  return alert.state !== 'resolved' && ['product', 'region'].some((d) => typeof group[d] === 'string' && group[d] !== '');
}

/** Who is offered it: those who may preview a dispatch-rule change (team leads change no dispatch rules). */
export const mayPreviewRoute = (role: string | undefined) => role === 'admin' || role === 'manager' || role === 'planner';
/** Who may apply it: those who apply staffing to the dispatch rules. */
export const mayApplyRoute = (role: string | undefined) => role === 'admin' || role === 'planner';

/** Where the dispatch rules' versions are listed (and rolled back). */
export const RULES_HISTORY_HREF = '/forecast#history';
