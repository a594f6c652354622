// The note a running `serve` leaves beside the DuckDB file (<db>.server.json), so that other
// commands can tell who holds the file and send their work to that server instead.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeOwnerOnly } from '../warehouse/private-files.ts';

export interface ServerNote { pid: number; url: string; startedAt: string }

const noteFile = (dbPath: string) => `${dbPath}.server.json`;

export function writeServerNote(dbPath: string, note: ServerNote): () => void {
  // Owner-only like the warehouse: a stale note of a wider mode is tightened before it is rewritten.
  makeOwnerOnly(noteFile(dbPath), false);
  writeFileSync(noteFile(dbPath), JSON.stringify(note, null, 2), { mode: 0o600 });
  return () => rmSync(noteFile(dbPath), { force: true });
}

/** The note of a server that is still alive, if any (a stale note of a dead process is ignored). */
export function runningServer(dbPath: string): ServerNote | undefined {
  if (!existsSync(noteFile(dbPath))) return undefined;
  try {
    const note = JSON.parse(readFileSync(noteFile(dbPath), 'utf8')) as ServerNote;
    process.kill(note.pid, 0);
    return note;
  } catch {
    return undefined;
  }
}
