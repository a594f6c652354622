// A real HTTP receiver on loopback for the notify tests: records every request (path, query, body)
// and answers as told per path (default 200 {"errcode":0}).
import { createServer, type Server } from 'node:http';

export interface Received { path: string; query: URLSearchParams; body: string; json: any }

export interface Receiver { url: string; received: Received[]; answer: Map<string, { status: number; body: string }>; close(): Promise<void> }

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answer = new Map<string, { status: number; body: string }>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let json: unknown = null;
      try { json = JSON.parse(body); } catch { /* recorded as text */ }
      received.push({ path: url.pathname, query: url.searchParams, body, json });
      const a = answer.get(url.pathname) ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, received, answer, close: () => new Promise((done) => server.close(() => done())) };
}
