import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../../warehouse/metrics/first-response-notes.ts';
import type { MetricTable } from '../../../../warehouse/metrics/table.ts';
import { tableToCsv } from '../../../../web/server/tabular/table-to-csv.ts';
import { tableToXlsx } from '../../../../web/server/tabular/table-to-xlsx.ts';

// Exports of first response figures a source cannot measure: empty cells (never 0) and, after an
// empty row, the sentences that say why (or how many tickets were left out, and by which rule).
const table = (counts: Array<{ rule: string | null; tickets: number }>): MetricTable => ({
  name: 'overview', period: { from: '2026-03-01', to: '2026-03-04', timezone: 'UTC' }, previous: null, clock: 'calendar',
  columns: [
    { key: 'metric', label: { en: 'Metric', zh: '指标' }, unit: 'text' },
    { key: 'value', label: { en: 'Value', zh: '数值' }, unit: 'number' },
  ],
  rows: [{ metric: 'volume', value: 4 }, { metric: 'sla_frt', value: null, unavailable: 'no_first_response_in_source' }],
  firstResponse: coverageOf(counts),
});

async function xlsxRows(t: MetricTable, lang: 'en' | 'zh'): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await tableToXlsx(t, lang) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('exports of first response figures', () => {
  it('leave a figure no ticket measures empty and say why, in the asked language', async () => {
    const unmeasured = table([{ rule: null, tickets: 4 }]);
    const csv = tableToCsv(unmeasured, 'zh').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv.slice(0, 3)).toEqual(['指标,数值', 'volume,4', 'sla_frt,']);
    expect(csv[3]).toBe('');
    expect(csv[4]).toMatch(/^"?不可用：这些工单的数据来源没有记录首次响应/);
    const xlsx = await xlsxRows(unmeasured, 'en');
    expect(xlsx[2]).toEqual(['sla_frt']); // the value cell stays empty
    expect(String(xlsx.at(-1)![0])).toMatch(/^Not available: the source of these tickets records no first response/);
  });

  it('name the tickets left out and a declared rule; nothing for tickets measured by agent replies alone', async () => {
    const mixed = tableToCsv(table([{ rule: 'reply', tickets: 10 }, { rule: null, tickets: 2 }, { rule: 'assignment', tickets: 3 }]), 'en');
    expect(mixed.trimEnd().split('\r\n').slice(-3)).toEqual([
      '2 of 15 tickets left out of the first response metrics: their source records no first response',
      'first response = first agent reply',
      'first response = first assignment to a person',
    ]);
    const repliesOnly = tableToCsv(table([{ rule: 'reply', tickets: 10 }]), 'en');
    expect(repliesOnly.trimEnd().split('\r\n')).toHaveLength(3);
  });
});
