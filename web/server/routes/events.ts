// POST /api/events: one batch, all or nothing, with the same semantics as the CLI. The body is one
// source (NDJSON, JSON array, CSV, Arrow IPC stream) or multipart/form-data with several files and
// optionally a mapping's YAML; it is streamed to temp files under a size limit. A mapping is a
// shipped name or text sent with the batch, never a server path. Batches take a place in the
// write queue before their bodies are read: a full queue answers 429 with Retry-After at once.
// Canonical batches queued together are written together, each its own run (batch-writer.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { loadShippedMapping, parseMapping, shippedMappings } from '../../../ingest/mapping/load-mapping.ts';
import { MappingError } from '../../../ingest/mapping/mapping-error.ts';
import { asDiskFull, DiskFullError } from '../../../warehouse/disk-full.ts';
import type { AppContext } from '../app.ts';
import { BODY_NAME, EXTENSION_BY_TYPE, spoolUpload, type Upload } from '../ingest-upload.ts';
import { httpUploadSource } from '../ingest-source.ts';

const Summary = Type.Object({
  runId: Type.Integer(), rowsRead: Type.Integer(), accepted: Type.Integer(), duplicates: Type.Integer(),
  quarantined: Type.Integer(), ticketsTouched: Type.Integer(), seconds: Type.Number(), eventsPerSecond: Type.Number(),
  quarantine: Type.Array(Type.Object({ position: Type.String(), reason: Type.String() })),
  unchanged: Type.Array(Type.Object({ file: Type.String(), run: Type.Integer() })),
  notes: Type.Array(Type.String(), { description: 'a zone or calendar chosen over the mapping\'s; tickets timed on the default calendar' }),
});

const Busy = Type.Object({
  error: Type.Literal('Busy'), message: Type.String(), retryAfter: Type.Integer(),
  running: Type.Union([Type.Object({ what: Type.String(), seconds: Type.Integer() }), Type.Null()]),
  waiting: Type.Integer(), uploading: Type.Integer(),
});

/** The mapping of a batch: a shipped name (?mapping=) or the YAML sent in its `mapping` part. */
async function batchMapping(name: string | undefined, upload: Upload) {
  if (name !== undefined && upload.mapping) {
    throw new MappingError({ file: 'mapping' }, 'the batch names a mapping (?mapping=) and sends one: give one of the two');
  }
  if (name !== undefined) return loadShippedMapping(name);
  return upload.mapping && parseMapping(upload.mapping.text, upload.mapping.name);
}

/** Messages name the caller's files, never where the server spooled them (a full disk's path is the error handler's). */
function withoutSpoolPaths(err: unknown, dir: string, upload: Upload | undefined): unknown {
  if (!(err instanceof Error) || err instanceof DiskFullError || !err.message.includes(dir)) return err;
  let message = err.message;
  upload?.files.forEach((file, i) => { message = message.replaceAll(file, upload.names[i]!); });
  err.message = message.replaceAll(dir, 'the upload');
  return err;
}

export const eventRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  // Bodies are not parsed by Fastify: they stream to disk and DuckDB reads them.
  for (const type of Object.keys(EXTENSION_BY_TYPE)) {
    app.addContentTypeParser(type, { bodyLimit: ctx.bodyLimit }, (_req, payload, done) => done(null, payload));
  }
  await app.register(multipart);

  app.post('/events', {
    bodyLimit: ctx.bodyLimit,
    config: { roles: ['admin', 'ingest'] },
    schema: {
      summary: 'Ingest a batch of canonical events (or a mapped export)',
      description: 'The body is one source (CSV, NDJSON, a JSON array or an Arrow IPC stream), or multipart/form-data with ' +
        'several "file" parts (each named by its file name; one batch, all or nothing) and optionally a "mapping" part holding ' +
        'a mapping\'s YAML. A full write queue answers 429 with Retry-After before the body is read.',
      querystring: Type.Object({
        mapping: Type.Optional(Type.String({ maxLength: 100, description: `a shipped mapping: ${shippedMappings().join(', ')}` })),
        timezone: Type.Optional(Type.String({ maxLength: 64, description: 'zone of times without an offset; wins over the mapping\'s' })),
        calendar: Type.Optional(Type.String({ maxLength: 100, description: 'business calendar (a config calendar id) of tickets whose team has none; wins over the mapping\'s' })),
      }, { additionalProperties: false }),
      response: { 200: Summary, 429: Busy },
    },
  }, async (request) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!EXTENSION_BY_TYPE[type] && type !== 'multipart/form-data') {
      throw Object.assign(new Error(`content type "${type}" is not ingested; send ${[...Object.keys(EXTENSION_BY_TYPE), 'multipart/form-data'].join(', ')}`), { statusCode: 415 });
    }
    // Before the body is read (the content parsers hand the stream on unread): a refused batch costs
    // the server no disk.
    // A full queue throws WriterBusyError: 429 with Retry-After from the app's error handler.
    const admission = ctx.writes.admit();
    const { mapping, timezone, calendar } = request.query as { mapping?: string; timezone?: string; calendar?: string };
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-http-'));
    let upload: Upload | undefined;
    try {
      upload = await spoolUpload(request, type, dir, ctx.bodyLimit);
      const loaded = await batchMapping(mapping, upload);
      const batch = { inputs: upload.files, names: upload.names, mapping: loaded, timezone, calendar,
        source: httpUploadSource(request.principal.tokenId, upload.names, BODY_NAME) };
      return await ctx.batches.write(batch, admission);
    } catch (err) {
      throw withoutSpoolPaths(asDiskFull(err, dir) ?? err, dir, upload);
    } finally {
      admission.release();
      rmSync(dir, { recursive: true, force: true });
    }
  });
};
