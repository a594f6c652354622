// The Alerts API over real HTTP (`deskpulse serve`, bearer tokens) by role: a team lead sees an alert
// only when every team it concerns is theirs (the rule of the scheduled reports); one that also
// concerns another team is hidden whole (its `teams` names that team, its figures count its tickets),
// as is one concerning no team in particular (the whole desk). Acting on a hidden alert (ack, silence,
// a routing proposal) is answered exactly as for an alert that does not exist, in en and zh, and
// changes nothing. The alerts are written into the demo warehouse before it is served. The refusals
// of ack (resolved already) and silence (no duration) carry their words in zh too, as the 404 does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDelivery, addHistory, saveAlert, type StoredAlert } from '../../../../alerts/engine/alert-store.ts';
import type { Served } from '../../../e2e/support/e2e-server.ts';
import { callApi, serveWithAlerts } from './fixtures/served-alerts.ts';

let server: Served;
let tokens: Record<string, string>;

const base = {
  state: 'firing', detail: { observed: 12, expected: 1.5 }, first_fired_at: '2026-12-01T08:00:00.000Z', last_seen_at: '2026-12-01T08:30:00.000Z',
  last_notified_at: '2026-12-01T08:00:00.000Z', notify_level: 0, acknowledged_by: null, acknowledged_at: null, resolved_at: null,
} as const;
const alert = (alert_id: string, kind: string, teams: string[], title: string): StoredAlert =>
  ({ ...base, alert_id, rule_id: alert_id.split(':')[0]!, group_key: alert_id.split(':')[1] ?? '', kind, teams, title });
const ALERTS = [
  alert('spike:product=laptop', 'anomaly', ['returns', 'logistics'], 'spike: product=laptop, 12 tickets in 2h'),
  alert('breach:team=returns', 'breaching', ['returns'], 'breach: 2 tickets will pass the SLA'),
  alert('breach:team=logistics', 'breaching', ['logistics'], 'breach: 3 tickets will pass the SLA'),
  alert('volume-high', 'threshold', [], 'volume-high: 900 tickets in 1h'),
];
const TWO_TEAMS = 'spike:product=laptop';
// Of the whole desk (no lead sees it) and resolved (no open list shows it).
const RESOLVED: StoredAlert = { ...alert('backlog-high', 'threshold', [], 'backlog-high: 400 open tickets'),
  state: 'resolved', resolved_at: '2026-12-01T09:00:00.000Z' };

beforeAll(async () => {
  ({ server, tokens } = await serveWithAlerts({
    admin: { role: 'admin' }, returnsLead: { role: 'team_lead', teams: ['returns'] },
    bothLead: { role: 'team_lead', teams: ['returns', 'logistics'] },
  }, async (connection) => {
    for (const a of ALERTS) {
      await saveAlert(connection, a);
      await addHistory(connection, a.alert_id, 'fired', a.title, new Date(a.first_fired_at));
      await addDelivery(connection, a.alert_id, { target: 'ops', at: new Date(a.first_fired_at), attempt: 1, outcome: 'sent', why: null });
    }
    await saveAlert(connection, RESOLVED);
  }));
}, 180_000);

afterAll(async () => { await server?.stop(); });

const call = (path: string, token: string, method = 'GET', body?: unknown) => callApi(server, path, token, method, body);
const alertIds = async (token: string, query = '') => (await call(`/api/alerts${query}`, token)).json.alerts.map((a: StoredAlert) => a.alert_id).sort();
const historyIds = async (token: string, query = '') => [...new Set((await call(`/api/alerts/history${query}`, token)).json.history
  .map((h: { alert_id: string }) => h.alert_id))].sort();
const leaks = (text: string) => text.toLowerCase().includes('logistics') || text.includes('物流');

describe('alerts by role over HTTP', () => {
  it('an admin sees every alert and its history', async () => {
    expect(await alertIds(tokens.admin!)).toEqual(ALERTS.map((a) => a.alert_id).sort());
    expect(await historyIds(tokens.admin!)).toEqual(ALERTS.map((a) => a.alert_id).sort());
  });

  it('a lead of returns sees the alert of returns alone: the one also concerning logistics is hidden whole, and nothing names logistics', async () => {
    for (const query of ['', '?state=all', '?state=firing']) {
      const { status, text, json } = await call(`/api/alerts${query}`, tokens.returnsLead!);
      expect(status).toBe(200);
      expect(json.alerts.map((a: StoredAlert) => a.alert_id)).toEqual(['breach:team=returns']);
      expect(leaks(text)).toBe(false);
    }
    for (const query of ['', `?alert=${encodeURIComponent(TWO_TEAMS)}`, '?limit=1000']) {
      const { status, text } = await call(`/api/alerts/history${query}`, tokens.returnsLead!);
      expect(status).toBe(200);
      expect(leaks(text)).toBe(false);
    }
    expect(await historyIds(tokens.returnsLead!)).toEqual(['breach:team=returns']);
    expect(await historyIds(tokens.returnsLead!, `?alert=${encodeURIComponent(TWO_TEAMS)}`)).toEqual([]);
  });

  it('where a message went (its notify target) is shown to an admin, not to a lead: the targets are the desk\'s, as the rules\' are', async () => {
    const deliveries = async (token: string) => (await call('/api/alerts/history', token)).json.history
      .filter((h: { alert_id: string }) => h.alert_id === 'breach:team=returns').flatMap((h: { deliveries: { target: string }[] }) => h.deliveries);
    expect(await deliveries(tokens.admin!)).toMatchObject([{ target: 'ops', outcome: 'sent' }]);
    expect(await deliveries(tokens.returnsLead!)).toEqual([]);
    expect((await call('/api/alerts/history', tokens.returnsLead!)).text).not.toContain('"target"');
  });

  it('a lead of returns and logistics sees the alerts within those two, not the whole desk\'s', async () => {
    expect(await alertIds(tokens.bothLead!)).toEqual(['breach:team=logistics', 'breach:team=returns', TWO_TEAMS]);
    expect(await historyIds(tokens.bothLead!)).toEqual(['breach:team=logistics', 'breach:team=returns', TWO_TEAMS]);
  });

  it('acting on a hidden alert is answered as for one that does not exist, in en and zh, and changes nothing', async () => {
    const actions = [
      (id: string) => call(`/api/alerts/${encodeURIComponent(id)}/ack`, tokens.returnsLead!, 'POST', {}),
      (id: string) => call(`/api/alerts/${encodeURIComponent(id)}/silence`, tokens.returnsLead!, 'POST', { for: '2h' }),
      (id: string) => call(`/api/alerts/${encodeURIComponent(id)}/route-proposal?team=returns`, tokens.returnsLead!),
    ];
    for (const act of actions) {
      for (const hidden of [TWO_TEAMS, 'volume-high']) {
        const [refused, missing] = [await act(hidden), await act('no-such:alert')];
        expect(refused.status).toBe(404);
        expect(refused.text.replaceAll(hidden, '<id>')).toBe(missing.text.replaceAll('no-such:alert', '<id>'));
        expect(refused.json).toMatchObject({ error: 'NotFound', label: { en: expect.stringContaining(hidden), zh: expect.stringContaining(hidden) } });
        expect(refused.json.label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(leaks(refused.text)).toBe(false);
      }
    }
    const { json } = await call('/api/alerts', tokens.admin!);
    expect(json.alerts.find((a: StoredAlert) => a.alert_id === TWO_TEAMS)).toMatchObject({ state: 'firing', acknowledged_by: null });
    expect((await call(`/api/alerts/history?alert=${encodeURIComponent(TWO_TEAMS)}`, tokens.admin!)).json.history.map((h: { event: string }) => h.event))
      .toEqual(['fired']);
  });

  it('a lead acts on the alerts within their teams', async () => {
    expect((await call('/api/alerts/breach%3Ateam%3Dreturns/ack', tokens.returnsLead!, 'POST', {})).json.alert)
      .toMatchObject({ state: 'acknowledged', acknowledged_by: 'returnsLead' });
    expect((await call(`/api/alerts/${encodeURIComponent(TWO_TEAMS)}/ack`, tokens.bothLead!, 'POST', {})).json.alert)
      .toMatchObject({ state: 'acknowledged', acknowledged_by: 'bothLead' });
    // a team lead previews no routing change: refused as such (403), the alert being one they may see
    expect((await call(`/api/alerts/${encodeURIComponent(TWO_TEAMS)}/route-proposal?team=returns`, tokens.bothLead!)).status).toBe(403);
  });

  it('ack of a resolved alert (409) and silence for no duration (400) are refused in en and zh, the zh words with no English in them', async () => {
    // Latin letters a zh answer may hold: the value quoted back, the duration syntax the API takes, product terms.
    const english = (zh: string, quoted: string) => zh.replaceAll(`"${quoted}"`, '').replace(/\d+[smhd](?![A-Za-z])/g, '')
      .match(/[A-Za-z]+/g)?.filter((w) => w !== 'SLA') ?? [];
    const acked = await call(`/api/alerts/${RESOLVED.alert_id}/ack`, tokens.admin!, 'POST', {});
    expect(acked.status).toBe(409);
    expect(acked.json).toEqual({ error: 'AlreadyResolved', message: acked.json.label.en,
      label: { en: 'alert "backlog-high" is resolved already; nothing to acknowledge', zh: expect.stringContaining('"backlog-high"') } });
    expect(acked.json.label.zh).toMatch(/已恢复/);
    expect(english(acked.json.label.zh, RESOLVED.alert_id)).toEqual([]);
    for (const token of [tokens.admin!, tokens.returnsLead!]) {
      for (const wrong of ['forever', '2 hours', '0m']) {
        const silenced = await call('/api/alerts/breach%3Ateam%3Dreturns/silence', token, 'POST', { for: wrong });
        expect(silenced.status).toBe(400);
        expect(silenced.json).toEqual({ error: 'BadRequest', message: `for: "${wrong}" is not a duration like 30m, 2h, 1d`,
          label: { en: silenced.json.message, zh: expect.stringContaining(`"${wrong}"`) } });
        expect(silenced.json.label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(english(silenced.json.label.zh, wrong)).toEqual([]);
      }
    }
    // nothing was silenced or acknowledged
    expect((await call('/api/alerts/history?alert=backlog-high', tokens.admin!)).json.history).toEqual([]);
    expect((await call('/api/alerts/history?alert=breach%3Ateam%3Dreturns', tokens.admin!)).json.history
      .map((h: { event: string }) => h.event)).not.toContain('silenced');
  });

  it('an alert not found is worded alike by ack, silence and a routing proposal, for an admin as for a lead', async () => {
    const answers = await Promise.all([tokens.admin!, tokens.returnsLead!].flatMap((token) => [
      call('/api/alerts/no-such%3Aalert/ack', token, 'POST', {}),
      call('/api/alerts/no-such%3Aalert/silence', token, 'POST', { for: '2h' }),
      call('/api/alerts/no-such%3Aalert/route-proposal?team=returns', token),
    ]));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]!.json.label.zh).toBe('没有告警 "no-such:alert"（或您无权查看）');
  });
});
