import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyStaffing } from '../../../forecasting/dispatch-rules/apply-staffing.ts';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { rollbackDispatchRules } from '../../../forecasting/dispatch-rules/rollback.ts';
import { getVersion, listVersions } from '../../../forecasting/dispatch-rules/versions.ts';
import { recommendStaffing } from '../../../forecasting/staffing/recommend.ts';
import { Warehouse } from '../../../warehouse/database.ts';

const FIXTURE = 'test/forecasting/dispatch-rules/fixtures/dispatch-rules.yaml';
const NINE = Date.parse('2026-11-23T09:00:00+08:00');

let w: Warehouse;
let path: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  path = join(mkdtempSync(join(tmpdir(), 'deskpulse-rollback-')), 'dispatch-rules.yaml');
  copyFileSync(FIXTURE, path);
});
afterEach(() => w.close());

function recommendation(volume: number) {
  const rules = readDispatchRules(readFileSync(path, 'utf8'), path);
  return recommendStaffing({
    queues: rules.queues, generatedAt: NINE - 3_600_000, forecastRunId: volume, options: { defaultAhtSeconds: 240 },
    forecasts: [{ queueId: 'returns', zone: 'Asia/Shanghai', model: `m${volume}`,
      intervals: [0, 1].map((k) => ({ start: NINE + k * 3_600_000, minutes: 60, p10: volume * 0.8, p50: volume, p90: volume * 1.25 })) }],
  });
}

describe('rollbackDispatchRules', () => {
  it('writes the old version\'s text back as a new version that names it, with its staffing rows', async () => {
    const first = await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: recommendation(100), who: 'Lin (planner)' });
    const firstText = readFileSync(path, 'utf8');
    await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: recommendation(300), who: 'Lin (planner)' });
    const secondText = readFileSync(path, 'utf8');
    expect(secondText).not.toBe(firstText);

    const dry = await rollbackDispatchRules({ db: w, dispatchRulesPath: path, versionId: first.versionId!, who: 'Wang (admin)', dryRun: true });
    expect(dry).toMatchObject({ changed: true, versionId: null });
    expect(dry.diff).toMatch(/^--- a\/dispatch-rules\.yaml\n\+\+\+ b\/dispatch-rules\.yaml\n/);
    expect(readFileSync(path, 'utf8')).toBe(secondText);

    const back = await rollbackDispatchRules({ db: w, dispatchRulesPath: path, versionId: first.versionId!, who: 'Wang (admin)', now: Date.parse('2026-11-23T02:00:00Z') });
    expect(back.versionId).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe(firstText);
    const v = (await getVersion(w, 3))!;
    expect(v).toMatchObject({ restoresVersion: first.versionId, appliedBy: 'Wang (admin)', content: firstText, model: 'm100', forecastRunId: 100, diff: back.diff });
    expect((await listVersions(w)).map((x) => x.versionId)).toEqual([3, 2, 1]);
    const rows = async (version: number) => (await w.db.runAndReadAll(
      'SELECT queue_id, start_at, scheduled_agents FROM staffing_applied WHERE version_id = $v ORDER BY ALL', { v: version })).getRows();
    expect(await rows(3)).toEqual(await rows(1));
    expect((await rows(3)).length).toBeGreaterThan(0);
    // Again: the file already holds that text, nothing is recorded.
    expect(await rollbackDispatchRules({ db: w, dispatchRulesPath: path, versionId: 1, who: 'Wang (admin)' })).toMatchObject({ changed: false, versionId: null, diff: '' });
    expect((await listVersions(w)).length).toBe(3);
  });

  it('refuses a version that does not exist or belongs to another file, naming the file, not its path', async () => {
    await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: recommendation(100), who: 'Lin (planner)' });
    await expect(rollbackDispatchRules({ db: w, dispatchRulesPath: path, versionId: 9, who: 'x' }))
      .rejects.toThrow(/^version 9 is not a version of dispatch-rules\.yaml \(see `deskpulse dispatch-rules history`/);
    const other = join(mkdtempSync(join(tmpdir(), 'deskpulse-rollback-')), 'dispatch-rules.yaml');
    copyFileSync(FIXTURE, other);
    await expect(rollbackDispatchRules({ db: w, dispatchRulesPath: other, versionId: 1, who: 'x' })).rejects.toMatchObject({ statusCode: 404 });
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});
