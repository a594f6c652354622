// Names of dimension values in both languages, for screens: teams from the config's teams table,
// every other dimension from value_labels (filled by the demo and by the config's labels).
import { listValue, type DuckDBConnection } from '@duckdb/node-api';

export interface ValueLabel { dimension: string; value: string; zh: string | null; en: string | null }

let labelWrites = 0;

/**
 * How many times names were written in this process: part of the key of the server's kept names, as
 * names are written straight to the database (config sync, demo), not through its write queue.
 */
export function valueLabelWrites(): number {
  return labelWrites;
}

/** Writes (or replaces) names of values; ids without a name in a language keep null there. One statement for all. */
export async function saveValueLabels(db: DuckDBConnection, labels: readonly ValueLabel[]): Promise<void> {
  try {
    if (labels.length === 0) return;
    await db.run(`INSERT OR REPLACE INTO value_labels
      SELECT unnest($dimensions::VARCHAR[]), unnest($values::VARCHAR[]), unnest($zh::VARCHAR[]), unnest($en::VARCHAR[])`, {
      dimensions: listValue(labels.map((l) => l.dimension)), values: listValue(labels.map((l) => l.value)),
      zh: listValue(labels.map((l) => l.zh)), en: listValue(labels.map((l) => l.en)),
    });
  } finally {
    // Counted once written (names read before keep the old count), and even when empty: the config
    // sync writes the teams' names just before calling this.
    labelWrites += 1;
  }
}

/** Every named value: teams first, then value_labels, ordered by dimension and value. */
export async function readValueLabels(db: DuckDBConnection): Promise<ValueLabel[]> {
  const reader = await db.runAndReadAll(`
    SELECT 'team' AS dimension, team_id AS value, name_zh AS zh, name_en AS en FROM teams
    UNION ALL SELECT dimension, value, name_zh, name_en FROM value_labels
    ORDER BY dimension, value`);
  return reader.getRowObjectsJS().map((r) => ({
    dimension: String(r.dimension), value: String(r.value), zh: r.zh === null ? null : String(r.zh), en: r.en === null ? null : String(r.en),
  }));
}
