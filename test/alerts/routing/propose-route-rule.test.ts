// A proposal moves the tickets the alert counted: its rule's filter narrowed to its group. Without the
// rule (removed from the config while its alert stays open, or a config that could not be read) the
// filter is unknown, and the group alone would route more tickets than the alert's: refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAlert, type StoredAlert } from '../../../alerts/engine/alert-store.ts';
import { proposeRoute, RouteProposalError } from '../../../alerts/routing/propose-route.ts';
import { Warehouse } from '../../../warehouse/database.ts';

let w: Warehouse;
const at = new Date().toISOString();
const spike: StoredAlert = {
  alert_id: 'complaint-spike:product=laptop', rule_id: 'complaint-spike', group_key: 'product=laptop', kind: 'anomaly', state: 'firing',
  teams: ['escalations'], title: 'complaints about laptops', detail: { group: { product: 'laptop' } }, first_fired_at: at, last_seen_at: at,
  last_notified_at: at, notify_level: 0, acknowledged_by: null, acknowledged_at: null, resolved_at: null,
};

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await saveAlert(w.db, spike);
});
afterAll(() => w.close());

describe('a routing proposal without the alert\'s rule', () => {
  it('is refused (409, en and zh): the rule\'s filter is unknown, so every laptop ticket would move, not the complaints the alert counted', async () => {
    const refused = await proposeRoute({
      db: w, alertId: spike.alert_id, team: 'quality', teams: [{ id: 'quality', calendar: 'cn' }], rules: [],
      dispatchRulesPath: 'config/dispatch-rules.yaml', who: 'test', apply: false,
    }).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(RouteProposalError);
    expect((refused as RouteProposalError).statusCode).toBe(409);
    expect((refused as RouteProposalError).label.en).toContain('rule "complaint-spike" is not among the configured alert rules');
    expect((refused as RouteProposalError).label.zh).toContain('complaint-spike');
  });
});
