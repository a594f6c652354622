// Preloaded (node --import) into the `deskpulse serve` processes tests start (serveWarehouse): such a
// server stops, as on SIGTERM, when the test process that started it goes, even killed or interrupted
// (its stdin, a pipe from that process, ends then). It removes the folder it was given
// (DESKPULSE_TEST_FOLDER) as it exits: always when it owns it (DESKPULSE_TEST_FOLDER_OWNED: nothing reads
// it after the server), else when that test process is gone, which can no longer do it: known by that
// end of stdin, not by a new parent, which a killed process's children may get only after its pipes
// closed. Main thread only: --import runs in the server's worker threads too, whose stdin is not that pipe.
import { rmSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  let parentGone = false;
  process.stdin.on('end', () => {
    parentGone = true;
    // Its log pipes are closed too: a line written as it stops fails (EPIPE), which must not stall its stop;
    // any other error exits at once, through the exit handler (an error thrown on would skip it; nobody
    // reads its output now); if stopping stalls anyway, it exits.
    /** @param {unknown} err */
    const stopping = (err) => { if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EPIPE') process.exit(1); };
    process.on('uncaughtException', stopping);
    process.on('unhandledRejection', stopping);
    setTimeout(() => process.exit(1), 10_000).unref();
    process.kill(process.pid, 'SIGTERM');
  }).resume();

  const folder = process.env.DESKPULSE_TEST_FOLDER;
  const owned = process.env.DESKPULSE_TEST_FOLDER_OWNED === '1';
  // Retried: a file the stopping server still writes there can make a removal meet a folder not yet empty.
  if (folder) process.once('exit', () => { if (owned || parentGone) rmSync(folder, { recursive: true, force: true, maxRetries: 5 }); });
}
