// Pseudonymisation of customer ids and PII columns: a keyed hash computed in SQL, so raw names,
// phones and e-mails never reach the warehouse. The key comes from DESKPULSE_PII_KEY or a key
// file generated once beside the database.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The key for `dbPath`: the environment's, else `<db folder>/pii.key` (created, mode 0600). */
export function piiKey(dbPath: string): string {
  const fromEnv = process.env.DESKPULSE_PII_KEY;
  if (fromEnv) return fromEnv;
  if (dbPath === ':memory:') return randomBytes(32).toString('hex');
  const file = join(dirname(dbPath), 'pii.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    process.stderr.write(`deskpulse: generated the pseudonymisation key ${file}; set DESKPULSE_PII_KEY in production\n`);
  }
  return readFileSync(file, 'utf8').trim();
}

/** SQL for the keyed hash of `expr`, with the key bound as the parameter $pii_key. */
export function hashSql(expr: string): string {
  return `CASE WHEN ${expr} IS NULL THEN NULL ELSE 'p_' || substr(sha256($pii_key || ':' || ${expr}), 1, 32) END`;
}
