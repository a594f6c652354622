// How a dispatch-rules version written from an alert names itself in the history's `model` column
// (the history has no other place for what a version did): "alert-route: product=laptop -> quality
// (alert complaint-spike:product=laptop)". The CLI's history and the Forecast page read it back.

export interface RouteVersionNote {
  /** The routed values, e.g. { product: 'laptop' }. */
  routed: Record<string, string>;
  team: string;
  alertId: string;
}

/** A version recording the file as it was found (never written by DeskPulse) before a route, so rollback can restore it. */
export const AS_FOUND_MODEL = 'as-found';

const PREFIX = 'alert-route: ';
const NOTE = /^alert-route: (.+) -> (\S+) \(alert (.+)\)$/;

export function routeVersionModel(note: RouteVersionNote): string {
  const routed = Object.entries(note.routed).map(([field, value]) => `${field}=${value}`).join(',');
  return `${PREFIX}${routed} -> ${note.team} (alert ${note.alertId})`;
}

/** The note of a version written from an alert; null for any other version (staffing, rollback). */
export function parseRouteVersionModel(model: string): RouteVersionNote | null {
  const m = NOTE.exec(model);
  if (!m) return null;
  const routed: Record<string, string> = {};
  for (const pair of m[1]!.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) routed[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { routed, team: m[2]!, alertId: m[3]! };
}
