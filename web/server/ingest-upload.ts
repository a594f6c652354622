// Spools an ingest request's body to a temp folder: one body (NDJSON, JSON, CSV, Arrow IPC) or
// multipart/form-data with several `file` parts and at most one `mapping` part (a mapping's YAML).
// Files are kept under names the server makes (part-N.ext, never the caller's name as a path);
// the caller's names are returned for messages. The whole upload is bounded by `limit` bytes.
import { createWriteStream } from 'node:fs';
import { extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { IngestError } from '../../ingest/ingest-error.ts';
import { arrowToNdjson } from './arrow-to-ndjson.ts';
import { ARROW_STREAM } from './tabular/send-table.ts';

/** Body types ingested, and the extension their spooled copy gets (Arrow becomes NDJSON). */
export const EXTENSION_BY_TYPE: Record<string, string> = {
  'application/x-ndjson': 'ndjson', 'application/jsonl': 'ndjson', 'application/json': 'json', 'text/csv': 'csv',
  [ARROW_STREAM]: 'ndjson',
};

/** Extensions of multipart file parts whose content type says nothing (e.g. application/octet-stream). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  '.csv': 'text/csv', '.tsv': 'text/csv', '.ndjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson',
  '.json': 'application/json', '.arrow': ARROW_STREAM, '.arrows': ARROW_STREAM,
};

/** What a batch sent as the bare request body is called in messages and the quarantine. */
export const BODY_NAME = 'the request body';

/** Most files in one multipart batch. */
export const MAX_UPLOAD_FILES = 100;
/** An upload that sends nothing for this long is dropped: a stalled client must not keep its place in the write queue. */
export const UPLOAD_IDLE_MS = 30_000;
/** Largest inline mapping: the shipped ones are under 10 KB. */
export const MAX_MAPPING_BYTES = 1024 * 1024;

export interface Upload {
  /** Spooled copies, in the order sent. */
  files: string[];
  /** The caller's name of each: its multipart file name, or "the request body". */
  names: string[];
  /** The YAML of a `mapping` part and what it was called. */
  mapping?: { text: string; name: string };
}

/** Passes bytes through until `limit` in all, then fails with 413: the body is never held in memory. */
function byteLimit(counter: { seen: number }, limit: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counter.seen += chunk.length;
      if (counter.seen > limit) callback(Object.assign(new Error('body too large'), { statusCode: 413 }));
      else callback(null, chunk);
    },
  });
}

async function spool(stream: Readable, type: string, file: string, counter: { seen: number }, limit: number): Promise<void> {
  const limited = stream.pipe(byteLimit(counter, limit));
  stream.on('error', (err) => limited.destroy(err));
  if (type === ARROW_STREAM) await arrowToNdjson(limited, file);
  else await pipeline(limited, createWriteStream(file));
}

/** The body type of a multipart file part: its content type when it is one we ingest, else its file name's extension. */
function partType(part: MultipartFile): string {
  const declared = part.mimetype.split(';')[0]!.trim().toLowerCase();
  const type = EXTENSION_BY_TYPE[declared] ? declared : TYPE_BY_EXTENSION[extname(part.filename).toLowerCase()];
  if (!type) {
    throw new IngestError(part.filename || 'a file part', `cannot tell its format from its content type "${declared}" or its name; ` +
      `send it as ${Object.keys(EXTENSION_BY_TYPE).join(', ')}, or name it .csv, .tsv, .ndjson, .jsonl, .json or .arrow`);
  }
  return type;
}

async function readMapping(part: MultipartFile | MultipartValue): Promise<{ text: string; name: string }> {
  if (part.type === 'field') {
    if (part.valueTruncated) throw new IngestError('mapping', `the mapping is longer than ${MAX_MAPPING_BYTES} bytes`);
    return { text: String(part.value), name: 'mapping' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_MAPPING_BYTES) throw new IngestError(part.filename || 'mapping', `the mapping is longer than ${MAX_MAPPING_BYTES} bytes`);
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), name: part.filename || 'mapping' };
}

/** Spools the body of `request` (of content type `type`) into `dir`. */
export async function spoolUpload(request: FastifyRequest, type: string, dir: string, limit: number): Promise<Upload> {
  // (Requests made with app.inject have no socket to time out.)
  const socket = typeof request.raw.socket?.setTimeout === 'function' ? request.raw : undefined;
  socket?.setTimeout(UPLOAD_IDLE_MS, () => {
    request.raw.destroy(Object.assign(new Error(`the upload sent nothing for ${UPLOAD_IDLE_MS / 1000} s`), { statusCode: 408 }));
  });
  try {
    return await spoolBody(request, type, dir, limit);
  } finally {
    socket?.setTimeout(0); // then it waits its turn in the queue, however long that takes
  }
}

async function spoolBody(request: FastifyRequest, type: string, dir: string, limit: number): Promise<Upload> {
  const counter = { seen: 0 };
  if (type !== 'multipart/form-data') {
    const file = join(dir, `part-0.${EXTENSION_BY_TYPE[type]}`);
    await spool(request.body as Readable, type, file, counter, limit);
    return { files: [file], names: [BODY_NAME] };
  }
  try {
    return await spoolParts(request, dir, counter, limit);
  } catch (err) {
    throw multipartMistake(err);
  }
}

/** The multipart parser's refusals, worded for the caller (busboy's own errors would be 500s). */
function multipartMistake(err: unknown): unknown {
  const { code, statusCode, syscall, message } = err as { code?: string; statusCode?: number; syscall?: string; message?: string };
  const body = 'the request body';
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return new IngestError(body, `has more than ${MAX_UPLOAD_FILES} files: send at most ${MAX_UPLOAD_FILES} in one batch`);
  if (code === 'FST_FIELDS_LIMIT') return new IngestError(body, 'has more than one field: the only field of a batch is its "mapping"');
  if (err instanceof IngestError || syscall !== undefined || (statusCode !== undefined && statusCode !== 500)) return err;
  return new IngestError(body, `is not valid multipart/form-data (${String(message).split('\n')[0]})`);
}

async function spoolParts(request: FastifyRequest, dir: string, counter: { seen: number }, limit: number): Promise<Upload> {
  const upload: Upload = { files: [], names: [] };
  const parts = request.parts({
    preservePath: true,
    limits: { files: MAX_UPLOAD_FILES, fields: 1, fieldSize: MAX_MAPPING_BYTES, fileSize: limit, parts: MAX_UPLOAD_FILES + 1 },
  });
  for await (const part of parts) {
    if (part.fieldname === 'mapping') {
      if (upload.mapping) throw new IngestError('mapping', 'the batch has two mapping parts; send one');
      upload.mapping = await readMapping(part);
    } else if (part.fieldname === 'file' && part.type === 'file') {
      const name = part.filename || `file ${upload.files.length + 1}`;
      const partFileType = partType(part);
      const file = join(dir, `part-${upload.files.length}.${EXTENSION_BY_TYPE[partFileType]}`);
      upload.files.push(file);
      upload.names.push(name);
      await spool(part.file, partFileType, file, counter, limit).catch((err: unknown) => {
        throw err instanceof IngestError ? new IngestError(name, err.reason, err.line, err.column) : err;
      });
      if (part.file.truncated) throw Object.assign(new Error('body too large'), { statusCode: 413 });
    } else {
      throw new IngestError(`part "${part.fieldname}"`, 'is not a part of an ingest batch: send each file as a "file" part and a mapping\'s YAML as the "mapping" part');
    }
  }
  if (upload.files.length === 0) throw new IngestError('the request body', 'has no "file" part: send each file of the batch as a "file" part');
  return upload;
}
