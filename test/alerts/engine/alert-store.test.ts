import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { acknowledgeAlert, actorNames, addHistory, alertHistory, listAlerts, saveAlert, type StoredAlert } from '../../../alerts/engine/alert-store.ts';
import { createToken } from '../../../web/server/auth/token-store.ts';

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
  it('an acknowledgement while evaluations save the same alert from another connection is not lost to a write conflict', async () => {
    const alert = { ...firing, alert_id: 'breach:team=quality', group_key: 'team=quality', teams: ['quality'] };
    await w.withConnection((db) => saveAlert(db, alert));
    let evaluating = true;
    // The scheduler saves each alert it finds again on every run (last seen), on its own connection.
    const evaluations = w.withConnection(async (db) => {
      for (let run = 0; evaluating || run < 50; run++) await saveAlert(db, { ...alert, last_seen_at: new Date(Date.UTC(2026, 8, 1, 8, 0, run)).toISOString() });
    });
    const acks = await w.withConnection(async (db) => {
      const results: unknown[] = [];
      for (let i = 0; i < 50; i++) {
        results.push(await saveAlert(db, { ...alert, state: 'acknowledged', acknowledged_by: 'lead', acknowledged_at: '2026-09-01T08:05:00.000Z' })
          .then(() => 'saved', (err: Error) => err.message));
      }
      return results;
    });
    evaluating = false;
    await evaluations;
    expect(acks.filter((r) => r !== 'saved')).toEqual([]);
    expect((await w.withConnection((db) => listAlerts(db, { alertId: alert.alert_id })))[0]).toMatchObject({ state: 'acknowledged', acknowledged_by: 'lead' });
  });
});

describe('acknowledgeAlert', () => {
  const at = new Date('2026-09-01T08:05:00.000Z');
  it('changes only the acknowledgement of the alert as it stands, not of the copy the caller read', async () => {
    const alert = { ...firing, alert_id: 'breach:team=presales', group_key: 'team=presales', teams: ['presales'] };
    await w.withConnection(async (db) => {
      await saveAlert(db, alert);
      // the scheduler's later run saw more tickets
      await saveAlert(db, { ...alert, title: 'breach: 5 tickets', last_seen_at: '2026-09-01T08:04:00.000Z', notify_level: 1 });
      const acked = await acknowledgeAlert(db, alert.alert_id, 'lead', at);
      expect(acked).toMatchObject({ state: 'acknowledged', acknowledged_by: 'lead', acknowledged_at: at.toISOString(),
        title: 'breach: 5 tickets', last_seen_at: '2026-09-01T08:04:00.000Z', notify_level: 1, resolved_at: null });
      expect((await listAlerts(db, { alertId: alert.alert_id }))[0]).toEqual(acked);
      // acknowledged again: who and when are the new ones
      expect(await acknowledgeAlert(db, alert.alert_id, 'manager', new Date('2026-09-01T08:07:00.000Z')))
        .toMatchObject({ state: 'acknowledged', acknowledged_by: 'manager', acknowledged_at: '2026-09-01T08:07:00.000Z' });
      expect(await acknowledgeAlert(db, 'no:such-alert', 'lead', at)).toBeNull();
    });
  });

  it('an acknowledgement just after the scheduler resolved the alert does not bring it back', async () => {
    const alert = { ...firing, alert_id: 'breach:team=billing', group_key: 'team=billing', teams: ['billing'] };
    await w.withConnection(async (db) => {
      await saveAlert(db, alert);
      // the acknowledgement's request read the alert firing; then the scheduler's run resolved it
      const read = (await listAlerts(db, { alertId: alert.alert_id }))[0]!;
      expect(read.state).toBe('firing');
      await saveAlert(db, { ...read, state: 'resolved', resolved_at: '2026-09-01T08:04:30.000Z' });
      expect(await acknowledgeAlert(db, alert.alert_id, 'lead', at)).toBeNull();
      expect((await listAlerts(db, { alertId: alert.alert_id }))[0])
        .toMatchObject({ state: 'resolved', resolved_at: '2026-09-01T08:04:30.000Z', acknowledged_by: null, acknowledged_at: null });
    });
  });

  it('acknowledgements racing the scheduler\'s resolving saves on another connection: every resolved alert stays resolved', async () => {
    const alerts = Array.from({ length: 40 }, (_, i) => ({ ...firing, alert_id: `breach:team=race${i}`, group_key: `team=race${i}`, teams: [`race${i}`] }));
    await w.withConnection(async (db) => { for (const a of alerts) await saveAlert(db, a); });
    // Both sides read each alert firing first, as the scheduler's run and the ack route do.
    const read = await w.withConnection((db) => listAlerts(db, { states: ['firing'] }));
    const copies = alerts.map((a) => read.find((r) => r.alert_id === a.alert_id)!);
    const [, acks] = await Promise.all([
      w.withConnection(async (db) => { for (const c of copies) await saveAlert(db, { ...c, state: 'resolved', resolved_at: '2026-09-01T08:06:00.000Z' }); }),
      w.withConnection(async (db) => Promise.all([...copies].reverse().map((c) => acknowledgeAlert(db, c.alert_id, 'lead', at)))),
    ]);
    const now = await w.withConnection((db) => listAlerts(db, {}));
    for (const a of alerts) expect(now.find((r) => r.alert_id === a.alert_id), a.alert_id).toMatchObject({ state: 'resolved', resolved_at: '2026-09-01T08:06:00.000Z' });
    // each acknowledgement either came first (and was then resolved) or found it resolved
    expect(acks.every((r) => r === null || r.state === 'acknowledged')).toBe(true);
  });
});

describe('who acted, by name', () => {
  it('names a token by the name given at `token create --name`, never its secret; other actors stay as written', async () => {
    await w.withConnection(async (db) => {
      const { token, info } = await createToken(db, { role: 'manager', name: 'Wang Fang (duty manager)', createdBy: 'test' });
      const alert = { ...firing, alert_id: 'breach:team=logistics', group_key: 'team=logistics', teams: ['logistics'] };
      await saveAlert(db, { ...alert, state: 'acknowledged', acknowledged_by: info.tokenId, acknowledged_at: '2026-09-01T08:05:00.000Z' });
      await addHistory(db, alert.alert_id, 'acknowledged', alert.title, new Date('2026-09-01T08:05:00Z'), info.tokenId);
      await addHistory(db, alert.alert_id, 'silenced', alert.title, new Date('2026-09-01T08:06:00Z'), 'cli:root');
      const history = await alertHistory(db, { alertId: alert.alert_id });
      expect(history.map((h) => [h.event, h.by_whom])).toEqual([['silenced', 'cli:root'], ['acknowledged', 'Wang Fang (duty manager)']]);
      const named = await actorNames(db);
      expect([named(info.tokenId), named('cli:root'), named(null)]).toEqual(['Wang Fang (duty manager)', 'cli:root', null]);
      // Stored by id (stable, unique), shown by name; the secret appears nowhere.
      expect((await listAlerts(db, { alertId: alert.alert_id }))[0]!.acknowledged_by).toBe(info.tokenId);
      expect(JSON.stringify(history)).not.toContain(token.slice(token.indexOf(info.tokenId) + info.tokenId.length + 1));
    });
  });
});

describe('a team lead\'s alerts', () => {
  // teams no other test here uses: only these alerts concern them
  const alerts = ([['scope:north', ['north'], '08'], ['scope:both', ['north', 'south'], '09'], ['scope:south', ['south'], '10'], ['scope:desk', [], '11']] as const)
    .map(([id, teams, hour]) => ({ ...firing, alert_id: id, rule_id: 'scope', group_key: id.split(':')[1]!, teams: [...teams],
      first_fired_at: `2026-09-02T${hour}:00:00.000Z`, last_seen_at: `2026-09-02T${hour}:00:00.000Z` }));
  beforeAll(() => w.withConnection(async (db) => {
    for (const a of alerts) {
      await saveAlert(db, a);
      await addHistory(db, a.alert_id, 'fired', a.title, new Date(a.first_fired_at));
    }
    // the hidden alerts' events are the newest: a lead's page of history is still theirs
    for (let i = 0; i < 5; i++) await addHistory(db, 'scope:both', 'reminded', 'both', new Date(Date.UTC(2026, 8, 2, 12, i)));
  }));
  const ids = (teams: string[] | null) => w.withConnection(async (db) => (await listAlerts(db, { teams })).map((a) => a.alert_id).filter((id) => id.startsWith('scope:')));

  it('lists those whose teams are all theirs, newest first; one also concerning another team, or no team, is hidden', async () => {
    expect(await ids(['north'])).toEqual(['scope:north']);
    expect(await ids(['south', 'north'])).toEqual(['scope:south', 'scope:both', 'scope:north']);
    expect(await ids(['east'])).toEqual([]);
    expect(await ids([])).toEqual([]);
    expect(await ids(null)).toEqual(['scope:desk', 'scope:south', 'scope:both', 'scope:north']);
  });

  it('the history of those alerts only, its limit counted over them', async () => {
    await w.withConnection(async (db) => {
      expect((await alertHistory(db, { teams: ['north'], limit: 1 })).map((h) => [h.alert_id, h.event])).toEqual([['scope:north', 'fired']]);
      expect(await alertHistory(db, { teams: ['north'], alertId: 'scope:both' })).toEqual([]);
      expect(await alertHistory(db, { teams: ['east'] })).toEqual([]);
      expect((await alertHistory(db, { teams: ['north', 'south'], alertId: 'scope:both', limit: 2 })).map((h) => h.event)).toEqual(['reminded', 'reminded']);
    });
  });
});
