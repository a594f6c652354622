// POST /api/events: NDJSON, JSON array, CSV or Arrow IPC stream bodies, streamed to a temp file under a size limit,
// then ingested as one batch with the same semantics as the CLI.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ingest } from '../../../ingest/pipeline.ts';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import type { AppContext } from '../app.ts';
import { arrowToNdjson } from '../arrow-to-ndjson.ts';
import { ARROW_STREAM } from '../tabular/send-table.ts';

const EXTENSION_BY_TYPE: Record<string, string> = {
  'application/x-ndjson': 'ndjson', 'application/jsonl': 'ndjson', 'application/json': 'json', 'text/csv': 'csv',
  [ARROW_STREAM]: 'ndjson',
};

const Summary = Type.Object({
  runId: Type.Integer(), rowsRead: Type.Integer(), accepted: Type.Integer(), duplicates: Type.Integer(),
  quarantined: Type.Integer(), ticketsTouched: Type.Integer(), seconds: Type.Number(), eventsPerSecond: Type.Number(),
  quarantine: Type.Array(Type.Object({ position: Type.String(), reason: Type.String() })),
  unchanged: Type.Array(Type.Object({ file: Type.String(), run: Type.Integer() })),
});

/** Passes bytes through until `limit`, then fails with 413: the body is never held in memory. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(Object.assign(new Error('body too large'), { statusCode: 413 }));
      else callback(null, chunk);
    },
  });
}

export const eventRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  // Bodies are not parsed by Fastify: they stream to disk and DuckDB reads them.
  for (const type of Object.keys(EXTENSION_BY_TYPE)) {
    app.addContentTypeParser(type, { bodyLimit: ctx.bodyLimit }, (_req, payload, done) => done(null, payload));
  }
  app.post('/events', {
    bodyLimit: ctx.bodyLimit,
    config: { roles: ['admin', 'ingest'] },
    schema: {
      summary: 'Ingest a batch of canonical events (or a mapped export)',
      querystring: Type.Object({
        mapping: Type.Optional(Type.String({ maxLength: 200 })),
        timezone: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: Summary },
    },
  }, async (request) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim();
    const extension = EXTENSION_BY_TYPE[type];
    if (!extension) {
      throw Object.assign(new Error(`content type "${type}" is not ingested; send ${Object.keys(EXTENSION_BY_TYPE).join(', ')}`), { statusCode: 415 });
    }
    const { mapping, timezone } = request.query as { mapping?: string; timezone?: string };
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-http-'));
    try {
      const file = join(dir, `body.${extension}`);
      const body = (request.body as NodeJS.ReadableStream).pipe(byteLimit(ctx.bodyLimit));
      if (type === ARROW_STREAM) await arrowToNdjson(body, file);
      else await pipeline(body, createWriteStream(file));
      const loaded = mapping ? await loadMapping(mapping) : undefined;
      return await ctx.writes.run(() => ingest(ctx.warehouse, {
        inputs: [file], mapping: loaded, timezone, source: `http:${request.ip}`,
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
};
