// Every page printed (Ctrl+P: page.pdf() prints as it does) fits the paper and keeps each title with
// what it titles (issue 18, item 15). On A4 portrait a page wider than the sheet is shrunk by
// Chromium (every word smaller) and cut beyond that: a breakdown table of 20 columns was. A title
// was left at the foot of a sheet, its chart on the next. Read from the PDF itself: each sheet's
// scale (shrunk or not) and, from its structure tree, the sheet each title, paragraph, chart and
// table begins on. Real server, headless chromium, 1400 px wide as on a desk, en and zh.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, printPdf, settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { pdfBlocks, pdfPages, type PrintedBlock } from './support/pdf-layout.ts';
import { readOnlySite, type Site } from './support/site.ts';

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const PAGES = ['/', '/agents', '/problems', '/satisfaction', '/service', '/live', '/alerts', '/forecast', '/data', '/tickets'];
/** Points per CSS pixel: laid out at the sheet's own width, not shrunk to fit. */
const UNSHRUNK = 72 / 96;
/** A4 portrait less the print stylesheet's 12 mm margins, in CSS pixels. */
const PRINTABLE_PX = Math.floor(((210 - 24) / 25.4) * 96);

/**
 * Titles left at the foot of a sheet: a heading whose chart, table or sub-heading begins on a later
 * sheet, with at most one paragraph (a note) between them. A heading with two paragraphs or more
 * under it on its sheet is not alone; a heading of the same or a higher level starts a new section.
 */
function strandedTitles(blocks: PrintedBlock[]): string[] {
  const stranded: string[] = [];
  blocks.forEach((heading, i) => {
    const level = /^H(\d)$/.exec(heading.role)?.[1];
    if (!level) return;
    let j = i + 1;
    while (blocks[j]?.role === 'P') j++;
    const notes = blocks.slice(i + 1, j);
    const next = blocks[j];
    if (notes.length > 1 || !next) return;
    const nextLevel = /^H(\d)$/.exec(next.role)?.[1];
    if (nextLevel && Number(nextLevel) <= Number(level)) return;
    if ([...notes, next].some((b) => b.page !== heading.page)) {
      stranded.push(`${heading.role} "${heading.title}" on sheet ${heading.page}, its ${next.role} "${next.title ?? ''}" on sheet ${next.page}`);
    }
  });
  return stranded;
}

/** Under print media at the sheet's width (the window kept, so charts stay as drawn): what sticks out. */
async function widerThanSheet(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const style = await page.addStyleTag({ content: `html { width: ${PRINTABLE_PX}px !important }` });
  const wide = await page.evaluate((limit) => Array.from(document.querySelectorAll('main *')).filter((e) => e.checkVisibility())
    .filter((e) => e.getBoundingClientRect().right > limit + 1 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > limit + 1))
    .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> ${Math.round(e.getBoundingClientRect().right)} px`), PRINTABLE_PX);
  await style.evaluate((e) => (e as Element).remove());
  await page.emulateMedia({ media: 'screen' });
  return wide;
}

describe.each(['en', 'zh'] as const)('printing every page in %s', (lang) => {
  it.each(PAGES)('%s fits the sheet and keeps each title with what it titles', async (path) => {
    const page = await manager.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.addInitScript((l) => localStorage.setItem('deskpulse.lang', l), lang);
    const errors = watchErrors(page);
    await page.goto(`${server.url}${path}`);
    await settled(page);

    const pdf = await printPdf(page, { format: 'A4', printBackground: true, tagged: true, outline: true });
    const name = path === '/' ? 'overview' : path.slice(1);
    writeFileSync(join(ARTIFACTS, `print-layout-${name}.${lang}.pdf`), pdf);
    const sheets = pdfPages(pdf);
    expect(sheets.length).toBeGreaterThan(0);
    const shrunk = sheets.filter((s) => Math.abs(s.scale - UNSHRUNK) > 0.001);
    if (shrunk.length > 0) {
      expect.fail(`${path} (${lang}): ${shrunk.length} sheet(s) shrunk to ${shrunk[0]!.scale.toFixed(3)} pt/px; wider than the sheet: ${(await widerThanSheet(page)).join('; ')}`);
    }

    const blocks = pdfBlocks(pdf);
    expect(blocks.filter((b) => b.role === 'H1').length, 'the page title is on paper').toBe(1);
    expect(strandedTitles(blocks), `${path} (${lang})`).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('wide tables on paper', () => {
  it('a panel whose table has a dozen columns or more prints on landscape sheets: the Overview\'s breakdown, the whole Agents page', async () => {
    const page = await manager.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    for (const [path, allLandscape] of [['/', false], ['/agents', true]] as const) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      const columns = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('main table thead tr')).map((r) => r.children.length)));
      expect(columns, `${path}: its widest table`).toBeGreaterThanOrEqual(12);
      const sheets = pdfPages(await printPdf(page, { format: 'A4', tagged: true, outline: true }));
      const landscape = sheets.filter((s) => s.width > s.height);
      expect(landscape.length, path).toBeGreaterThan(0);
      if (allLandscape) expect(landscape.length, path).toBe(sheets.length);
      else expect(landscape.length, `${path}: the rest stays portrait`).toBeLessThan(sheets.length);
    }
    await page.close();
  }, 180_000);
});

describe.each(['en', 'zh'] as const)('the Overview\'s landscape sheets in %s', (lang) => {
  it('its breakdown table, shorter than a sheet, is printed whole on one: its last row is not left alone on another', async () => {
    const page = await manager.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.addInitScript((l) => localStorage.setItem('deskpulse.lang', l), lang);
    await page.goto(`${server.url}/`);
    await settled(page);
    const pdf = await printPdf(page, { format: 'A4', printBackground: true, tagged: true, outline: true });
    writeFileSync(join(ARTIFACTS, `print-layout-overview-landscape.${lang}.pdf`), pdf);
    const sheets = pdfPages(pdf);
    const wide = pdfBlocks(pdf).filter((b) => b.role === 'Table' && sheets[b.page - 1]!.width > sheets[b.page - 1]!.height);
    expect(wide.length).toBeGreaterThan(0);
    for (const table of wide) expect({ from: table.page, to: table.lastPage }).toEqual({ from: table.page, to: table.page });
    await page.close();
  }, 120_000);
});

describe('strandedTitles', () => {
  const b = (role: string, page: number, title: string | null = null): PrintedBlock => ({ role, page, lastPage: page, title });
  it('finds a title whose chart, or note and chart, went to the next sheet; not one with its own text', () => {
    expect(strandedTitles([b('H2', 1, 'Trends'), b('H3', 1, 'Created'), b('P', 1), b('Figure', 2)])).toHaveLength(1);
    expect(strandedTitles([b('H2', 1, 'Trends'), b('H3', 2, 'Created'), b('Figure', 2)])).toHaveLength(1);
    expect(strandedTitles([b('H3', 1, 'Created'), b('P', 1), b('Figure', 1), b('H3', 2), b('Figure', 2)])).toEqual([]);
    expect(strandedTitles([b('H2', 1, 'Review'), b('P', 1), b('P', 1), b('H3', 2), b('Figure', 2)])).toEqual([]);
    expect(strandedTitles([b('H2', 1, 'Empty'), b('P', 1), b('H2', 2, 'Next'), b('Table', 2)])).toEqual([]);
  });
});
