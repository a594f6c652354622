// Loads the demo into a warehouse the way any export gets there: written to a temporary Parquet
// file, then ingested through the ordinary pipeline (validation, dedupe, ticket derivation).
// The run is recorded in settings 'demo' (a JSON list of run ids): `serve --open` relies on it.
// The names of its values (problem types, channels, ...) and of its agents go to value_labels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { saveValueLabels } from '../../warehouse/value-labels.ts';
import { ingest } from '../pipeline.ts';
import { demoRoster, type DemoOptions } from './demo-plan.ts';
import { DEMO_LABELS } from './labels.ts';
import { writeDemo, type WriteDemoResult } from './write-demo.ts';

export interface DemoIntoWarehouseResult {
  written: WriteDemoResult;
  ingested: Awaited<ReturnType<typeof ingest>>;
}

export async function demoIntoWarehouse(warehouse: Warehouse, options: DemoOptions): Promise<DemoIntoWarehouseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-demo-'));
  try {
    const written = await writeDemo({ ...options, out: join(dir, 'demo.parquet') });
    const ingested = await ingest(warehouse, { inputs: [written.file] });
    await markDemoRun(warehouse, ingested.runId);
    await saveValueLabels(warehouse.db, Object.entries(DEMO_LABELS).flatMap(([dimension, labels]) =>
      labels.map((l) => ({ dimension, value: l.id, zh: l.zh, en: l.en }))));
    // the roster the plan drew its agents from (seeded: the same teams and volume give the same names)
    await saveValueLabels(warehouse.db, demoRoster(options).map((a) => ({ dimension: 'agent', value: a.id, zh: a.name_zh, en: a.name_en })));
    return { written, ingested };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Settings key listing the ingest runs that loaded generated demo data (and nothing else). */
export const DEMO_SETTING = 'demo';

async function markDemoRun(warehouse: Warehouse, runId: number): Promise<void> {
  const [row] = (await warehouse.db.runAndReadAll('SELECT value FROM settings WHERE key = $1', [DEMO_SETTING])).getRows();
  const runs = row ? (JSON.parse(String(row[0])) as number[]) : [];
  await warehouse.db.run('INSERT OR REPLACE INTO settings VALUES ($1, $2)', [DEMO_SETTING, JSON.stringify([...runs, runId])]);
}
