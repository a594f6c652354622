import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMapping } from '../../../ingest/mapping/mapping-check.ts';
import { parseMapping } from '../../../ingest/mapping/load-mapping.ts';

// `mapping check` resolves a file's columns exactly as the ingest does (stage-file.ts's header texts),
// not by guessing a header back from the staged column name: a header that itself ends in `#2`
// is that column; a repeated header is counted by its `#N`, and `state` after `State` is `state`.
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-check-headers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAPPING = parseMapping(`version: 1
name: refs
time: { formats: [iso8601] }
ticket_id: case
occurred_at: at
attrs: [Ref#2, Note#2, state]
events:
  type:
    column: activity
    on: { open: created }
`, 'refs.mapping.yaml');

describe('mapping check on headers with #', () => {
  it('finds a header that ends in #2 as written, and a repeated one by its place', async () => {
    const file = join(dir, 'refs.csv');
    writeFileSync(file, 'case,at,activity,Ref#2,Note,Note,State,state\nC1,2026-03-02T10:00:00Z,open,r7,n1,n2,Open,open\n');
    const check = await checkMapping(file, MAPPING, { rows: 1 });
    expect(check.rows).toEqual({ read: 1, mapped: 1, errors: 0 });
    expect(check.fill.find((f) => f.field === 'attrs')).toMatchObject({ rows: 1, share: 1 });
  });
});
