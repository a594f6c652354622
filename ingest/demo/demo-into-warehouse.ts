// Loads the demo into a warehouse the way any export gets there: written to a temporary Parquet
// file, then ingested through the ordinary pipeline (validation, dedupe, ticket derivation).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { ingest } from '../pipeline.ts';
import type { DemoOptions } from './demo-plan.ts';
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
    return { written, ingested };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
