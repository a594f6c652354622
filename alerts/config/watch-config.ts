// Calls `onChange` once a burst of writes to the config file has settled. The folder is watched,
// not the file: editors replace a file by renaming a new one over it.
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

const SETTLE_MS = 300;

/** Starts watching; the returned function stops it. */
export function watchConfigFile(file: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  const watcher = watch(dirname(file), (_event, name) => {
    if (name !== null && name !== basename(file)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; onChange(); }, SETTLE_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
