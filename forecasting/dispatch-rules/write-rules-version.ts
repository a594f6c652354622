// The one way DeskPulse writes the dispatch rules file (apply and rollback alike): the new text goes
// to a temp file beside it, the version is recorded, and the temp file replaces the file in the same
// transaction, unless someone edited the file meanwhile; a failed commit puts the old text back.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { WarehouseSession } from '../warehouse-session.ts';
import { DispatchRulesError } from './dispatch-rules-error.ts';

export interface RulesWrite {
  db: WarehouseSession;
  /** Absolute path of the dispatch rules file. */
  path: string;
  /** The text read before computing `after`: the file must still hold it. */
  before: string;
  after: string;
  /** Records the version (inside the transaction); returns its id. */
  record: () => Promise<number>;
}

export async function writeRulesVersion(w: RulesWrite): Promise<number> {
  const temp = join(dirname(w.path), `.${basename(w.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, w.after, { encoding: 'utf8', flush: true });
  let renamed = false;
  try {
    chmodSync(temp, statSync(w.path).mode & 0o777);
    return await w.db.transaction(async () => {
      const id = await w.record();
      // People edit this file too: never overwrite an edit made while we were computing.
      if (readFileSync(w.path, 'utf8') !== w.before) {
        throw new DispatchRulesError(w.path, [{ path: '', message: 'the file changed while DeskPulse was writing it; nothing was written: try again to include the edit',
          zh: 'DeskPulse 写入时文件被改动了；未写入任何内容：请重试以包含这次改动' }]);
      }
      renameSync(temp, w.path);
      renamed = true;
      return id;
    });
  } catch (err) {
    // The commit failed after the rename: put the previous text back so file and history agree.
    if (renamed) {
      writeFileSync(temp, w.before, { encoding: 'utf8', flush: true });
      renameSync(temp, w.path);
    }
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}
