// Delivery attempts (alert_deliveries) folded into deliveries and hung on the history event that
// sent them: attempt 1 starts a delivery to a target, its retries follow; the event is the latest
// fired / reminded / escalated of that alert at or before the delivery's first attempt.
export interface DeliveryAttemptRow { alert_id: string; target: string; at: string; attempt: number; outcome: 'sent' | 'failed'; why: string | null }

/** One message to one target: when it was first tried, how many attempts, how it ended, the last failure's reason. */
export interface Delivery { target: string; at: string; attempts: number; outcome: 'sent' | 'failed'; why: string | null }

const SENDING_EVENTS = new Set(['fired', 'reminded', 'escalated']);

/** Attempts (any order) as deliveries per alert, oldest first. */
export function foldAttempts(attempts: readonly DeliveryAttemptRow[]): Map<string, Delivery[]> {
  const sorted = [...attempts].sort((a, b) => a.alert_id.localeCompare(b.alert_id) || a.target.localeCompare(b.target) || a.at.localeCompare(b.at) || a.attempt - b.attempt);
  const byAlert = new Map<string, Delivery[]>();
  let key = '';
  let current: Delivery | null = null;
  for (const a of sorted) {
    const next = `${a.alert_id}\u0000${a.target}`;
    if (a.attempt === 1 || current === null || next !== key) {
      key = next;
      current = { target: a.target, at: a.at, attempts: 0, outcome: a.outcome, why: null };
      byAlert.set(a.alert_id, [...(byAlert.get(a.alert_id) ?? []), current]);
    }
    current.attempts += 1;
    current.outcome = a.outcome;
    if (a.outcome === 'failed') current.why = a.why;
  }
  for (const list of byAlert.values()) list.sort((x, y) => x.at.localeCompare(y.at) || x.target.localeCompare(y.target));
  return byAlert;
}

/** Each history row with the deliveries its event sent (rows of other events get none). */
export function withDeliveries<H extends { alert_id: string; at: string; event: string }>(history: readonly H[], attempts: readonly DeliveryAttemptRow[]):
  (H & { deliveries: Delivery[] })[] {
  const deliveries = foldAttempts(attempts);
  const rows = history.map((h) => ({ ...h, deliveries: [] as Delivery[] }));
  const senders = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) if (SENDING_EVENTS.has(row.event)) senders.set(row.alert_id, [...(senders.get(row.alert_id) ?? []), row]);
  for (const [alertId, events] of senders) {
    events.sort((a, b) => a.at.localeCompare(b.at));
    for (const d of deliveries.get(alertId) ?? []) {
      const sender = events.findLast((e) => Date.parse(e.at) <= Date.parse(d.at));
      sender?.deliveries.push(d);
    }
  }
  return rows;
}
