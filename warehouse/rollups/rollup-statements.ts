// A rollup file's SQL as the statements to run, one by one.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { metricSql, withDoneAt } from '../metrics/metric-sql.ts';
import { localTimeSql } from '../metrics/local-time.ts';

/**
 * The statements of `text` one by one (DuckDB binds parameters to a single statement), without
 * comments, each local time `timezone($zone, x)` by the zone's offsets (local-time.ts: ICU per row took
 * most of the time). {{metric:name}}: `metric(name)`, by default sql/<name>.sql unfiltered.
 */
export function rollupStatements(text: string, metric: (name: string) => string = (name) => metricSql(name)): string[] {
  return text.replace(/\{\{metric:([a-z-]+)\}\}/g, (_, name: string) => metric(name))
    .replace(/--.*$/gm, '').split(/;\s*\n/).filter((statement) => statement.trim() !== '')
    .map((statement) => withDoneAt(statement.replace(/timezone\(\$zone, ([a-z_.]+)\)/g, (_, instant: string) => localTimeSql(instant))));
}

/** Runs `statements` in order, each with the entries of `params` it names. */
export async function runStatements(db: DuckDBConnection, statements: readonly string[], params: Record<string, DuckDBValue>): Promise<void> {
  for (const statement of statements) {
    const used = new Set([...statement.matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!));
    await db.run(statement, Object.fromEntries(Object.entries(params).filter(([k]) => used.has(k))));
  }
}
