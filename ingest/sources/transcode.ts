// Sources in another encoding than UTF-8 (GB18030 from Chinese Excel, UTF-16, Latin-1 ...) are
// streamed through iconv-lite into a UTF-8 copy that DuckDB reads; the original is never changed.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { IngestError } from '../ingest-error.ts';

/** True when `encoding` needs no transcoding. */
export function isUtf8(encoding: string | undefined): boolean {
  return encoding === undefined || /^utf-?8$/i.test(encoding);
}

export function checkEncoding(encoding: string): void {
  if (!iconv.encodingExists(encoding)) {
    throw new IngestError('--encoding', `unknown encoding "${encoding}"; use e.g. utf-8, gb18030, gbk, big5, utf-16le, latin1`);
  }
}

/** UTF-8 copies of `files` in a temp folder (same base names); `cleanup` removes them. */
export async function transcodeToUtf8(files: readonly string[], encoding: string): Promise<{ copies: string[]; cleanup: () => void }> {
  checkEncoding(encoding);
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-utf8-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const copies: string[] = [];
    for (const [i, file] of files.entries()) {
      const copy = join(dir, `${i}-${basename(file)}`);
      await pipeline(createReadStream(file), iconv.decodeStream(encoding), iconv.encodeStream('utf8'), createWriteStream(copy));
      copies.push(copy);
    }
    return { copies, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
