import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../ingest/pipeline.ts';
import { hashSql } from '../../ingest/pseudonymise.ts';
import { pseudonymiseStoredQuarantine } from '../../ingest/quarantine-raw.ts';
import { buildApp } from '../../web/server/app.ts';
import { createToken } from '../../web/server/auth/token-store.ts';
import { Warehouse } from '../../warehouse/database.ts';

// design.md: raw phones and customer ids are never stored, the quarantine included. Each source kind
// quarantines a row whose customer is a phone number; the table, read directly, holds only its keyed hash.
const KEY = 'quarantine test key';
const PHONE = '+86 138 0013 8000';
const BAD = { event_id: 'q1', ticket_id: 'Q', type: 'rated', occurred_at: '2026-03-02T10:00:00+08:00', rating: '9', customer_id: PHONE };
const GOOD = { event_id: 'q0', ticket_id: 'Q', type: 'created', occurred_at: '2026-03-02T09:00:00+08:00', channel: 'web', customer_id: PHONE };
const HEADER = Object.keys(BAD).join(',');

let w: Warehouse;
let dir: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-qpii-'));
});
afterEach(() => w.close());

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

async function stored(): Promise<{ reason: string; raw: string | null }[]> {
  return (await w.db.runAndReadAll('SELECT reason, raw FROM quarantine ORDER BY run_id, line')).getRowObjectsJson() as never;
}

/** The hash the events hold for the customer (the good row's). */
async function eventHash(): Promise<string> {
  return String((await w.db.runAndReadAll('SELECT any_value(customer_id) FROM events')).getRows()[0]?.[0]);
}

async function expectHashedOnly(): Promise<void> {
  const rows = await stored();
  expect(rows.length).toBeGreaterThan(0);
  const hash = await eventHash();
  expect(hash).toMatch(/^p_[0-9a-f]{32}$/);
  for (const row of rows) {
    expect(row.raw).not.toContain('138');
    expect(JSON.parse(row.raw!)).toMatchObject({ customer_id: hash, rating: '9' });
  }
}

describe('quarantined rows keep personal values only as their keyed hash', () => {
  it('CSV', async () => {
    const csv = [HEADER + ',channel', ...[GOOD, BAD].map((e) => Object.keys(BAD).map((k) => (e as Record<string, string>)[k] ?? '').join(',') + `,${e === GOOD ? 'web' : ''}`)];
    expect(await ingest(w, { inputs: [file('e.csv', csv.join('\n'))], piiKey: KEY })).toMatchObject({ accepted: 1, quarantined: 1 });
    await expectHashedOnly();
  });

  it('NDJSON and a JSON array', async () => {
    const nd = await ingest(w, { inputs: [file('e.ndjson', [GOOD, BAD].map((e) => JSON.stringify(e)).join('\n'))], piiKey: KEY });
    expect(nd).toMatchObject({ accepted: 1, quarantined: 1 });
    const arr = await ingest(w, { inputs: [file('e.json', JSON.stringify([{ ...BAD, event_id: 'q2' }]))], piiKey: KEY });
    expect(arr).toMatchObject({ quarantined: 1 });
    await expectHashedOnly();
  });

  it('Parquet', async () => {
    const path = join(dir, 'e.parquet');
    await w.db.run(`COPY (SELECT * FROM read_json_auto(${`'${file('src.ndjson', [GOOD, BAD].map((e) => JSON.stringify(e)).join('\n'))}'`}, format = 'newline_delimited', columns = {event_id: 'VARCHAR', ticket_id: 'VARCHAR', type: 'VARCHAR', occurred_at: 'VARCHAR', rating: 'VARCHAR', customer_id: 'VARCHAR', channel: 'VARCHAR'}))
      TO '${path}' (FORMAT parquet)`);
    expect(await ingest(w, { inputs: [path], piiKey: KEY })).toMatchObject({ accepted: 1, quarantined: 1 });
    await expectHashedOnly();
  });

  it('an HTTP body (NDJSON), hashed with the server\'s key', async () => {
    process.env.DESKPULSE_PII_KEY = KEY;
    const app = await buildApp({ warehouse: w, bodyLimit: 64 * 1024 });
    try {
      const bearer = `Bearer ${(await createToken(w.db, { role: 'ingest', createdBy: 'test' })).token}`;
      const res = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'application/x-ndjson' },
        payload: [GOOD, BAD].map((e) => JSON.stringify(e)).join('\n') });
      expect(res.json()).toMatchObject({ accepted: 1, quarantined: 1 });
      await expectHashedOnly();
    } finally {
      await app.close();
      delete process.env.DESKPULSE_PII_KEY;
    }
  });

  it('a mapped source: the column its mapping declares pii', async () => {
    const fixture = readFileSync(resolve(import.meta.dirname, 'mapping/fixtures/helpdesk-eventlog.csv'), 'utf8').trim().split('\n');
    const [header, first] = [fixture[0]!, fixture[1]!.split(',')];
    const customer = header.split(',').indexOf('customer');
    const row = (ts: string) => first.map((v, i) => (i === customer ? PHONE : i === 3 ? ts : v)).join(',');
    const s = await ingest(w, { inputs: [file('log.csv', [header, row('2012/03/24 10:00:00.000'), row('24.03.2012 11:00')].join('\n'))],
      mapping: await loadMapping('eventlog'), piiKey: KEY });
    expect(s).toMatchObject({ quarantined: 1 });
    const [q] = await stored();
    expect(q!.raw).not.toContain('138');
    expect(JSON.parse(q!.raw!)).toMatchObject({ customer: await eventHash(), 'Complete Timestamp': '24.03.2012 11:00' });
  });

  it('drops the text of a line the reader could not split when it may hold a personal value, and says so', async () => {
    const csv = `event_id,ticket_id,customer_id,type,occurred_at\nq3,Q,${PHONE}`;
    const nd = `{"event_id":"q4","customer_id":"${PHONE}`;
    const s = await ingest(w, { inputs: [file('cut.csv', csv), file('cut.ndjson', nd)], piiKey: KEY });
    expect(s).toMatchObject({ quarantined: 2 });
    for (const q of await stored()) {
      expect(q.raw).toBeNull();
      expect(q.reason).toContain('raw text not kept');
    }
  });
});

describe('rows quarantined raw before the ingest hashed them', () => {
  it('get their customer id hashed once, as the events hold it; rows already hashed stay as they are', async () => {
    const hash = hashSqlOf(PHONE);
    await w.db.run(`INSERT INTO ingest_runs (source, started_at, status) VALUES ('old.ndjson', now(), 'committed')`);
    await w.db.run(`INSERT INTO quarantine (run_id, source, position, line, reason, raw, quarantined_at) VALUES
      (1, 'old.ndjson', 'line 1', 1, 'old', $old, now()), (1, 'old.ndjson', 'line 2', 2, 'new', $new, now())`,
    { old: JSON.stringify(BAD), new: JSON.stringify({ ...BAD, customer_id: await hash }) });
    expect(await pseudonymiseStoredQuarantine(w, KEY)).toBe(1);
    const rows = await stored();
    expect(rows.map((r) => JSON.parse(r.raw!).customer_id)).toEqual([await hash, await hash]);
    expect(await pseudonymiseStoredQuarantine(w, KEY)).toBe(0);
  });
});

/** The events' keyed hash of `value`, as DuckDB computes it. */
async function hashSqlOf(value: string): Promise<string> {
  return String((await w.db.runAndReadAll(`SELECT ${hashSql('$v')}`, { v: value, pii_key: KEY })).getRows()[0]?.[0]);
}
