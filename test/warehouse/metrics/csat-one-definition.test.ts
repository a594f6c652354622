import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';

// CSAT is defined once, by the satisfied()/csat() macros of migrations/0029: the overview KPIs, the
// trend, the satisfaction breakdowns, the agents, the agent days, the digest and CSAT per rating
// dimension all aggregate with it. This fails when the formula is written out anywhere else.
const ROOT = join(import.meta.dirname, '../../..');
const SOURCES = ['warehouse', 'web', 'alerts', 'forecasting', 'ingest', 'cli'];
const HOME = 'warehouse/migrations/0029-rating-dimensions.sql';
// "rating >= 4", "t.rating>=4", "(rating >= 4)": the satisfied threshold written against a rating.
const FORMULA = /rating\w*\)?\s*>=\s*4\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|sql|svelte|js)$/.test(entry.name) ? [path] : [];
  });
}

let w: Warehouse;
beforeAll(async () => { w = await Warehouse.open(':memory:'); });
afterAll(() => w.close());

describe('CSAT has one definition', () => {
  it('writes the satisfied threshold in the macro file only', () => {
    const holders = SOURCES.flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((file) => FORMULA.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(holders).toEqual([HOME]);
  });

  it('every metric query that answers csat computes it with the macro', () => {
    const sqlDir = join(ROOT, 'warehouse/metrics/sql');
    const answering = readdirSync(sqlDir).filter((f) => /\bAS csat\b/.test(readFileSync(join(sqlDir, f), 'utf8')));
    expect(answering.length).toBeGreaterThanOrEqual(4);
    for (const file of answering) {
      const lines = readFileSync(join(sqlDir, file), 'utf8').split('\n').filter((l) => /\bAS csat\b/.test(l) && !/^\s*--/.test(l));
      for (const line of lines) expect(line, file).toMatch(/\bcsat\(.+\) AS csat\b/);
    }
  });

  it('counts 4 and 5 as satisfied and ignores missing ratings', async () => {
    const r = await w.db.runAndReadAll('SELECT csat(r), satisfied(3), satisfied(4) FROM (VALUES (5), (4), (3), (1), (NULL)) t(r)');
    expect(r.getRows()[0]).toEqual([0.5, false, true]);
  });
});
