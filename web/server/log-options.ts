// How `serve` logs: pino JSON lines for machines (files, journald, pipes); on a terminal, the same
// records made readable by pino-pretty (in pino's worker thread, so the server never waits on it).
import type { FastifyServerOptions } from 'fastify';

export function serverLogOptions(output: { isTTY?: boolean } = process.stdout): FastifyServerOptions['logger'] {
  if (!output.isTTY) return { level: 'info' };
  return {
    level: 'info',
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: 1 } },
  };
}
