import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import type { Mapping } from '../../../ingest/mapping/mapping.ts';
import type { RawColumn } from '../../../ingest/mapping/raw-columns.ts';
import { EVENT_FIELDS } from '../../../warehouse/event-model.ts';
import { loadRaw, mapRows, openDb, type Row } from './fixtures/raw-staging.ts';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/servicenow-incidents.csv');
const { db, close } = await openDb();
let mapping: Mapping;
let columns: RawColumn[];
let rows: Row[];

beforeAll(async () => {
  mapping = await loadMapping('servicenow');
  columns = await loadRaw(db, FIXTURE, 'raw');
  rows = await mapRows(db, mapping, 'raw', columns);
});
afterAll(close);

const good = () => rows.filter((r) => r.__error === null);
const brief = (r: Row) => [r.__line, r.ticket_id, r.type, r.occurred_at, r.status, r.team_id, r.agent_id, r.priority];

describe('servicenow mapping (snapshot rows -> events)', () => {
  it('yields canonical staging columns, all text', async () => {
    expect(Object.keys(rows[0]!)).toEqual(['__source', '__line', '__raw', '__error', ...EVENT_FIELDS.map((f) => f.name), '__seq']);
    expect(rows).toHaveLength(21 + 3 + 5);
  });

  // Worked out by hand from the fixture (times are UTC: the mapping declares zone UTC).
  it('turns the two rows of the issue plus a Closed row into created, new, resolved, closed', () => {
    expect(good().filter((r) => r.ticket_id === 'INC0000045').map(brief)).toEqual([
      // at opened_at, with the group of the first row; no resolver ever, so no assigned event
      ['2', 'INC0000045', 'created', '2016-02-29T01:16:00+00:00', null, 'Group 56', null, 'normal'],
      ['2', 'INC0000045', 'status_changed', '2016-02-29T01:23:00+00:00', 'new', 'Group 56', null, 'normal'], // the first state, said
      // at the row that shows Resolved: resolved_at (11:29, repeated on every row) is later than that
      ['3', 'INC0000045', 'resolved', '2016-02-29T08:53:00+00:00', null, 'Group 56', null, 'normal'],
      ['4', 'INC0000045', 'closed', '2016-03-05T12:00:00+00:00', null, 'Group 56', null, 'normal'], // 5/3 is 5 March
    ]);
    // the sequence of the changes is sys_mod_count; the created event has none (it leads its instant)
    expect(good().filter((r) => r.ticket_id === 'INC0000045').map((r) => r.__seq)).toEqual([null, '0.0', '2.0', '3.0']);
  });

  it('follows pick-up, waiting, transfer, priority change, resolve, reopen and a placeholder state in sys_mod_count order', () => {
    expect(good().filter((r) => r.ticket_id === 'INC0000046').map(brief)).toEqual([
      ['5', 'INC0000046', 'created', '2016-03-01T08:55:00+00:00', null, 'Group 70', null, 'low'],
      ['5', 'INC0000046', 'status_changed', '2016-03-01T09:00:00+00:00', 'new', 'Group 70', null, 'low'],
      ['6', 'INC0000046', 'assigned', '2016-03-01T09:30:00+00:00', null, 'Group 70', 'Resolver 5', 'low'], // first resolver
      ['6', 'INC0000046', 'status_changed', '2016-03-01T09:30:00+00:00', 'open', 'Group 70', 'Resolver 5', 'low'],
      ['8', 'INC0000046', 'status_changed', '2016-03-01T10:00:00+00:00', 'pending', 'Group 70', 'Resolver 5', 'low'], // line 8 is mod 2
      ['7', 'INC0000046', 'status_changed', '2016-03-02T11:15:00+00:00', 'open', 'Group 24', null, 'high'],
      // to Group 24 without a resolver: a transfer of the team (transfer: team), naming no agent;
      // and priority 4 -> 2: updated
      ['7', 'INC0000046', 'transferred', '2016-03-02T11:15:00+00:00', null, 'Group 24', null, 'high'],
      ['7', 'INC0000046', 'updated', '2016-03-02T11:15:00+00:00', null, 'Group 24', null, 'high'],
      ['9', 'INC0000046', 'assigned', '2016-03-02T11:40:30+00:00', null, 'Group 24', 'Resolver 9', 'high'], // a new resolver, same group: no transfer
      // resolved_at (3/3 17:00) is after this row, so it dates no resolution here
      ['10', 'INC0000046', 'resolved', '2016-03-02T16:00:00+00:00', null, 'Group 24', 'Resolver 9', 'high'],
      // Resolved -> Active with reopen_count 0 -> 1: one reopened event, not two
      ['11', 'INC0000046', 'reopened', '2016-03-03T09:00:00+00:00', null, 'Group 24', 'Resolver 9', 'high'],
      ['11', 'INC0000046', 'status_changed', '2016-03-03T09:00:00+00:00', 'open', 'Group 24', 'Resolver 9', 'high'],
      // line 12 (state -100) changes nothing; line 13 resolves again, at its own time: resolved_at
      // (17:00) is later than the row (16:50) that already shows Resolved
      ['13', 'INC0000046', 'resolved', '2016-03-03T16:50:00+00:00', null, 'Group 24', 'Resolver 9', 'high'],
    ]);
  });

  it('creates an incident whose first rows are missing at opened_at, from its first row seen', () => {
    const inc = good().filter((r) => r.ticket_id === 'INC0000047');
    expect(inc.map(brief)).toEqual([
      ['14', 'INC0000047', 'created', '2016-03-09T22:10:00+00:00', null, 'Group 31', null, 'urgent'],
      ['14', 'INC0000047', 'assigned', '2016-03-10T14:00:00+00:00', null, 'Group 31', 'Resolver 12', 'urgent'],
      ['14', 'INC0000047', 'status_changed', '2016-03-10T14:00:00+00:00', 'open', 'Group 31', 'Resolver 12', 'urgent'], // not New
      ['15', 'INC0000047', 'status_changed', '2016-03-11T08:00:00+00:00', 'on_hold', 'Group 31', 'Resolver 12', 'urgent'],
      ['16', 'INC0000047', 'transferred', '2016-03-11T09:00:00+00:00', null, 'Group 40', 'Resolver 12', 'urgent'], // new group, same resolver
      ['17', 'INC0000047', 'closed', '2016-03-12T09:58:00+00:00', null, 'Group 40', 'Resolver 12', 'urgent'],
    ]);
    expect(inc[0]).toMatchObject({ channel: 'web', customer_id: null, problem_type: 'Category 9', problem_subtype: 'Subcategory 3', region: 'Location 7' });
  });

  it('maps the fields of the created event and keeps the other columns in attrs', () => {
    const created = good().find((r) => r.ticket_id === 'INC0000045' && r.type === 'created')!;
    expect(created).toMatchObject({
      channel: 'phone', problem_type: 'Category 55', problem_subtype: 'Subcategory 170', region: 'Location 143',
      customer_id: 'Caller 2403', actor: null, product: null, rating: null,
    });
    expect(JSON.parse(created.attrs!)).toMatchObject({ incident_state: 'New', sys_mod_count: '0', cmdb_ci: null, impact: '2 - Medium', resolved_by: 'Resolved by 149' });
    expect(created.__raw).toBe('INC0000045,New,true,0,0,0,true,Caller 2403,Opened by  8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,Updated by 21,29/2/2016 01:23,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 149,29/2/2016 11:29,5/3/2016 12:00');
  });

  it('gives each unmappable row one error row that says what and where, and compares the next good row with nothing', () => {
    const errors = rows.filter((r) => r.__error !== null).map((r) => [r.__line, r.ticket_id, r.type, r.event_id, r.__error]);
    expect(errors).toEqual([
      ['18', 'INC0000048', null, null, 'column "sys_updated_at": "31/2/2016 10:00" is not a time in the formats of time.formats (%d/%m/%Y %H:%M, %d/%m/%Y %H:%M:%S)'],
      ['19', 'INC0000048', null, null, 'column "incident_state": "Pending Approval" is not in snapshots.changes[1].on of ingest/mappings/servicenow.mapping.yaml: add it there with its event (or under missing_per_column if it is a placeholder)'],
      ['20', 'INC0000048', null, null, 'column "priority": "5 - Planning" is not in fields.priority.values of ingest/mappings/servicenow.mapping.yaml: add it there (or set otherwise: keep or null)'],
      ['22', null, null, null, 'column "number" is empty: every row needs a ticket id (mapping key ticket_id)'],
    ]);
    expect(good().filter((r) => r.ticket_id === 'INC0000048').map(brief)).toEqual([
      ['21', 'INC0000048', 'created', '2016-03-01T10:00:00+00:00', null, 'Group 5', null, 'normal'],
      ['21', 'INC0000048', 'status_changed', '2016-03-01T10:07:00+00:00', 'new', 'Group 5', null, 'normal'],
    ]);
  });

  it('derives distinct event ids that do not depend on row order or on the run', async () => {
    const ids = good().map((r) => r.event_id);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id!))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = (rs: Row[]) => Object.fromEntries(rs.filter((r) => r.__error === null).map((r) => [r.event_id, brief(r).slice(1)]));
    const again = await mapRows(db, mapping, 'raw', columns);
    expect(again).toEqual(rows);
    // the same file with its rows in reverse order and shuffled
    const n = 21;
    for (const order of [[...Array(n).keys()].reverse(), [7, 3, 19, 0, 12, 5, 16, 1, 9, 14, 20, 2, 18, 6, 11, 4, 17, 8, 13, 10, 15]]) {
      const cols = await loadRaw(db, FIXTURE, 'raw_shuffled', order);
      expect(byId(await mapRows(db, mapping, 'raw_shuffled', cols))).toEqual(byId(rows));
    }
  });

  it('gives the created event the same id whichever row of the incident is seen first', async () => {
    // Only the last row of INC0000046 in the batch: it is created (same id as before) and resolved.
    await db.run(`CREATE OR REPLACE TABLE raw_tail AS SELECT * FROM raw WHERE __line = 13`);
    const tail = await mapRows(db, mapping, 'raw_tail', columns);
    const created = good().find((r) => r.ticket_id === 'INC0000046' && r.type === 'created')!;
    expect(tail.map((r) => [r.type, r.occurred_at, r.status])).toEqual([
      ['created', '2016-03-01T08:55:00+00:00', null], ['assigned', '2016-03-03T16:50:00+00:00', null], ['resolved', '2016-03-03T16:50:00+00:00', null],
    ]);
    expect(tail[0]!.event_id).toBe(created.event_id);
  });
});
