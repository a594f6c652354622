import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping, parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import { MappingError } from '../../../ingest/mapping/mapping-error.ts';
import { mappingSql } from '../../../ingest/mapping/mapping-sql.ts';
import type { Mapping } from '../../../ingest/mapping/mapping.ts';
import type { RawColumn } from '../../../ingest/mapping/raw-columns.ts';
import { loadRaw, mapRows, openDb, type Row } from './fixtures/raw-staging.ts';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/helpdesk-eventlog.csv');
const SHIPPED = resolve(import.meta.dirname, '../../../ingest/mappings/eventlog.mapping.yaml');
const { db, close } = await openDb();
let mapping: Mapping;
let columns: RawColumn[];
let rows: Row[];

beforeAll(async () => {
  mapping = await loadMapping('eventlog');
  columns = await loadRaw(db, FIXTURE, 'raw');
  rows = await mapRows(db, mapping, 'raw', columns);
});
afterAll(close);

const brief = (r: Row) => [r.__line, r.type, r.occurred_at, r.status, r.agent_id];

describe('eventlog mapping (one row per activity)', () => {
  it('reads the repeated Variant header as two columns', () => {
    expect(columns.filter((c) => c.header === 'Variant')).toEqual([{ name: 'Variant', header: 'Variant' }, { name: 'Variant_1', header: 'Variant' }]);
  });

  // Naive times are Europe/Rome: +01:00 in winter, +02:00 in summer (from 2012-03-25 02:00
  // to 2012-10-28 03:00). Worked out by hand.
  it('maps a case without "Insert ticket", giving it a created event at its first row', () => {
    expect(rows.filter((r) => r.ticket_id === 'Case 1').map(brief)).toEqual([
      ['2', 'created', '2012-03-24T09:00:00+00:00', null, null], // made from the first row, without its agent
      ['2', 'updated', '2012-03-24T09:00:00+00:00', null, 'Value 1'],
      ['3', 'assigned', '2012-03-24T09:05:30.5+00:00', null, 'Value 1'], // .500 kept
      ['4', 'status_changed', '2012-03-25T00:59:59+00:00', 'pending', 'Value 1'], // last second of winter time
      ['5', 'assigned', '2012-03-25T01:00:00+00:00', null, 'Value 2'], // 03:00 summer time
      ['6', 'resolved', '2012-03-26T07:00:00+00:00', null, 'Value 2'], // ISO 8601 with +02:00
      ['7', 'closed', '2012-04-10T07:00:00+00:00', null, 'Value 3'], // ISO 8601 without offset: Rome
    ]);
    expect(rows.find((r) => r.ticket_id === 'Case 1' && r.type === 'created')).toMatchObject({ team_id: 'Value 1', product: 'Value 1', customer_id: 'Value 7' });
  });

  it('maps a case with its own created row, activities to types, and keeps a repeated row as one event id', () => {
    const case2 = rows.filter((r) => r.ticket_id === 'Case 2');
    expect(case2.map(brief)).toEqual([
      ['8', 'created', '2012-10-27T21:30:00+00:00', null, 'Value 4'],
      ['9', 'updated', '2012-10-28T01:30:00+00:00', null, 'Value 4'], // 02:30 happens twice that night: the later (+01:00)
      ['10', 'escalated', '2012-10-28T08:00:00+00:00', null, 'Value 4'],
      ['11', 'status_changed', '2012-10-29T09:00:00+00:00', 'on_hold', 'Value 5'],
      ['12', 'status_changed', '2012-10-30T09:00:00+00:00', 'open', 'Value 5'],
      ['13', 'resolved', '2012-10-31T11:00:00+00:00', null, null], // empty Resource
      ['14', 'resolved', '2012-10-31T11:00:00+00:00', null, null],
      ['15', 'closed', '2012-11-15T11:00:00+00:00', null, 'Value 3'],
    ]);
    expect(case2[5]!.event_id).toBe(case2[6]!.event_id); // verbatim repeat: one event for the pipeline's dedupe
    expect(new Set(case2.map((r) => r.event_id)).size).toBe(7);
    expect(case2[0]).toMatchObject({ team_id: '售后组', product: 'Value 3, rev. 2', customer_id: 'Value 9' });
    expect(JSON.parse(case2[0]!.attrs!)).toEqual({
      seriousness: 'Value 2', seriousness_2: 'Value 3', service_level: 'Value 4', service_type: 'Value 1',
      support_section: 'Value 1', responsible_section: 'Value 1', variant: 'Variant 7',
    });
  });

  it('reports unknown activities, bad times and missing case ids, and creates from the first good row', () => {
    expect(rows.filter((r) => r.__error !== null).map((r) => [r.__line, r.ticket_id, r.event_id, r.__error])).toEqual([
      ['16', 'Case 3', null, 'column "Activity": "Reopen ticket" is not in events.type.on of ingest/mappings/eventlog.mapping.yaml: add it there with its event type (e.g. updated)'],
      ['17', 'Case 3', null, 'column "Complete Timestamp": "2012/02/30 10:00:00.000" is not a time in the formats of time.formats (%Y/%m/%d %H:%M:%S.%g, %Y/%m/%d %H:%M:%S, iso8601)'],
      ['19', null, null, 'column "Case ID" is empty: every row needs a ticket id (mapping key ticket_id)'],
    ]);
    expect(rows.filter((r) => r.ticket_id === 'Case 3' && !r.__error).map(brief)).toEqual([
      ['18', 'assigned', '2012-03-01T09:00:00+00:00', null, 'Value 6'],
      ['18', 'created', '2012-03-01T09:00:00+00:00', null, null],
    ]);
  });

  it('derives the same event ids on every run', async () => {
    await loadRaw(db, FIXTURE, 'raw_again', [...Array(18).keys()].reverse());
    expect((await mapRows(db, mapping, 'raw_again', columns)).map((r) => r.event_id)).toEqual(rows.map((r) => r.event_id));
  });
});

describe('the source order at one instant (__seq)', () => {
  const shipped = readFileSync(SHIPPED, 'utf8');
  const withSequence = (column: string) => parseMapping(shipped.replace('  created_if_missing: true', `  created_if_missing: true\n  sequence: ${column}`), SHIPPED);
  const seqOf = (rs: Row[], ticket: string) => rs.filter((r) => r.ticket_id === ticket && !r.__error).map((r) => [r.__line, r.type, r.__seq]);

  it('is the rank of the row in the file among the case rows at that instant; a made-up created has none', () => {
    expect(seqOf(rows, 'Case 1').slice(0, 3)).toEqual([['2', 'created', null], ['2', 'updated', '1'], ['3', 'assigned', '1']]);
    // the verbatim repeat at 12:00 comes second (it is the same event, which the pipeline keeps once)
    expect(seqOf(rows, 'Case 2').filter(([, type]) => type === 'resolved')).toEqual([['13', 'resolved', '1'], ['14', 'resolved', '2']]);
  });

  it('is a declared sequence column when the mapping names one (events.sequence), and must be a number', async () => {
    const declared = await mapRows(db, withSequence('Variant index'), 'raw', columns);
    expect(seqOf(declared, 'Case 2').map(([, , seq]) => seq)).toEqual(['7.0', '7.0', '7.0', '7.0', '7.0', '7.0', '7.0', '7.0']);
    expect(seqOf(declared, 'Case 1')[0]).toEqual(['2', 'created', null]);
    const wrong = await mapRows(db, withSequence('Variant#1'), 'raw', columns);
    expect(wrong.find((r) => r.__line === '2')!.__error).toBe('column "Variant#1": "Variant 12" is not a number (mapping key events.sequence)');
  });
});

describe('columns named by the mapping', () => {
  const shipped = readFileSync(SHIPPED, 'utf8');
  const variant = (text: string) => parseMapping(shipped.replace('variant: Variant#1', `variant: ${text}`), SHIPPED);
  const lineOf = (text: string) => shipped.split('\n').findIndex((l) => l.includes(text)) + 1;

  it('refuses a repeated header without #N, pointing at the mapping line', () => {
    const err = (() => { try { mappingSql(variant('Variant'), 'raw', columns); } catch (e) { return e as MappingError; } })();
    expect(err).toBeInstanceOf(MappingError);
    expect(err).toMatchObject({ line: lineOf('variant: Variant#1'), column: 12, path: 'attrs.variant' });
    expect(err!.reason).toBe('the input header has 2 columns named "Variant": say which one with "Variant#1" or "Variant#2"');
  });

  it('reads the second occurrence with #2, and refuses #3', async () => {
    const second = await mapRows(db, variant('Variant#2'), 'raw', columns);
    expect(JSON.parse(second[0]!.attrs!).variant).toBe('Variant 12');
    expect(() => mappingSql(variant('Variant#3'), 'raw', columns)).toThrow(/has 2 column\(s\) named "Variant", so "Variant#3" does not exist; use #1..#2/);
  });

  it('takes plain raw names as they are when no header text is given', () => {
    const names = columns.map((c) => c.name);
    expect(mappingSql(variant('Variant'), 'raw', names)).toContain('"Variant"');
    expect(mappingSql(variant('Variant_1'), 'raw', names)).toContain('"Variant_1"');
  });

  it('names a missing column, the columns there are, and a near miss', () => {
    const m = parseMapping(shipped.replace('agent_id: Resource', 'agent_id: resource'), SHIPPED);
    expect(() => mappingSql(m, 'raw', columns)).toThrow(new RegExp(
      `^ingest/mappings/eventlog.mapping.yaml:${lineOf('agent_id: Resource')}:13: fields.agent_id` +
      ': the input has no column "resource" \\(there is "Resource": ' +
      'headers are case- and space-sensitive\\)\\. Its columns are: Case ID, Activity, Resource, Complete Timestamp, Variant,'));
  });
});
