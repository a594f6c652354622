// The download name of an export, "<name>_<from>_<to>.<ext>", and its Content-Disposition header
// with an ASCII fallback plus the RFC 5987 UTF-8 form, so Chinese names survive every browser.
import type { MetricTable } from '../../../warehouse/metrics/table.ts';

export function exportFilename(table: Pick<MetricTable, 'name' | 'period'>, extension: string): string {
  return `${table.name}_${table.period.from}_${table.period.to}.${extension}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped, which RFC 5987 attr-chars do not allow.
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
