// A file's fingerprint: SHA-256 of how it is read and of its bytes. Equal fingerprints mean equal
// events and equal quarantined rows, which lets a re-ingest of an unchanged file skip reading it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What decides the events a file yields besides its bytes. */
export interface ReadSettings { format: string; mapping?: string; timezone?: string; encoding?: string }

export async function fileFingerprint(file: string, settings: ReadSettings): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify([settings.format, settings.mapping ?? null, settings.timezone ?? null, settings.encoding ?? null]));
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
