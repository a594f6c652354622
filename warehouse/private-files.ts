// The warehouse file and its WAL hold ticket data: readable and writable by their owner only (0600),
// whatever the process's umask, so that exports and other files the user writes keep their usual mode.
import { chmodSync, closeSync, constants, lstatSync, openSync, rmSync } from 'node:fs';

const warned = new Set<string>();

/**
 * Makes the regular file `file` owner-only when others may read or write it (a symbolic link or
 * device is left alone). `hadIt`: the file was the user's before this process opened it, so its
 * wider mode is said once on stderr.
 */
export function makeOwnerOnly(file: string, hadIt: boolean): void {
  let mode: number;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return;
    mode = stat.mode & 0o777;
  } catch {
    return;
  }
  if ((mode & 0o077) === 0) return;
  chmodSync(file, 0o600);
  if (hadIt && !warned.has(file)) {
    warned.add(file);
    process.stderr.write(`deskpulse: warning: ${file} was readable by other users (mode ${mode.toString(8)}); made it owner-only (600)\n`);
  }
}

/**
 * DuckDB deletes the WAL at every checkpoint and makes a new one (mode 0666 less the umask) at the
 * next write; an empty owner-only WAL put in its place is the file that write appends to.
 */
export function keepWalOwnerOnly(dbPath: string): void {
  const wal = `${dbPath}.wal`;
  try {
    closeSync(openSync(wal, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW, 0o600));
  } catch {
    return; // not a regular file (a link), or the folder is gone: nothing of ours to make private
  }
  makeOwnerOnly(wal, false);
}

/** The empty WAL put in place but never written to (DuckDB checkpoints at close): not left behind. */
export function removeEmptyWal(dbPath: string): void {
  const wal = `${dbPath}.wal`;
  try {
    const stat = lstatSync(wal);
    if (stat.isFile() && stat.size === 0) rmSync(wal);
  } catch {
    // no WAL: nothing to remove
  }
}
