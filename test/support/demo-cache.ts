// Vitest's global setup: a folder for the run's demo warehouses, each built once and copied per test
// file (demoWarehouse in test/e2e/support/e2e-server.ts), removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment variable naming the folder; the test files' processes inherit it. */
export const DEMO_CACHE_ENV = 'DESKPULSE_TEST_DEMO_CACHE';

export default function setup(): (() => void) | undefined {
  // Once a run: each project of vitest.config.ts runs this setup.
  if (process.env[DEMO_CACHE_ENV]) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-demo-cache-'));
  process.env[DEMO_CACHE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
