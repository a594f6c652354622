// The stages every mapping shares, as SQL over the raw staging table: `src` (the referenced
// columns, trimmed, missing markers as NULL), `parsed` (times, mapped fields) and `checked`
// (__error: every reason the row cannot be mapped, joined by '; ').
import type { ColumnRef, EventTable, FieldSource, Mapping, MappedField } from './mapping.ts';
import { MAPPED_FIELDS } from './mapping-schema.ts';
import { displayFile } from './raw-columns.ts';
import { sqlIdent, sqlString } from '../../warehouse/sql-quote.ts';
import { parseTimeSql, timeFormatsText } from './time-sql.ts';

/** Values quoted in row errors are cut to this many characters. */
const QUOTED_VALUE_CHARS = 120;

export class RowPlan {
  private readonly rawNames: string[] = [];
  private readonly parsedExprs: string[] = [];
  private readonly errors: string[] = [];
  private readonly times = new Map<number, string>();
  private readonly required = new Set<string>();
  readonly file: string;

  constructor(readonly mapping: Mapping, private readonly resolve: (ref: ColumnRef) => string, private readonly rawTable: string) {
    this.file = displayFile(mapping);
    for (const { column } of mapping.missingPerColumn) this.value(column);
  }

  /** The raw columns read so far, each with the alias of its cleaned text. */
  columnsRead(): { name: string; alias: string }[] {
    return this.rawNames.map((name, i) => ({ name, alias: `v${i}` }));
  }

  /** The alias of the column's cleaned text (trimmed; empty or a missing marker -> NULL). */
  value(ref: ColumnRef): string {
    const name = this.resolve(ref);
    let i = this.rawNames.indexOf(name);
    if (i < 0) i = this.rawNames.push(name) - 1;
    return `v${i}`;
  }

  /** The alias of the column parsed as TIMESTAMPTZ; unparseable (or, if `required`, missing) -> row error. */
  time(ref: ColumnRef, required: string | undefined): string {
    const v = this.value(ref);
    const i = Number(v.slice(1));
    const t = `t${i}`;
    if (!this.times.has(i)) {
      this.times.set(i, t);
      this.define(t, parseTimeSql(v, this.mapping.time));
      this.check(`CASE WHEN ${v} IS NOT NULL AND ${t} IS NULL THEN ${this.quoted(ref, v, timeFormatsText(this.mapping.time))} END`);
    }
    if (required) this.requireValue(ref, required);
    return t;
  }

  /** A further column of the `parsed` stage. */
  define(alias: string, expr: string): void {
    this.parsedExprs.push(`${expr} AS ${alias}`);
  }

  /** A row error: an expression of the `parsed` stage that is NULL or the reason. */
  check(errorExpr: string): void {
    if (!this.errors.includes(errorExpr)) this.errors.push(errorExpr);
  }

  /** SQL text: `column "X": "<value>" <what>` with the value cut short. */
  quoted(ref: ColumnRef, v: string, what: string): string {
    return `${sqlString(`column "${ref.text}": "`)} || left(${v}, ${QUOTED_VALUE_CHARS}) || ${sqlString(`" ${what}`)}`;
  }

  /** `column "X" is empty: ...` whenever the column has no value. */
  requireValue(ref: ColumnRef, why: string): string {
    const v = this.value(ref);
    // One "is empty" reason per column, the first use's (a column can be both time and order key).
    if (!this.required.has(v)) {
      this.required.add(v);
      this.check(`CASE WHEN ${v} IS NULL THEN ${sqlString(`column "${ref.text}" is empty: ${why}`)} END`);
    }
    return v;
  }

  /** Defines `f_<field>` for every mapped field; value-table misses with otherwise: error are row errors. */
  fields(): Partial<Record<MappedField, string>> {
    const out: Partial<Record<MappedField, string>> = {};
    for (const name of MAPPED_FIELDS) {
      const source = this.mapping.fields[name];
      if (!source) continue;
      const alias = `f_${name}`;
      this.define(alias, this.fieldExpr(source));
      if (source.kind === 'column' && source.values?.otherwise === 'error') {
        const v = this.value(source.column);
        this.check(`CASE WHEN ${v} IS NOT NULL AND ${alias} IS NULL THEN ${this.quoted(source.column, v,
          `is not in fields.${name}.values of ${this.file}: add it there (or set otherwise: keep or null)`)} END`);
      }
      out[name] = alias;
    }
    return out;
  }

  private fieldExpr(source: FieldSource): string {
    if (source.kind === 'constant') return sqlString(source.value);
    const v = this.value(source.column);
    if (!source.values) return v;
    const otherwise = source.values.otherwise === 'keep' ? v : 'NULL';
    return caseOf(v, [...source.values.entries].map(([from, to]) => [from, sqlString(to)]), otherwise);
  }

  /** Defines the columns of an event table (type, status, actor) for the column `ref`. */
  eventTable(ref: ColumnRef, table: EventTable, prefix: string, unknown: string): { type: string; status: string; actor: string } {
    const v = this.value(ref);
    const entries = [...table.entries];
    const column = (pick: (e: (typeof entries)[number][1]) => string | undefined) =>
      caseOf(v, entries.flatMap(([from, spec]) => { const to = pick(spec); return to === undefined ? [] : [[from, sqlString(to)] as [string, string]]; }), 'NULL');
    this.define(`${prefix}_type`, column((s) => s.type));
    this.define(`${prefix}_status`, column((s) => s.status));
    this.define(`${prefix}_actor`, column((s) => s.actor));
    this.check(`CASE WHEN ${v} IS NOT NULL AND ${prefix}_type IS NULL THEN ${this.quoted(ref, v, unknown)} END`);
    return { type: `${prefix}_type`, status: `${prefix}_status`, actor: `${prefix}_actor` };
  }

  /** `json_object('key', v, ...)` text of the attrs, or NULL when the mapping keeps none. */
  attrs(): string {
    if (this.mapping.attrs.length === 0) return 'NULL::VARCHAR';
    return `CAST(json_object(${this.mapping.attrs.map((a) => `${sqlString(a.key)}, ${this.value(a.column)}`).join(', ')}) AS VARCHAR)`;
  }

  /** The three CTEs `src`, `parsed`, `checked` (call after every value/time/define/check). */
  ctes(): string {
    const missingOf = (name: string) => {
      const own = this.mapping.missingPerColumn.filter((m) => this.resolve(m.column) === name).flatMap((m) => m.values);
      return ['', ...this.mapping.missing, ...own];
    };
    const cleaned = this.rawNames.map((name, i) => {
      const t = `trim(${sqlIdent(name)})`;
      return `CASE WHEN ${t} IN (${[...new Set(missingOf(name))].map(sqlString).join(', ')}) THEN NULL ELSE ${t} END AS v${i}`;
    });
    const error = this.errors.length ? `nullif(concat_ws('; ', ${this.errors.join(',\n      ')}), '')` : 'NULL::VARCHAR';
    return [
      `src AS (\n  SELECT __source, __line, __raw,\n    ${cleaned.join(',\n    ')}\n  FROM ${sqlIdent(this.rawTable)}\n)`,
      `parsed AS (\n  SELECT *${this.parsedExprs.map((e) => `,\n    ${e}`).join('')}\n  FROM src\n)`,
      `checked AS (\n  SELECT *,\n    ${error} AS __error\n  FROM parsed\n)`,
    ].join(',\n');
  }
}

/** `CASE v WHEN 'a' THEN x ... ELSE otherwise END` (just `otherwise` for an empty table). */
export function caseOf(v: string, entries: ReadonlyArray<readonly [string, string]>, otherwise: string): string {
  if (entries.length === 0) return otherwise;
  return `CASE ${v} ${entries.map(([from, to]) => `WHEN ${sqlString(from)} THEN ${to}`).join(' ')} ELSE ${otherwise} END`;
}
