// The temp folders of a test file's warehouses and configs, removed after its last test
// (remove-test-folders.ts, a setup file of the projects whose files start servers) rather than when
// its process exits: vitest ends a file's process with SIGTERM, which runs no exit handler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A new temp folder, removed after this file's tests (a server serving it removes it if killed first: servedFolder). */
export function testFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTestFolders(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
