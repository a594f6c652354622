// Each shared measure is written once (issue 19 §3): its formula's distinctive text stands in its
// one home and in no other source of warehouse/, web/, alerts/ or forecasting/. A copy written
// again elsewhere fails here: use the home's macro or function instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const DIRS = ['warehouse', 'web', 'alerts', 'forecasting'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|sql|svelte)$/.test(entry.name) ? [path] : [];
  });
}
const FILES = DIRS.flatMap(sources).map((path) => ({ path: relative(ROOT, join(ROOT, path)), text: readFileSync(join(ROOT, path), 'utf8') }));

const MACROS = 'warehouse/metrics/measure-macros.sql';
const SLA_NAMES = String.raw`(?:frt_target|resolution_target|target_seconds|limit_seconds)`;

/** A measure, the text only its formula has, the files searched (default all) and its one home. */
const MEASURES: { name: string; formula: RegExp; in?: RegExp; home: string }[] = [
  { name: 'SLA policy look-up', formula: /(?<!DELETE\s)\b(?:FROM|JOIN)\s+sla_policies\b/i, home: MACROS },
  {
    name: 'SLA judgement (elapsed against a target or step limit)',
    formula: new RegExp(String.raw`[<>]=?\s*[\w.]*\b${SLA_NAMES}\b|\b${SLA_NAMES}\s*[<>]=?`), in: /\.sql$/, home: MACROS,
  },
  { name: "a policy's clock (business or calendar seconds)", formula: /clock\s*=\s*'business'/i, in: /\.sql$/, home: MACROS },
  { name: 'an instant as ISO 8601 in a zone', formula: /suppressMilliseconds|zeroAsZ|\bisUniversal\b/, home: 'warehouse/calendar/zoned-iso.ts' },
  {
    name: 'the dimension filter (a value list on a tickets column)', home: 'warehouse/metrics/filter.ts',
    formula: /list_contains\(\$\w+,\s*(?:\w+\.)?(?:team_id|created_team_id|agent_id|channel|problem_type|problem_subtype|priority|region|product)\)|IS NULL OR list_contains\(\$\$\{|list_contains\(\$scope_teams\b/,
  },
  {
    // B(t) inverted: the instant a business duration is reached (an ASOF look-up on open seconds)
    name: 'the instant an SLA target is reached (sla_due_at)', home: MACROS,
    formula: /[<>]=?\s*[\w.]*\bopen_seconds_before\b|\bopen_seconds_before\s*\)\s*\*\s*1e6/,
  },
  { name: 'duration median and p90', formula: /\bquantile_(?:cont|disc)\s*\(|\bmedian\s*\(/i, in: /\.sql$/, home: MACROS },
  {
    // a bucket read as its value, or a running count over buckets in value order: use dd_quantiles
    name: 'a quantile from DDSketch buckets (dd_quantiles)', home: MACROS,
    formula: /\bdd_value\s*\(|\bORDER\s+BY\s+[\w.]*\bsign\s*,\s*[\w.]*\bsign\s*\*\s*[\w.]*\bbucket\b/i,
  },
];

describe('each shared measure is written once', () => {
  for (const m of MEASURES) {
    it(`${m.name}: only in ${m.home}`, () => {
      const found = FILES.filter((f) => (!m.in || m.in.test(f.path) || f.path === m.home) && m.formula.test(f.text)).map((f) => f.path);
      expect(found).toEqual([m.home]);
    });
  }
});
