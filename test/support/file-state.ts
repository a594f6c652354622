// Set-up of each test file in the workers that share modules between files (project `in-process` in
// vitest.config.ts): what a file changed of the process is put back after it, so the next file in the
// same worker starts as it would in a process of its own.
import { afterAll, beforeAll, vi } from 'vitest';

let env: Record<string, string | undefined> = {};

beforeAll(() => { env = { ...process.env }; });

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
});
