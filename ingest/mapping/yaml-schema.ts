// Small schema combinators that decode a YAML document (failsafe schema: every scalar is
// text) into typed values, failing with a MappingError at the offending node's line and column.
import type { LineCounter, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { MappingError } from './mapping-error.ts';
import type { Place } from './mapping.ts';

export interface Ctx { file: string; lines: LineCounter }
export type Path = readonly (string | number)[];
export type Decoder<T> = (node: Node | null, path: Path, ctx: Ctx) => T;

/** `['snapshots', 'changes', 1, 'on', 'Awaiting User Info']` -> `snapshots.changes[1].on["Awaiting User Info"]` */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? (i ? `.${p}` : p) : `[${JSON.stringify(p)}]`)).join('');
}

export function placeOf(node: Node | null | undefined, path: Path, ctx: Ctx): Place {
  const offset = node?.range?.[0];
  const pos = offset === undefined ? { line: 1, col: 1 } : ctx.lines.linePos(offset);
  return { line: pos.line, column: pos.col, path: formatPath(path) };
}

export function failAt(place: Place, ctx: Ctx, reason: string): never {
  throw new MappingError({ file: ctx.file, line: place.line, column: place.column, path: place.path || undefined }, reason);
}

export function fail(node: Node | null | undefined, path: Path, ctx: Ctx, reason: string): never {
  return failAt(placeOf(node, path, ctx), ctx, reason);
}

function kindOf(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping (key: value lines)';
  if (isSeq(node)) return 'a list';
  return 'a single value';
}

/** A text value; empty text is refused unless `allowEmpty`. */
export function text(opts: { allowEmpty?: boolean; what?: string } = {}): Decoder<string> {
  return (node, path, ctx) => {
    if (!isScalar(node)) return fail(node, path, ctx, `expected ${opts.what ?? 'a text value'}, found ${kindOf(node)}`);
    const value = String(node.value);
    if (!opts.allowEmpty && value.trim() === '') return fail(node, path, ctx, `expected ${opts.what ?? 'a text value'}, found an empty value`);
    if (value.includes('\0')) return fail(node, path, ctx, 'the value contains a NUL character: remove it');
    return value;
  };
}

export function oneOf<T extends string>(values: readonly T[], what: string): Decoder<T> {
  const decodeText = text({ what });
  return (node, path, ctx) => {
    const value = decodeText(node, path, ctx);
    if ((values as readonly string[]).includes(value)) return value as T;
    const near = closest(value, values);
    return fail(node, path, ctx, `"${value}" is not ${what}${near ? `; did you mean "${near}"?` : ''} Use one of: ${values.join(', ')}`);
  };
}

export function boolean(): Decoder<boolean> {
  return (node, path, ctx) => oneOf(['true', 'false'] as const, 'true or false')(node, path, ctx) === 'true';
}

export function list<T>(item: Decoder<T>, opts: { nonEmpty?: boolean } = {}): Decoder<T[]> {
  return (node, path, ctx) => {
    if (!isSeq(node)) return fail(node, path, ctx, `expected a list ([a, b] or "- a" lines), found ${kindOf(node)}`);
    if (opts.nonEmpty && node.items.length === 0) return fail(node, path, ctx, 'the list is empty: give at least one entry');
    return node.items.map((n, i) => item(n as Node | null, [...path, i], ctx));
  };
}

/** A node with its place, for decoders whose results are checked again later. */
export function placed<T>(decode: Decoder<T>): Decoder<{ value: T; at: Place }> {
  return (node, path, ctx) => ({ value: decode(node, path, ctx), at: placeOf(node, path, ctx) });
}

function pairKey(pair: Pair, path: Path, ctx: Ctx): string {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return fail(key, path, ctx, 'keys must be single values');
  return String(key.value);
}

/** A mapping with free keys (value tables): entries in file order, each with its place. */
export function dict<T>(value: Decoder<T>): Decoder<Array<{ key: string; value: T; at: Place }>> {
  return (node, path, ctx) => {
    if (!isMap(node)) return fail(node, path, ctx, `expected a mapping (key: value lines), found ${kindOf(node)}`);
    return node.items.map((pair) => {
      const key = pairKey(pair, path, ctx);
      const keyPath = [...path, key];
      return { key, value: value(pair.value as Node | null, keyPath, ctx), at: placeOf(pair.key as Node, keyPath, ctx) };
    });
  };
}

/** Chooses a decoder by the node's shape (single value, mapping, list). */
export function byShape<T>(choices: { scalar?: Decoder<T>; map?: Decoder<T>; seq?: Decoder<T> }, expected: string): Decoder<T> {
  return (node, path, ctx) => {
    const decode = isScalar(node) ? choices.scalar : isMap(node) ? choices.map : isSeq(node) ? choices.seq : undefined;
    if (!decode) return fail(node, path, ctx, `expected ${expected}, found ${kindOf(node)}`);
    return decode(node, path, ctx);
  };
}

interface Field<T, R extends boolean> { decode: Decoder<T>; required: R }
export const required = <T>(decode: Decoder<T>): Field<T, true> => ({ decode, required: true });
export const optional = <T>(decode: Decoder<T>): Field<T, false> => ({ decode, required: false });

// Required keys stay required in the decoded type, optional ones become `?`.
type Fields = Record<string, Field<unknown, boolean>>;
type Decoded<F extends Fields> =
  { [K in keyof F as F[K] extends Field<unknown, true> ? K : never]: F[K] extends Field<infer T, boolean> ? T : never } &
  { [K in keyof F as F[K] extends Field<unknown, true> ? never : K]?: F[K] extends Field<infer T, boolean> ? T : never };
export type Struct<F extends Fields> = Decoded<F> & { readonly $at: Place; readonly $keys: Readonly<Record<string, Place>> };

/** A mapping with a fixed set of keys: an unknown key or a missing required one is an error. */
export function struct<F extends Fields>(fields: F, what = 'this section'): Decoder<Struct<F>> {
  return (node, path, ctx) => {
    if (!isMap(node)) return fail(node, path, ctx, `expected ${what} as a mapping (key: value lines), found ${kindOf(node)}`);
    const known = Object.keys(fields);
    const out: Record<string, unknown> = {};
    const keys: Record<string, Place> = {};
    for (const pair of node.items) {
      const key = pairKey(pair, path, ctx);
      const keyPath = [...path, key];
      const field = fields[key];
      if (!field) {
        const near = closest(key, known);
        return fail(pair.key as Node, keyPath, ctx,
          `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''} Keys allowed here: ${known.join(', ')}. Remove it or fix its spelling.`);
      }
      keys[key] = placeOf(pair.key as Node, keyPath, ctx);
      out[key] = field.decode(pair.value as Node | null, keyPath, ctx);
    }
    for (const key of known) {
      if (fields[key]!.required && !(key in out)) {
        return fail(node, path, ctx, `missing key "${key}" in ${what}: add it (see ingest/mapping/README.md)`);
      }
    }
    Object.defineProperty(out, '$at', { value: placeOf(node, path, ctx) });
    Object.defineProperty(out, '$keys', { value: keys });
    return out as Struct<F>;
  };
}

/** The candidate within edit distance 2 of `word`, for "did you mean" hints. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
