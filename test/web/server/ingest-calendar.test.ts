// Issue 16, defect 5 over HTTP: POST /api/events takes timezone and calendar as query parameters,
// which win over the mapping's like the CLI flags and say so in the answer's notes; an unknown calendar
// is a 400 that names the config's calendars, not its path. The server gives the first-run zone hint.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { deskpulse, serveWarehouse, type Served } from '../../e2e/support/e2e-server.ts';

const FIXTURES = 'test/warehouse/calendar/fixtures';
const ROME = `${FIXTURES}/rome.yaml`;
const CSV = readFileSync(`${FIXTURES}/rome-helpdesk.csv`, 'utf8');
const MAPPING = readFileSync(`${FIXTURES}/rome-helpdesk.mapping.yaml`);
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-ingest-calendar-'));
const db = join(dir, 'w.duckdb');
let server: Served;
let token: string;

beforeAll(async () => {
  token = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', 'ingest', '--name', 'loader'], db, ROME)) as { token: string }).token;
  // A first batch on the command line declares the data's zone: the server's start then gives the hint.
  deskpulse(['ingest', `${FIXTURES}/rome-helpdesk.csv`, '--mapping', `${FIXTURES}/rome-helpdesk.mapping.yaml`, '--timezone', 'Europe/Rome'], db, ROME);
  server = await serveWarehouse(db, ['--config', ROME]);
}, 60_000);
afterAll(async () => server?.stop());

/** The fixture's rows as other tickets (H1...), with the mapping as the batch's "mapping" part. */
async function post(query: string): Promise<{ status: number; body: { notes?: string[]; message?: string; accepted?: number } }> {
  const form = new FormData();
  form.append('file', new Blob([CSV.replace(/^R/gm, 'H')], { type: 'text/csv' }), 'rome.csv');
  form.append('mapping', new Blob([MAPPING]), 'rome-helpdesk.mapping.yaml');
  const res = await fetch(`${server.url}/api/events${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() as { notes?: string[]; message?: string } };
}

describe('POST /api/events with timezone and calendar', () => {
  it('gives the first-run zone hint when it starts', () => {
    expect(server.stderr()).toContain("serve: the data's times are in Europe/Rome (the mapping's zone, --timezone or the offsets of its times), but the config's timezone is Asia/Shanghai");
  });

  it('refuses a calendar the config lacks, naming its calendars and not its path', async () => {
    const refused = await post('?timezone=Europe/Rome&calendar=paris');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('calendar: "paris" is not a calendar of the DeskPulse config; define it under calendars: there, or use one of: berlin-office, office, rome-office');
    expect(refused.body.message).not.toContain(dir);
  });

  it('takes the zone and the calendar of the query over the mapping\'s, and says so', async () => {
    const answer = await post('?timezone=Europe/Rome&calendar=berlin-office');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 10, notes: [
      "--timezone Europe/Rome overrides the mapping's zone UTC",
      "--calendar berlin-office overrides the mapping's calendars (rome-office)",
    ] });
    await server.stop();
    const w = await Warehouse.open(db);
    try {
      const rows = (await w.db.runAndReadAll(`SELECT ticket_id, calendar_id, strftime(created_at, '%H:%M') AS created, resolution_business_seconds / 3600 AS h
        FROM tickets WHERE ticket_id IN ('H1', 'H4') ORDER BY ticket_id`)).getRowObjectsJson();
      // 16:00 in Rome is 15:00 UTC; Berlin's 08:00-16:00 leaves Monday 08-11; returns keeps the config's office.
      expect(rows).toEqual([
        { ticket_id: 'H1', calendar_id: 'berlin-office', created: '15:00', h: 3 },
        { ticket_id: 'H4', calendar_id: 'office', created: '15:00', h: 8 },
      ]);
    } finally {
      w.close();
    }
  });
});
