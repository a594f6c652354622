// Registers the shared measure macros of measure-macros.sql (the SLA policy look-up and judgement,
// the duration quantiles) on a connection: each connection has its own, so every query can use them.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const MACROS = readFileSync(new URL('./measure-macros.sql', import.meta.url), 'utf8');

export async function registerMeasureMacros(db: DuckDBConnection): Promise<void> {
  await db.run(MACROS);
}
