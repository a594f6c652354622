import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { listAlerts, saveAlert, type StoredAlert } from '../../../alerts/engine/alert-store.ts';

let w: Warehouse;
beforeAll(async () => { w = await Warehouse.open(':memory:'); });
afterAll(() => w.close());

const firing: StoredAlert = {
  alert_id: 'breach:team=returns', rule_id: 'breach', group_key: 'team=returns', kind: 'breaching', state: 'firing', teams: ['returns'],
  title: 'breach: 2 tickets', detail: {}, first_fired_at: '2026-09-01T08:00:00.000Z', last_seen_at: '2026-09-01T08:00:00.000Z',
  last_notified_at: '2026-09-01T08:00:00.000Z', notify_level: 0, acknowledged_by: null, acknowledged_at: null, resolved_at: null,
};

describe('saveAlert', () => {
  it('keeps an acknowledgement made while an evaluation held the alert as firing (the evaluation saves its copy after)', async () => {
    await w.withConnection(async (db) => {
      await saveAlert(db, firing);
      const stale = (await listAlerts(db, { alertId: firing.alert_id }))[0]!;
      await saveAlert(db, { ...stale, state: 'acknowledged', acknowledged_by: 'lead', acknowledged_at: '2026-09-01T08:05:00.000Z' });
      await saveAlert(db, { ...stale, title: 'breach: 3 tickets', last_seen_at: '2026-09-01T08:06:00.000Z' });
      const [now] = await listAlerts(db, { alertId: firing.alert_id });
      expect(now).toMatchObject({ state: 'acknowledged', acknowledged_by: 'lead', acknowledged_at: '2026-09-01T08:05:00.000Z', title: 'breach: 3 tickets' });
      // Resolving still ends it; a new episode after that fires unacknowledged.
      await saveAlert(db, { ...now!, state: 'resolved', resolved_at: '2026-09-01T09:00:00.000Z' });
      await saveAlert(db, { ...firing, first_fired_at: '2026-09-02T08:00:00.000Z' });
      expect((await listAlerts(db, { alertId: firing.alert_id }))[0]).toMatchObject({ state: 'firing', acknowledged_by: null, resolved_at: null });
    });
  });
});
