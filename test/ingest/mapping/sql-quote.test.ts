import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import { mappingSql } from '../../../ingest/mapping/mapping-sql.ts';
import { sqlIdent, sqlString } from '../../../warehouse/sql-quote.ts';
import { openDb, query } from './fixtures/raw-staging.ts';

const { db, close } = await openDb();
afterAll(close);

// Any text but NUL (refused: the SQL text travels as a C string).
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));

describe('sqlString and sqlIdent', () => {
  it('round-trip any text through a DuckDB literal', async () => {
    await fc.assert(fc.asyncProperty(text, async (s) => {
      const rows = await query(db, `SELECT ${sqlString(s)} AS v`);
      expect(rows[0]!.v).toBe(s);
    }), { numRuns: 200 });
  });

  it('round-trip any non-empty name through a quoted identifier', async () => {
    await fc.assert(fc.asyncProperty(text.filter((s) => s.length > 0), async (s) => {
      // Read the name back as a value: as an object key, "__proto__" would vanish.
      const rows = await query(db, `SELECT column_name AS c FROM (DESCRIBE SELECT 1 AS ${sqlIdent(s)})`);
      expect(rows.map((r) => r.c)).toEqual([s]);
    }), { numRuns: 200 });
  });

  it('refuse NUL', () => {
    expect(() => sqlString('a\0b')).toThrow(/NUL/);
    expect(() => sqlIdent('a\0b')).toThrow(/NUL/);
  });
});

describe('mapping values and names reach SQL only quoted', () => {
  const hostile = `it's"; DROP TABLE raw; --`;
  const mapping = parseMapping(`version: 1
time: { formats: [iso8601] }
ticket_id: 'Case "ID"'
occurred_at: when
fields:
  channel:
    column: "how; --"
    values: { "${hostile.replaceAll('"', '\\"')}": chat, "电话": phone }
  customer_id: phone number
  comment: { value: "${hostile.replaceAll('"', '\\"')}" }
attrs: { "o'key": 'Case "ID"', phone: phone number }
pii: [phone number]
events:
  type: { column: what, on: { "a'b": created } }
`, 'hostile.mapping.yaml');

  it('maps rows whose names and values carry quotes, semicolons and Chinese', async () => {
    await db.run(`CREATE TABLE raw AS SELECT * FROM (VALUES
      ('T-1', '2026-11-11T09:00:00+08:00', 'a''b', $h, '+86 138 0000 0000', 'src', 2::BIGINT, 'raw line 2'),
      ('T-2', '2026-11-11T10:00:00Z', 'a''b', '电话', NULL, 'src', 3::BIGINT, 'raw line 3')
    ) t("Case ""ID""", "when", "what", "how; --", "phone number", __source, __line, __raw)`, { h: hostile });
    const names = ['Case "ID"', 'when', 'what', 'how; --', 'phone number'];
    const rows = await query(db, `SELECT * FROM (${mappingSql(mapping, 'raw', names)}) ORDER BY ticket_id`);
    expect(rows.map((r) => [r.ticket_id, r.type, r.occurred_at, r.channel, r.customer_id, r.comment, r.__error])).toEqual([
      ['T-1', 'created', '2026-11-11T01:00:00+00:00', 'chat', '+86 138 0000 0000', hostile, null],
      ['T-2', 'created', '2026-11-11T10:00:00+00:00', 'phone', null, hostile, null],
    ]);
    expect(JSON.parse(rows[0]!.attrs!)).toEqual({ "o'key": 'T-1', phone: '+86 138 0000 0000' });
    expect(mapping.pii).toMatchObject({ fields: ['customer_id'], attrs: ['phone'] });
  });

  it('yields no rows for an empty raw table', async () => {
    await db.run(`CREATE TABLE empty AS SELECT * FROM raw LIMIT 0`);
    expect(await query(db, mappingSql(mapping, 'empty', ['Case "ID"', 'when', 'what', 'how; --', 'phone number']))).toEqual([]);
  });
});
