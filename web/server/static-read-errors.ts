// The UI build's static files are served by SvelteKit's adapter-node handler (sirv), which writes
// a 200 head and then pipes fs.createReadStream(file) into the response with no 'error' listener:
// a file listed at start but gone since (build/ rebuilt while serving) made ENOENT crash the process.
// Here the head is held back until the piped file has opened, so a read error can still answer
// 404 (file gone) or 500, logged with its reason, instead.
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

export type StaticReadErrorLog = (error: NodeJS.ErrnoException) => void;

/** Makes `res` answer a file stream's read error (see above) instead of leaving it unhandled. */
export function answerStaticReadErrors(res: ServerResponse, log: StaticReadErrorLog): void {
  const { writeHead, write, end } = res;
  let heldHead: Parameters<ServerResponse['writeHead']> | undefined;
  const restore = () => Object.assign(res, { writeHead, write, end });
  const sendHead = () => {
    restore();
    if (heldHead) writeHead.apply(res, heldHead);
    heldHead = undefined;
  };
  res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => { heldHead = args; return res; }) as ServerResponse['writeHead'];
  // Anything written without a pipe (a page, a 304) sends its head first, as before.
  res.write = ((...args: Parameters<ServerResponse['write']>) => { sendHead(); return write.apply(res, args); }) as ServerResponse['write'];
  res.end = ((...args: Parameters<ServerResponse['end']>) => { sendHead(); return end.apply(res, args); }) as ServerResponse['end'];
  res.once('pipe', (file: Readable) => {
    file.once('open', sendHead);
    file.once('error', (error: NodeJS.ErrnoException) => {
      log(error);
      file.unpipe(res);
      if (heldHead === undefined && res.headersSent) return void res.destroy(error);
      heldHead = undefined;
      restore();
      const gone = error.code === 'ENOENT';
      res.writeHead(gone ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(gone ? 'not found' : 'could not read this file');
    });
  });
}
