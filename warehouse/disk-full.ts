// A full disk, said as such. DuckDB reports one as `Could not write file "X": No space left on
// device` (and a COMMIT that failed so leaves no transaction to roll back), Node as ENOSPC.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

export class DiskFullError extends Error {
  constructor(readonly path: string, readonly freeBytes: number | null) {
    super(`the disk holding ${path} is full (${freeBytes === null ? 'unknown' : freeBytes.toLocaleString('en-US')} bytes free); ` +
      'nothing from this batch was written: free some space there and send it again');
    this.name = 'DiskFullError';
  }

  /** The message with the server's path left out, for callers who are not shown server paths. */
  withoutPath(what: string): string {
    return this.message.replace(this.path, what);
  }
}

/** Bytes an unprivileged writer may still use on the file system holding `path` (or its nearest existing folder). */
export function freeBytes(path: string): number | null {
  for (let at = path; ; at = dirname(at)) {
    try {
      const fs = statfsSync(at);
      return fs.bavail * fs.bsize;
    } catch {
      if (dirname(at) === at) return null;
    }
  }
}

/** `err` as a DiskFullError when it is a full disk, else undefined; `fallback` is the path when the error names none. */
export function asDiskFull(err: unknown, fallback: string): DiskFullError | undefined {
  if (err instanceof DiskFullError) return err;
  const { code, path, message } = (err ?? {}) as { code?: string; path?: string; message?: string };
  if (code !== 'ENOSPC' && !/No space left on device/i.test(String(message))) return undefined;
  const named = path ?? /file "([^"]+)"/.exec(String(message))?.[1] ?? fallback;
  return new DiskFullError(named, freeBytes(named));
}
