// The morning digest end to end: a demo warehouse, `deskpulse serve` with two reports (a manager's in
// English, a team lead's of one team in Chinese) sending to a real SMTP server on loopback. The
// missed runs go out once at start, with the API's figures for each scope and the chart as an inline
// PNG; a report whose last run is days old runs once (not once per missed day) after a restart; the
// CLI's --dry-run writes the files and `report send` delivers over SMTP.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';
import { deskpulse, freePort, serveWarehouse, type Served } from '../../e2e/support/e2e-server.ts';
import { HEADLINE_KPIS, type Kpi } from '../../../alerts/digest/digest-data.ts';
import { CHART_CID, kpiLine } from '../../../alerts/digest/digest-text.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const mails: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let dir: string;
let db: string;
let config: string;
let server: Served | null = null;
const tokens: Record<string, string> = {};

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));
const mailsTo = (address: string) => mails.filter((m) => to(m).includes(address));

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; server log:\n${server?.stdout().slice(-3000)}\n${server?.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function apiKpis(token: string, day: string): Promise<Kpi[]> {
  const response = await fetch(`${server!.url}/api/overview?from=${day}&to=${day}&compare=week`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const rows = (await response.json() as { rows: Record<string, unknown>[] }).rows;
  return HEADLINE_KPIS.map((metric) => {
    const row = rows.find((r) => r.metric === metric)!;
    return { metric, value: row.value as number | null, previous: row.previous as number | null, delta: row.delta as number | null, delta_pct: row.delta_pct as number | null };
  });
}

/** `deskpulse` without blocking this process: the SMTP server it mails to runs here. */
async function deskpulseAsync(args: string[]): Promise<string> {
  assertFreshServerBuild();
  const { stdout } = await promisify(execFile)('node', ['bin/deskpulse.js', ...args, '--db', db, '--config', config], { env: { ...process.env, DESKPULSE_PII_KEY: 'e2e' } });
  return stdout;
}

const dayOf = (mail: ParsedMail) => /\d{4}-\d{2}-\d{2}/.exec(mail.subject ?? '')![0];

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, done) {
      simpleParser(stream, { keepCidLinks: true }).then((mail) => { mails.push(mail); done(); }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-digest-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  appendFileSync(config, `
public_url: http://dashboards.example.com
notify:
  managers: { type: email, host: 127.0.0.1, port: ${smtpPort}, from: deskpulse@example.com, to: [boss@example.com] }
  leads: { type: email, host: 127.0.0.1, port: ${smtpPort}, from: deskpulse@example.com, to: [lead@example.com] }
reports:
  - id: morning
    schedule: "30 8 * * *"
    scope: { role: manager }
    notify: [managers]
  - id: returns-morning
    schedule: "0 9 * * *"
    scope: { role: team_lead, teams: [returns] }
    language: zh
    notify: [leads]
`);
  deskpulse(['demo', '--days', '10', '--tickets-per-day', '40', '--seed', '7'], db, config);
  for (const [name, args] of Object.entries({ manager: ['--role', 'manager'], lead: ['--role', 'team_lead', '--team', 'returns'] })) {
    tokens[name] = (JSON.parse(deskpulse(['token', 'create', '--json', '--name', name, ...args], db, config)) as { token: string }).token;
  }
  server = await serveWarehouse(db, ['--config', config]);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('the morning digest over SMTP', () => {
  it('serve sends each missed digest once at start, with the API\'s figures for its scope and the chart inline', async () => {
    const manager = await waitFor('the manager\'s digest', () => mailsTo('boss@example.com')[0]);
    const lead = await waitFor('the team lead\'s digest', () => mailsTo('lead@example.com')[0]);
    for (const [mail, token, language] of [[manager, tokens.manager!, 'en'], [lead, tokens.lead!, 'zh']] as const) {
      const day = dayOf(mail);
      for (const kpi of await apiKpis(token, day)) expect(mail.text).toContain(kpiLine(kpi, language));
      const chart = mail.attachments.find((a) => a.cid === CHART_CID)!;
      expect(chart.contentType).toBe('image/png');
      expect(chart.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(chart.size).toBeGreaterThan(5000);
      expect(mail.html).toContain(`cid:${CHART_CID}`);
      expect(mail.text).toContain(`http://dashboards.example.com/?from=${day}&to=${day}&compare=week`);
    }
    expect(manager.subject).toMatch(/^DeskPulse daily digest \d{4}-\d{2}-\d{2}: \d+ tickets$/);
    // The team lead's digest: Chinese, their team only (figures above are their token's; the link and low ratings say so too).
    expect(lead.subject).toMatch(/^DeskPulse 每日简报 .*（?售后退换货/);
    expect(lead.text).toContain('团队：售后退换货');
    expect(lead.text).toContain('&team=returns');
    const leadVolume = (await apiKpis(tokens.lead!, dayOf(lead)))[0]!.value!;
    const allVolume = (await apiKpis(tokens.manager!, dayOf(lead)))[0]!.value!;
    expect(leadVolume).toBeLessThan(allVolume);
    for (const line of lead.text!.split('\n').filter((l) => l.startsWith('- ★'))) expect(line).toContain('(售后退换货)');
    expect(mails).toHaveLength(2);
  }, 60_000);

  it('a report whose last run is days old runs once after a restart; one up to date does not run again', async () => {
    await waitFor('both runs recorded', () => /morning for .* sent/.test(server!.stdout()) && /returns-morning for .* sent/.test(server!.stdout()));
    await server!.stop();
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run("UPDATE report_runs SET scheduled_for = scheduled_for - INTERVAL 3 DAY WHERE report_id = 'morning'");
    connection.closeSync();
    instance.closeSync();
    server = await serveWarehouse(db, ['--config', config]);
    await waitFor('the catch-up run', () => /morning for .* sent/.test(server!.stdout()));
    expect(server.stdout()).toMatch(/returns-morning up to date/);
    expect(server.stdout().match(/missed its run/g)).toHaveLength(1);
    expect(mailsTo('boss@example.com')).toHaveLength(2);
    expect(mailsTo('lead@example.com')).toHaveLength(1);
  }, 60_000);

  it('report send --dry-run writes the .eml, .png and .html; report send delivers over SMTP', async () => {
    await server!.stop();
    server = null;
    const out = join(dir, 'dry-run');
    const before = mails.length;
    deskpulse(['report', 'send', 'returns-morning', '--dry-run', out, '--day', '2026-01-05'], db, config);
    const base = join(out, 'returns-morning-2026-01-05');
    for (const ext of ['eml', 'png', 'html']) expect(existsSync(`${base}.${ext}`), ext).toBe(true);
    expect(readFileSync(`${base}.png`).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(readFileSync(`${base}.html`, 'utf8')).toContain('src="returns-morning-2026-01-05.png"');
    const eml = await simpleParser(readFileSync(`${base}.eml`));
    expect(eml.subject).toContain('2026-01-05');
    expect(eml.attachments[0]!.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(statSync(`${base}.png`).size).toBeGreaterThan(0);
    expect(mails.length).toBe(before);
    expect(await deskpulseAsync(['report', 'send', 'morning', '--day', '2026-01-05'])).toContain('report morning for 2026-01-05 sent to managers');
    const sent = await waitFor('the CLI\'s mail', () => mails.slice(before).find((m) => m.subject?.includes('2026-01-05')));
    expect(to(sent)).toEqual(['boss@example.com']);
  }, 60_000);
});
