// Step limits follow deskpulse.yaml under a running `serve`, as the alert rules do (issue 20 §1
// `step`): an edit of step_limits: changes the step on-time answer and what the step rule finds
// without a restart; a bad edit keeps the limits in force and the log says why.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../alerts/notify/receiver.ts';
import { startServer, type E2eServer } from './support/e2e-server.ts';

let server: E2eServer;
let receiver: Receiver;
let shipped: string;

interface StepRow { status: string; visits: number; on_time: number; step_on_time: number | null }

async function api(path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.tokens.admin}`, ...(init.headers ?? {}) } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}\n${server.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const TICKET = 'T8800001';
const stepRows = async (): Promise<StepRow[]> => (await api('/api/step-on-time')).rows;
const rule = async () => (await api('/api/alerts')).rules.find((r: any) => r.id === 'on-hold-late');
const namesTicket = async () => (await api('/api/alerts')).alerts.some((a: any) => a.rule_id === 'on-hold-late'
  && (a.detail.tickets as { ticket_id: string }[]).some((t) => t.ticket_id === TICKET));

/** The shipped config with `limits` as its step_limits, and the step rule. */
function writeConfig(limits: string): void {
  writeFileSync(server.config, `${shipped.replace(/^step_limits:\n(?:  .*\n)+/m, '')}
step_limits:
${limits}
notify:
  ops: { type: webhook, url: ${receiver.url}/ops }
alerts:
  - id: on-hold-late
    kind: step
    status: [on_hold]
    notify: [ops]
`);
}

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({ admin: { role: 'admin' } }, { days: 10, ticketsPerDay: 40 }, { DESKPULSE_ALERT_INTERVAL_MS: '1500' });
  shipped = readFileSync(server.config, 'utf8');
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe('step limits reloaded with the config', () => {
  it('an edit changes the step on-time answer and the step rule\'s finding without a restart; a bad edit keeps them', async () => {
    // The shipped limits (open within 8 business hours, on hold 36-72 h) and a rule on holds.
    const shippedRows = await stepRows();
    expect(shippedRows.map((r) => r.status)).toEqual(['new', 'open', 'pending', 'on_hold', 'all']);
    writeConfig('  - { status: open, limit: 8h }\n  - { status: on_hold, limit: 48h, clock: calendar }');
    await waitFor('the rule in force', async () => ((await rule()) ? true : undefined));
    const hours = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const lines = [
      { event_id: 'sl-1', type: 'created', occurred_at: hours(3), team_id: 'logistics', problem_type: 'logistics', channel: 'web', priority: 'normal' },
      { event_id: 'sl-2', type: 'status_changed', occurred_at: hours(2), status: 'on_hold' },
    ].map((e) => JSON.stringify({ ticket_id: TICKET, ...e }));
    const ingestedAt = Date.now();
    expect((await api('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') })).accepted).toBe(2);
    const before = await waitFor('the limits of the first edit and an evaluation after the ingest', async () => {
      const rows = await stepRows();
      const evaluated = Date.parse((await rule())?.evaluated_at ?? '') > ingestedAt + 1500;
      return evaluated && rows.map((r) => r.status).join() === 'open,on_hold,all' ? rows : undefined;
    });
    expect(await namesTicket()).toBe(false); // on hold 2 h of 48
    const open = before.find((r) => r.status === 'open')!;
    expect(open).toEqual(shippedRows.find((r) => r.status === 'open'));

    // Open within a minute, on hold within an hour (calendar time): most visits late, the ticket over.
    writeConfig('  - { status: open, limit: 1m, clock: calendar }\n  - { status: on_hold, limit: 1h, clock: calendar }');
    const after = await waitFor('the step on-time answer under the new limits', async () => {
      const row = (await stepRows()).find((r) => r.status === 'open');
      return row && row.on_time < open.on_time ? row : undefined;
    });
    expect(after.visits).toBe(open.visits);
    await waitFor('the step alert naming the ticket', async () => ((await namesTicket()) ? true : undefined));
    await waitFor('its message', async () => (receiver.received.some((r) => r.path === '/ops' && r.body.includes('on-hold-late')) ? true : undefined));
    expect(server.stderr() + server.stdout()).toContain('step limits: 2 in force after the config changed');

    // A bad limit: refused with its place, the limits in force stay.
    writeConfig('  - { status: open, limit: soon }');
    await waitFor('the refusal in the log', async () => (server.stdout().includes('step limits: the config was not reloaded') ? true : undefined));
    expect(server.stdout()).toMatch(/step limits: the config was not reloaded, the limits in force stay: .*deskpulse\.yaml:\d+:\d+: step_limits\.0\.limit/);
    expect((await stepRows()).find((r) => r.status === 'open')).toEqual(after);
  }, 120_000);
});
