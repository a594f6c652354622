// Preloaded (node --import) into the `deskpulse serve` processes tests start (serveWarehouse): such a
// server stops, as on SIGTERM, when the test process that started it goes, even killed or interrupted
// (its stdin, a pipe from that process, ends then). It removes the folder it was given
// (DESKPULSE_TEST_FOLDER) as it exits: always when it owns it (DESKPULSE_TEST_FOLDER_OWNED: nothing reads
// it after the server), else when that test process is gone, which can no longer do it. Main thread
// only: --import runs in the server's worker threads too, whose stdin is not that pipe.
import { rmSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const parent = process.ppid;
  process.stdin.on('end', () => {
    // Its log pipes are closed too: a line written as it stops fails (EPIPE), which must not end it past
    // its exit handler nor stall its stop; if stopping stalls anyway, it exits.
    process.on('uncaughtException', (err) => { if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EPIPE') throw err; });
    process.on('unhandledRejection', (err) => { if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EPIPE') throw err; });
    setTimeout(() => process.exit(1), 10_000).unref();
    process.kill(process.pid, 'SIGTERM');
  }).resume();

  const folder = process.env.DESKPULSE_TEST_FOLDER;
  const owned = process.env.DESKPULSE_TEST_FOLDER_OWNED === '1';
  if (folder) process.once('exit', () => { if (owned || process.ppid !== parent) rmSync(folder, { recursive: true, force: true }); });
}
