import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

// Files whose assertions time the machine itself (a poll answered within 100 ms while the server
// plans, the event loop's turns, bounds in seconds): they run after the others, one at a time.
const timed = [
  'test/web/server/health-while-planning.test.ts',
  'test/web/server/security/staffing-bounds.test.ts',
  'test/web/server/read-budget.test.ts',
  'test/forecasting/simulation/simulate-queues.test.ts',
  'test/forecasting/staffing/bounded-search.test.ts',
  'test/warehouse/query-budget.test.ts',
  'test/ingest/sources/source-width.test.ts',
  'test/web/server/tabular/stream-table.test.ts',
];

// Files that start processes (the CLI, `deskpulse serve`, chromium) or replace modules (vi.mock)
// keep a process of their own. The others run in-process only and share their worker's modules
// (isolate: false): importing the app anew for every file took more than half of their time, and
// test/support/file-state.ts puts back what a file changed of the process (environment, spies, timers).
const ownProcess = /\b(child_process|playwright-core|e2e-server|vi\.(mock|doMock|resetModules))\b/;
const testFiles = readdirSync('test', { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts')).map((e) => join(e.parentPath, e.name));
const isolated = testFiles.filter((file) => !timed.includes(file) && ownProcess.test(readFileSync(file, 'utf8')));

// Tests run in forked processes: DuckDB is a native addon. Two files at a time even on 2 cores
// (vitest's default there is one): a browser test's process mostly waits on its server and chromium.
// The run's demo warehouses are built once (demo-cache.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/demo-cache.ts', 'test/e2e/support/shared-sites.ts'],
    projects: [
      { extends: true, test: { name: 'in-process', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...timed, ...isolated],
        isolate: false, setupFiles: ['test/support/file-state.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'processes', include: isolated, setupFiles: ['test/support/remove-test-folders.ts'], maxWorkers: 2, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'timed', include: timed, setupFiles: ['test/support/remove-test-folders.ts'], maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
