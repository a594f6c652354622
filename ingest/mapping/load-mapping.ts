// Finds, reads and validates a mapping file: a shipped name (ingest/mappings/NAME.mapping.yaml)
// or a path (the CLI only: over HTTP a mapping is a shipped name or text sent with the batch).
// Every problem is a MappingError with file, line, column and key path.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { MappingError } from './mapping-error.ts';
import { decodeMapping } from './mapping-schema.ts';
import type { Mapping } from './mapping.ts';

export const SHIPPED_MAPPINGS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'mappings');
const SUFFIX = '.mapping.yaml';

/** Names of the mappings shipped in ingest/mappings/ (e.g. servicenow, eventlog). */
export function shippedMappings(): string[] {
  return readdirSync(SHIPPED_MAPPINGS_DIR).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
}

/** A bare name (letters, digits, - and _) is a shipped mapping; anything else is a file path. */
export function mappingPath(nameOrPath: string): string {
  if (/^[\w-]+$/.test(nameOrPath)) {
    if (!shippedMappings().includes(nameOrPath)) {
      throw new MappingError({ file: nameOrPath },
        `no shipped mapping is named "${nameOrPath}" (shipped: ${shippedMappings().join(', ')}); give one of these names or the path of a ${SUFFIX} file`);
    }
    return resolve(SHIPPED_MAPPINGS_DIR, nameOrPath + SUFFIX);
  }
  return resolve(nameOrPath);
}

/** Loads a shipped mapping by name ('servicenow') or a mapping file by path. */
export async function loadMapping(nameOrPath: string): Promise<Mapping> {
  const file = mappingPath(nameOrPath);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MappingError({ file }, code === 'ENOENT'
      ? `the mapping file does not exist: check the path, or use a shipped mapping (${shippedMappings().join(', ')})`
      : `the mapping file cannot be read (${code ?? String(err)})`);
  }
  return parseMapping(source, file);
}

/**
 * A shipped mapping by name and nothing else: what a remote caller may name. It is named by its
 * file name (servicenow.mapping.yaml) in messages, never by where the server keeps it.
 */
export async function loadShippedMapping(name: string): Promise<Mapping> {
  const shipped = shippedMappings();
  if (!shipped.includes(name)) {
    throw new MappingError({ file: 'mapping' },
      `no shipped mapping is named ${JSON.stringify(name)} (shipped: ${shipped.join(', ')}); use one of these names, or send your own mapping's YAML with the batch`);
  }
  const file = name + SUFFIX;
  return parseMapping(await readFile(resolve(SHIPPED_MAPPINGS_DIR, file), 'utf8'), file);
}

/** Parses and validates mapping text; `file` is only used in messages and for the default name. */
export function parseMapping(source: string, file: string): Mapping {
  const lines = new LineCounter();
  // failsafe: every scalar stays text as written (no `1 - Critical` or `NO` surprises);
  // the schema decides what is a number or a boolean.
  const doc = parseDocument(source.replace(/^\uFEFF/, ''), { schema: 'failsafe', lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    const reason = problem.code === 'DUPLICATE_KEY' ? 'a key appears twice in the same section: keep one' : `not valid YAML: ${problem.message.split('\n')[0]}`;
    throw new MappingError({ file, line: pos.line, column: pos.col }, reason);
  }
  if (doc.contents === null) throw new MappingError({ file, line: 1, column: 1 }, 'the mapping file is empty: see ingest/mapping/README.md for the format');
  const name = basename(file).replace(/\.mapping\.ya?ml$|\.ya?ml$/, '');
  return { ...decodeMapping(doc.contents, { file, lines }, name), digest: createHash('sha256').update(source).digest('hex') };
}
