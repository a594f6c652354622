// Alerts end to end (issue 20): a demo warehouse served, rules added to its config while it runs
// (hot reload), a complaint spike for one product ingested over HTTP -> exactly one alert naming that
// product at a real webhook receiver, none for the others; a ticket about to breach its SLA reminds,
// then escalates to the next target, until acknowledged; team leads see the alerts whose teams are all
// theirs (a spike that grows to another team's tickets is hidden from both leads);
// a bad rule file keeps the rules in force and is refused by the CLI with line and column.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, startServer, type E2eServer } from './support/e2e-server.ts';
import { startReceiver, type Receiver } from '../alerts/notify/receiver.ts';

let server: E2eServer;
let receiver: Receiver;
let goodConfig: string;

const SPIKE_PRODUCT = 'laptop';
const OTHER_PRODUCTS = ['smartphone', 'earbuds', 'television', 'washing_machine'];

async function api(path: string, token: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}\n${server.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const messages = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => r.json);

/** Two full evaluations after this moment (rule runs recorded after it). */
async function twoMoreEvaluations(ruleId: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const since = Date.now();
    await waitFor(`an evaluation of ${ruleId}`, async () => {
      const { rules } = await api('/api/alerts', server.tokens.admin!);
      const run = rules.find((r: any) => r.id === ruleId);
      return run?.evaluated_at && Date.parse(run.evaluated_at) > since ? true : undefined;
    });
  }
}

function event(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({ admin: { role: 'admin' }, lead: { role: 'team_lead', teams: ['escalations'] }, other: { role: 'team_lead', teams: ['logistics'] } },
    { days: 15, ticketsPerDay: 40 }, { DESKPULSE_ALERT_INTERVAL_MS: '1500' });
  appendFileSync(server.config, `
notify:
  ops:   { type: webhook, url: ${receiver.url}/ops }
  floor: { type: webhook, url: ${receiver.url}/floor }
  boss:  { type: webhook, url: ${receiver.url}/boss }
alerts:
  - id: complaint-spike
    kind: anomaly
    metric: volume
    filter: { problem_type: [complaint] }
    by: [product]
    window: 2h
    notify: [ops]
  - id: urgent-breaching
    kind: breaching
    filter: { team: [escalations], priority: [urgent] }
    within: 60m
    remind_every: 3s
    escalate_after: 8s
    notify: [floor, boss]
`);
  goodConfig = readFileSync(server.config, 'utf8');
  // The running server picks the rules up from the changed file.
  await waitFor('the rules reloaded', async () => ((await api('/api/alerts', server.tokens.admin!)).rules.length === 2 ? true : undefined));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe('alerts end to end', () => {
  it('a complaint spike for one product ingested over HTTP: exactly one alert, naming that product, none for the others', async () => {
    const now = Date.now();
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) {
      lines.push(event({ event_id: `spike-${i}`, ticket_id: `SPIKE-${i}`, type: 'created', occurred_at: new Date(now - (40 - i * 3) * 60_000).toISOString(),
        channel: 'phone', problem_type: 'complaint', product: SPIKE_PRODUCT, team_id: 'escalations', priority: 'normal' }));
    }
    OTHER_PRODUCTS.forEach((product, i) => lines.push(event({ event_id: `calm-${i}`, ticket_id: `CALM-${i}`, type: 'created',
      occurred_at: new Date(now - 20 * 60_000).toISOString(), channel: 'phone', problem_type: 'complaint', product, team_id: 'escalations', priority: 'normal' })));
    const summary = await api('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
    expect(summary.accepted).toBe(16);

    const alert = await waitFor('the spike alert at the receiver', () => messages('/ops').find((m) => m.ruleId === 'complaint-spike'));
    expect(alert.title).toContain(`product=${SPIKE_PRODUCT}`);
    expect(alert.detail.observed).toBe(12);
    expect(alert.detail.expected).toBeLessThan(2);
    expect(alert.detail.tickets).toEqual(expect.arrayContaining(['SPIKE-0', 'SPIKE-11']));
    // Later evaluations still find it out of line: state, not a second message.
    await twoMoreEvaluations('complaint-spike');
    const spikeMessages = messages('/ops').filter((m) => m.ruleId === 'complaint-spike');
    expect(spikeMessages).toHaveLength(1);
    for (const other of OTHER_PRODUCTS) expect(JSON.stringify(messages('/ops'))).not.toContain(other);

    const { alerts } = await api('/api/alerts', server.tokens.admin!);
    expect(alerts.filter((a: any) => a.rule_id === 'complaint-spike').map((a: any) => [a.alert_id, a.state]))
      .toEqual([[`complaint-spike:product=${SPIKE_PRODUCT}`, 'firing']]);
    // Team leads: the spike's tickets are the escalations team's.
    expect((await api('/api/alerts', server.tokens.lead!)).alerts.map((a: any) => a.rule_id)).toContain('complaint-spike');
    expect((await api('/api/alerts', server.tokens.other!)).alerts).toEqual([]);
    expect((await api('/api/alerts/history', server.tokens.other!)).history).toEqual([]);

    // A complaint about the same product for logistics: the alert now concerns both teams, and is hidden
    // whole from the lead of either (its figures count the other's ticket); an admin still sees it.
    await api('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' },
      body: event({ event_id: 'spike-logistics', ticket_id: 'SPIKE-L', type: 'created', occurred_at: new Date(now - 10 * 60_000).toISOString(),
        channel: 'phone', problem_type: 'complaint', product: SPIKE_PRODUCT, team_id: 'logistics', priority: 'normal' }) });
    const spikeId = `complaint-spike:product=${SPIKE_PRODUCT}`;
    await waitFor('the spike alert concerning both teams', async () => ((await api('/api/alerts', server.tokens.admin!)).alerts
      .find((a: any) => a.alert_id === spikeId)?.teams.length === 2 ? true : undefined));
    for (const lead of [server.tokens.lead!, server.tokens.other!]) {
      expect((await api('/api/alerts', lead)).alerts.map((a: any) => a.alert_id)).not.toContain(spikeId);
      expect((await api('/api/alerts/history', lead)).history.map((h: any) => h.alert_id)).not.toContain(spikeId);
      const ack = await fetch(`${server.url}/api/alerts/${encodeURIComponent(spikeId)}/ack`, { method: 'POST', headers: { authorization: `Bearer ${lead}` } });
      expect(ack.status).toBe(404);
    }
  }, 90_000);

  it('a ticket about to breach its SLA: fired, reminded, escalated to the next target; acknowledged, it stops', async () => {
    await api('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' },
      body: event({ event_id: 'urgent-1', ticket_id: 'URGENT-1', type: 'created', occurred_at: new Date(Date.now() - 3 * 60_000).toISOString(),
        channel: 'phone', problem_type: 'invoice', product: 'television', team_id: 'escalations', priority: 'urgent' }) });
    const fired = await waitFor('the breaching alert', () => messages('/floor').find((m) => m.event === 'fired'));
    expect(fired.title).toContain('1 ticket will pass the SLA');
    expect(fired.lines[0]).toMatch(/^URGENT-1: first response due in \d+ min, team escalations/);
    await waitFor('a reminder to the first target', () => messages('/floor').find((m) => m.event === 'reminded'));
    const escalated = await waitFor('the escalation to the next target', () => messages('/boss').find((m) => m.event === 'escalated'), 30_000);
    expect(escalated.alertId).toBe('urgent-breaching');

    // The other team's lead may not acknowledge it; its own lead may.
    const refused = await fetch(`${server.url}/api/alerts/urgent-breaching/ack`, { method: 'POST', headers: { authorization: `Bearer ${server.tokens.other}` } });
    expect(refused.status).toBe(404);
    const acked = await api('/api/alerts/urgent-breaching/ack', server.tokens.lead!, { method: 'POST' });
    expect(acked.alert.state).toBe('acknowledged');
    const sent = receiver.received.length;
    await twoMoreEvaluations('urgent-breaching');
    await new Promise((r) => setTimeout(r, 3500)); // longer than remind_every
    expect(receiver.received.slice(sent).filter((r) => r.json?.ruleId === 'urgent-breaching')).toEqual([]);
    const history = (await api('/api/alerts/history', server.tokens.lead!)).history.filter((h: any) => h.alert_id === 'urgent-breaching').map((h: any) => h.event);
    expect(history).toEqual(expect.arrayContaining(['fired', 'reminded', 'escalated', 'acknowledged']));
  }, 90_000);

  it('a bad rule file: the server keeps the rules in force and says why; the CLI refuses it with line and column', async () => {
    const bad = goodConfig.replace('    window: 2h\n', '    window: two hours\n');
    const line = bad.split('\n').findIndex((l) => l.includes('window: two hours')) + 1;
    writeFileSync(server.config, bad);
    await waitFor('the refusal in the server log', () => (server.stdout().includes('the config was not reloaded') ? true : undefined), 20_000);
    // (JSON log lines: the reason's quotes are escaped)
    expect(server.stdout()).toContain(`deskpulse.yaml:${line}:13: alerts.0.window: \\"two hours\\" is not a duration`);
    expect((await api('/api/alerts', server.tokens.admin!)).rules.map((r: any) => r.id)).toEqual(['complaint-spike', 'urgent-breaching']);
    expect(() => deskpulse(['alerts', 'list'], server.db, server.config)).toThrow(`deskpulse.yaml:${line}:13: alerts.0.window: "two hours" is not a duration like 30m, 2h, 1d`);
    writeFileSync(server.config, goodConfig);
  }, 60_000);
});
