// `deskpulse mapping check FILE --mapping M`: previews what a mapping makes of a file (the first
// events, per-field fill rates, row errors) without writing anything, so that a mapping for a new
// export can be written and tried in minutes.
import { Option, type Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { checkMapping, MappingMismatch, type MappingCheck } from '../../ingest/mapping/mapping-check.ts';
import { loadMapping } from '../../ingest/mapping/load-mapping.ts';
import type { SourceFormat } from '../../ingest/sources/list-inputs.ts';
import { checkEncoding } from '../../ingest/sources/transcode.ts';

interface CheckFlags { mapping: string; rows: string; format?: SourceFormat; encoding?: string; json?: boolean }

/** Row errors printed in the human output (--json lists up to 100). */
const ERRORS_PRINTED = 20;
/** Widest cell of the preview table, in terminal columns. */
const CELL_WIDTH = 26;

export function register(program: Command): void {
  const mapping = program.command('mapping').description(summaryOf('mapping'));
  mapping.command('check')
    .description('preview the events a mapping makes of FILE, its fill rates and row errors; writes nothing')
    .argument('<file>', 'a CSV, NDJSON, JSON or Parquet export')
    .requiredOption('--mapping <name|file>', 'a shipped mapping (servicenow, eventlog, ticketlist) or a mapping YAML file')
    .option('--rows <n>', 'how many events to preview', '10')
    .addOption(new Option('--format <format>', 'csv, ndjson, json or parquet (default: by extension)').choices(['csv', 'ndjson', 'json', 'parquet']))
    .option('--encoding <encoding>', 'text encoding of the file (default utf-8, BOM or not), e.g. gb18030')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: CheckFlags) => {
      const rows = Number(flags.rows);
      if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows "${flags.rows}" is not a whole number of events; give e.g. --rows 20`);
      if (flags.encoding) checkEncoding(flags.encoding);
      const loaded = await loadMapping(flags.mapping);
      let check: MappingCheck;
      try {
        check = await checkMapping(file, loaded, { rows, format: flags.format, encoding: flags.encoding });
      } catch (err) {
        if (!(err instanceof MappingMismatch)) throw err;
        if (flags.json) process.stdout.write(`${JSON.stringify({ file, mapping: loaded.name, fits: false, missingColumns: err.missing, columns: err.columns })}\n`);
        process.stderr.write(`deskpulse: ${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(flags.json ? `${JSON.stringify({ ...check, fits: true })}\n` : humanReport(check));
      if (check.rows.mapped === 0) {
        process.stderr.write(`deskpulse: no row of ${file} could be mapped; the row errors above say why\n`);
        process.exitCode = 1;
      }
    });
}

function humanReport(c: MappingCheck): string {
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const out = [
    `${c.mapping} (${c.mode} mode) on ${c.file}: ${c.rows.read} rows read, ${c.rows.mapped} mapped into ${c.events.total} events, ` +
      `${c.rows.errors} with errors. Nothing was written.`,
    '',
    `Events by type: ${Object.entries(c.events.byType).map(([type, n]) => `${type} ${n}`).join(', ') || 'none'}`,
    '',
    `Fill rates (rows with a value, of the ${c.rows.mapped} mapped):`,
    table(['field', 'rows', 'share'], c.fill.map((f) => [f.field, String(f.rows), percent(f.share)]), [false, true, true]),
  ];
  if (c.rowErrors.length) {
    out.push('', `Row errors (${c.rows.errors}):`, ...c.rowErrors.slice(0, ERRORS_PRINTED).map((e) => `  line ${e.line}: ${e.reason}`));
    if (c.rows.errors > ERRORS_PRINTED) out.push(`  ... ${c.rows.errors - ERRORS_PRINTED} more (--json lists up to 100)`);
  }
  if (c.preview.length) {
    // Only the fields the previewed events carry: a narrow table rather than 17 mostly empty columns.
    const fields = (Object.keys(c.preview[0]!) as (keyof MappingCheck['preview'][number])[])
      .filter((f) => f !== 'line' && c.preview.some((e) => e[f] !== null));
    out.push('', `First ${c.preview.length} events (times in UTC):`,
      table(['line', ...fields], c.preview.map((e) => [String(e.line), ...fields.map((f) => String(e[f] ?? ''))]), [true]));
  }
  return `${out.join('\n')}\n`;
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

function cut(s: string): string {
  if (displayWidth(s) <= CELL_WIDTH) return s;
  let kept = '';
  for (const ch of s) {
    if (displayWidth(kept + ch) > CELL_WIDTH - 1) break;
    kept += ch;
  }
  return `${kept}…`;
}

/** An indented, space-aligned table; `right[i]` aligns column i to the right. */
function table(head: string[], rows: string[][], right: boolean[] = []): string {
  const cells = [head, ...rows].map((r) => r.map(cut));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells.map((r) => `  ${r.map((cell, i) => {
    const pad = ' '.repeat(widths[i]! - displayWidth(cell));
    return right[i] ? pad + cell : cell + pad;
  }).join('  ').trimEnd()}`).join('\n');
}
