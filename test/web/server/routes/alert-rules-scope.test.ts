// The alert rules a team lead may read, over real HTTP (`deskpulse serve`, bearer tokens): a rule's
// filter naming other teams is never shown to a lead whole. A rule naming only other teams is not
// listed; one naming theirs and others is listed with theirs alone, and its alerts' ticket queries name
// theirs alone; one naming no team (the whole desk) is listed as it is. A lead silences a whole rule
// only when every team it watches is theirs (refused in en and zh otherwise, nothing silenced). No
// answer of the Alerts API to the lead (rules, alerts, history, reports, ack, silence) names the other team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHistory, saveAlert, type StoredAlert } from '../../../../alerts/engine/alert-store.ts';
import type { Served } from '../../../e2e/support/e2e-server.ts';
import { callApi, serveWithAlerts } from './fixtures/served-alerts.ts';

let server: Served;
let tokens: Record<string, string>;

// Rules that never fire on the demo (bounds out of reach): the alerts below are written by the test.
const RULES = `
notify:
  ops: { type: webhook, url: http://127.0.0.1:9/hook }
alerts:
  - { id: returns-csat, kind: threshold, metric: csat, below: 0, window: 1h, filter: { team: [returns] }, notify: [ops] }
  - { id: shared-spike, kind: anomaly, metric: volume, window: 2h, min_count: 1000000, filter: { team: [returns, logistics], channel: [chat] }, notify: [ops] }
  - { id: logistics-frt, kind: threshold, metric: frt_median, above: 30d, window: 1h, filter: { team: [logistics], product: [laptop] }, notify: [ops] }
  - { id: desk-volume, kind: threshold, metric: volume, above: 1000000, window: 1h, by: [team], notify: [ops] }
`;
const base = {
  state: 'firing', first_fired_at: '2026-12-01T08:00:00.000Z', last_seen_at: '2026-12-01T08:30:00.000Z',
  last_notified_at: '2026-12-01T08:00:00.000Z', notify_level: 0, acknowledged_by: null, acknowledged_at: null, resolved_at: null,
} as const;
const ALERTS: StoredAlert[] = [
  { ...base, alert_id: 'shared-spike', rule_id: 'shared-spike', group_key: '', kind: 'anomaly', teams: ['returns'], title: 'shared-spike: all tickets: 40 tickets in the last 2 h', detail: { group: {} } },
  { ...base, alert_id: 'desk-volume:team=returns', rule_id: 'desk-volume', group_key: 'team=returns', kind: 'threshold', teams: ['returns'],
    title: 'desk-volume: team=returns: volume 12', detail: { group: { team: 'returns' } } },
  { ...base, alert_id: 'returns-csat', rule_id: 'returns-csat', group_key: '', kind: 'threshold', teams: ['returns'], title: 'returns-csat: csat 70%', detail: { group: {} } },
];

beforeAll(async () => {
  ({ server, tokens } = await serveWithAlerts({ admin: { role: 'admin' }, returnsLead: { role: 'team_lead', teams: ['returns'] } }, async (connection) => {
    for (const a of ALERTS) {
      await saveAlert(connection, a);
      await addHistory(connection, a.alert_id, 'fired', a.title, new Date(a.first_fired_at));
    }
  }, RULES));
}, 180_000);

afterAll(async () => { await server?.stop(); });

const call = (path: string, token: string, method = 'GET', body?: unknown) => callApi(server, path, token, method, body);
const leaks = (text: string) => text.toLowerCase().includes('logistics') || text.includes('物流') || text.includes('laptop');
const byId = <T extends { id?: string; alert_id?: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id ?? r.alert_id, r]));

describe('alert rules by role over HTTP', () => {
  it('an admin reads every rule with its whole filter, and the ticket queries name every team of it', async () => {
    const { json } = await call('/api/alerts?state=all', tokens.admin!);
    const rules = byId(json.rules);
    expect(Object.keys(rules).sort()).toEqual(['desk-volume', 'logistics-frt', 'returns-csat', 'shared-spike']);
    expect(rules['shared-spike'].filter).toEqual({ team: ['returns', 'logistics'], channel: ['chat'] });
    expect(rules['logistics-frt'].filter).toEqual({ team: ['logistics'], product: ['laptop'] });
    expect(byId(json.alerts)['shared-spike'].tickets_query).toMatchObject({ team: ['returns', 'logistics'], channel: ['chat'] });
  });

  it('a lead of returns reads the rules with their teams alone: the rule of logistics only is not listed', async () => {
    const { status, text, json } = await call('/api/alerts?state=all', tokens.returnsLead!);
    expect(status).toBe(200);
    const rules = byId(json.rules);
    expect(Object.keys(rules).sort()).toEqual(['desk-volume', 'returns-csat', 'shared-spike']);
    expect(rules['shared-spike'].filter).toEqual({ team: ['returns'], channel: ['chat'] });
    expect(rules['returns-csat'].filter).toEqual({ team: ['returns'] });
    expect(rules['desk-volume']).toMatchObject({ filter: {}, by: ['team'] });
    const alerts = byId(json.alerts);
    expect(Object.keys(alerts).sort()).toEqual(['desk-volume:team=returns', 'returns-csat', 'shared-spike']);
    expect(alerts['shared-spike'].tickets_query).toMatchObject({ team: ['returns'], channel: ['chat'] });
    expect(alerts['desk-volume:team=returns'].tickets_query).toMatchObject({ team: ['returns'] });
    expect(leaks(text)).toBe(false);
    for (const path of ['/api/alerts', '/api/alerts/history?limit=1000', '/api/alerts/history?alert=shared-spike', '/api/alerts/reports']) {
      const answer = await call(path, tokens.returnsLead!);
      expect(answer.status).toBe(200);
      expect(leaks(answer.text)).toBe(false);
    }
  });

  it('acting on an alert of a rule naming another team answers with the lead\'s part of the rule', async () => {
    const silenced = await call('/api/alerts/shared-spike/silence', tokens.returnsLead!, 'POST', { for: '30m' });
    expect(silenced.status).toBe(200);
    expect(silenced.json.alert.tickets_query).toMatchObject({ team: ['returns'] });
    const acked = await call('/api/alerts/shared-spike/ack', tokens.returnsLead!, 'POST', {});
    // acknowledged, or resolved meanwhile by the server's evaluation (the rule never fires)
    expect([200, 409]).toContain(acked.status);
    expect(leaks(silenced.text + acked.text)).toBe(false);
  });

  it('a lead silences a whole rule only when every team it watches is theirs; otherwise refused in en and zh and nothing silenced', async () => {
    for (const id of ['shared-spike', 'desk-volume:team=returns']) {
      const refused = await call(`/api/alerts/${encodeURIComponent(id)}/silence`, tokens.returnsLead!, 'POST', { for: '2h', scope: 'rule' });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ error: 'Forbidden', message: refused.json.label.en, label: { en: expect.stringContaining('scope: group') } });
      expect(refused.json.label.zh).toMatch(/^规则 "[a-z-]+" 还监控您负责的团队以外的团队/);
      expect(leaks(refused.text)).toBe(false);
    }
    const history = (await call('/api/alerts/history?alert=desk-volume%3Ateam%3Dreturns', tokens.admin!)).json.history.map((h: { event: string }) => h.event);
    expect(history).not.toContain('silenced');
    expect((await call('/api/alerts/returns-csat/silence', tokens.returnsLead!, 'POST', { for: '2h', scope: 'rule' })).status).toBe(200);
    expect((await call('/api/alerts/desk-volume%3Ateam%3Dreturns/silence', tokens.admin!, 'POST', { for: '2h', scope: 'rule' })).status).toBe(200);
  });

  it('says per alert whether the caller may silence the whole rule, as the silence route decides', async () => {
    const mine = (token: string) => call('/api/alerts?state=all', token).then(({ json }) =>
      Object.fromEntries((json.alerts as { alert_id: string; may_silence_rule: boolean }[]).map((a) => [a.alert_id, a.may_silence_rule])));
    expect(await mine(tokens.returnsLead!)).toEqual({ 'shared-spike': false, 'desk-volume:team=returns': false, 'returns-csat': true });
    expect(await mine(tokens.admin!)).toEqual({ 'shared-spike': true, 'desk-volume:team=returns': true, 'returns-csat': true });
    const acked = await call('/api/alerts/returns-csat/ack', tokens.returnsLead!, 'POST', {});
    if (acked.status === 200) expect(acked.json.alert.may_silence_rule).toBe(true);
  });

  it('names the notify targets to an admin, none to a lead (they are the desk\'s channels, no team\'s)', async () => {
    expect(byId((await call('/api/alerts', tokens.admin!)).json.rules)['returns-csat'].notify).toEqual(['ops']);
    const { json, text } = await call('/api/alerts', tokens.returnsLead!);
    expect((json.rules as { notify: string[] }[]).map((r) => r.notify)).toEqual([[], [], []]);
    expect(text).not.toContain('"ops"');
  });
});
