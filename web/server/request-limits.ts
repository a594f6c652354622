// Limits on a request that no route schema can state: the size of its URL and headers (a filter of
// 10,000 values travels in the query string), and the answer when a client goes past it.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { MAX_VALUES } from './metric-query.ts';

/**
 * Request line plus headers, in bytes: 10,000 filter values of up to ~90 URL-encoded bytes each.
 * Node's default (16 KiB) holds about 1,000 short ids.
 */
export const MAX_HEADER_BYTES = 1024 * 1024;

function answer(socket: Socket, status: number, message: string): void {
  const body = JSON.stringify({ error: STATUS_CODES[status], message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  }
}

/** Fastify's clientErrorHandler: says what to do about an oversized URL; a bare 400 (as Fastify's own) for the rest. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    answer(socket, 431, `the URL and headers exceed ${MAX_HEADER_BYTES / 1024} KiB: send fewer filter values ` +
      `(at most ${MAX_VALUES.toLocaleString('en')} per field, e.g. team=...) or a shorter query`);
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answer(socket, 408, 'the request took too long to arrive');
  } else {
    answer(socket, 400, 'the request is not valid HTTP');
  }
  socket.destroy(err);
}
