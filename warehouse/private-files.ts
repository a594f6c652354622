// The warehouse file, its WAL and DuckDB's spill folder hold ticket data: owner-only (0600, the folder
// 0700) whatever the process's umask, so that exports and other files the user writes keep their usual mode.
import { chmodSync, closeSync, constants, lstatSync, mkdirSync, openSync, rmdirSync, rmSync } from 'node:fs';

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

/**
 * DuckDB spills what does not fit in memory to <db>.tmp, a folder it makes (0777 less the umask)
 * when first needed, with files of ticket data; one made owner-only beforehand is the one it uses.
 */
export function keepSpillFolderOwnerOnly(dbPath: string): void {
  const folder = `${dbPath}.tmp`;
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch {
    try {
      const stat = lstatSync(folder);
      if (stat.isDirectory() && (stat.mode & 0o077) !== 0) chmodSync(folder, 0o700);
    } catch {
      // neither made nor there: DuckDB makes it if it ever spills
    }
  }
}

/** The spill folder made at open, once DuckDB has closed and emptied it: not left behind. */
export function removeEmptySpillFolder(dbPath: string): void {
  try {
    rmdirSync(`${dbPath}.tmp`);
  } catch {
    // not empty, or not there
  }
}
