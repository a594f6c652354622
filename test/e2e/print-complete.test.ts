// Printing with the browser's own print (Ctrl+P, not the page's PDF button) puts every chart on paper
// (issue 18, item 15): charts and panels below the fold wait to be scrolled into view, and drawing
// takes longer than the browser waits after `beforeprint`. So printing counts them all as seen, and a
// chart not drawn yet prints its data table in its place; never an empty box. Real server, headless
// chromium, the Overview at 1400x900 never scrolled; page.pdf() prints as Ctrl+P does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, signedIn, watchErrors } from './support/e2e-server.ts';
import { pdfText } from './support/pdf-text.ts';
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

/** A chart as printing starts. */
interface PrintedChart { label: string; drawn: string | null; svg: boolean; tableRows: number; lastRow: string[]; tableShown: boolean; chartHeight: number; text: string }
interface AtPrint { charts: PrintedChart[]; waitingPanels: number }
type Recorded = { atPrint?: AtPrint };

/**
 * The Overview as first opened and never scrolled: its answers in, what is below the fold not drawn,
 * and the chart library (880 KB) still arriving, as on a slow line, until `release` is called. Once
 * the library is in, a chart can draw in the microtasks between the page's print listener and the
 * test's (vega renders without a task of its own), so whether one was left to print as its table
 * would be the machine's timing, not the page's behaviour.
 */
async function overviewUnscrolled(lang: 'en' | 'zh'): Promise<{ page: Page; errors: string[]; release: () => void }> {
  const page = await manager.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript((l) => localStorage.setItem('deskpulse.lang', l), lang);
  const errors = watchErrors(page);
  let release!: () => void;
  const released = new Promise<void>((done) => { release = done; });
  await page.route('**/_app/immutable/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (body.includes('vega-embed')) await released;
    await route.fulfill({ response, body });
  });
  await page.goto(`${server.url}/`);
  // At 900 px the key figures fill the screen: every trend chart is below the fold.
  await page.waitForFunction(() => document.querySelector('main figure') !== null
    && document.querySelector('main [aria-busy="true"], main figure[data-drawn="false"]') === null, undefined, { timeout: 30_000 });
  return { page, errors, release };
}

/**
 * Records each chart when printing starts (`on`: beforeprint or print media coming on, whichever is
 * first — page.pdf() gives both, and a loaded machine can finish drawing between them; or print media
 * alone): a listener added after the page's own, so it sees what the page has done by then, before
 * the browser lays the paper out. Styles are the print ones only under print media.
 */
async function recordAtPrint(page: Page, on: 'beforeprint' | 'print media'): Promise<void> {
  await page.evaluate((on) => {
    const record = () => {
      const charts = Array.from(document.querySelectorAll('main figure')).map((figure) => {
        const table = figure.querySelector('[data-print-table]');
        return {
          label: figure.querySelector('.chart')?.getAttribute('aria-label') ?? '',
          drawn: figure.getAttribute('data-drawn'),
          svg: figure.querySelector('.chart svg') !== null,
          tableRows: table?.querySelectorAll('tbody tr').length ?? 0,
          lastRow: Array.from(table?.querySelectorAll('tbody tr:last-child td') ?? []).map((td) => td.textContent ?? ''),
          tableShown: table !== null && getComputedStyle(table).display !== 'none',
          chartHeight: figure.querySelector('.chart')?.getBoundingClientRect().height ?? -1,
          text: (figure as HTMLElement).innerText,
        };
      });
      (window as Recorded).atPrint ??= { charts, waitingPanels: document.querySelectorAll('main [data-later]').length };
    };
    if (on === 'beforeprint') window.addEventListener('beforeprint', record, { once: true });
    matchMedia('print').addEventListener('change', (e) => { if (e.matches) record(); });
  }, on);
}

const atPrint = async (page: Page) => (await page.evaluate(() => (window as Recorded).atPrint));

/** Each chart on paper: its drawing, or its data table (with rows), never an empty box. */
function expectEveryChartPrinted(charts: PrintedChart[], styles: boolean): void {
  for (const chart of charts) {
    const drawn = chart.svg && chart.drawn === 'true';
    expect(drawn || chart.tableRows > 0, `${chart.label}: ${JSON.stringify(chart)}`).toBe(true);
    if (styles) {
      expect(chart.tableShown, `${chart.label} prints its table only while not drawn`).toBe(!drawn);
      // the room held for the drawing is not printed empty
      if (!drawn) expect(chart.chartHeight, chart.label).toBe(0);
    }
  }
}

describe('printing the Overview (Ctrl+P, never scrolled)', () => {
  it('puts every chart on paper: the ones below the fold as their data table; the PDF holds their names and values', async () => {
    const { page, errors, release } = await overviewUnscrolled('en');
    expect(await page.locator('main figure[data-drawn="later"]').count(), 'charts below the fold').toBeGreaterThan(0);
    expect(await page.locator('main [data-later]').count(), 'panels below the fold').toBeGreaterThan(0);
    await recordAtPrint(page, 'beforeprint');

    // page.pdf() prints as Ctrl+P does: beforeprint, then the paper at once
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'print-overview.en.pdf'), pdf);
    const recorded = await atPrint(page);
    expect(recorded, 'page.pdf() fires beforeprint').toBeDefined();
    // the breakdown and live panels were shown (their queries asked), not left as empty room
    expect(recorded!.waitingPanels).toBe(0);
    expectEveryChartPrinted(recorded!.charts, false);
    const tabled = recorded!.charts.filter((c) => c.tableRows > 0 && !c.svg);
    expect(tabled.length, `charts printed as their table: ${JSON.stringify(recorded!.charts.map((c) => [c.label, c.drawn, c.svg, c.tableRows]))}`).toBeGreaterThan(0);

    // On paper: each such chart's name and a row of its table. (Chromium places some words glyph by
    // glyph, and sets "fi" as one glyph: compared without spaces, ligatures undone.)
    const text = pdfText(pdf);
    writeFileSync(join(ARTIFACTS, 'print-overview.en.txt'), text);
    const bare = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
    for (const chart of tabled) {
      expect(bare(text)).toContain(bare(chart.label));
      expect(chart.lastRow.join('')).toMatch(/\d/);
      expect(bare(text)).toContain(bare(chart.lastRow.join('')));
    }

    // The panels printing showed were still loading when the paper was taken: it says so, and what to do.
    expect(bare(text)).toContain(bare('Loading…'));
    expect(bare(text)).toContain(bare('Still loading when printing began: print again in a moment'));

    // Printed, the page is as before, and the charts printing showed draw once their library is in
    // (new ones below the fold wait again).
    release();
    await expect.poll(() => page.locator('[data-print-table]').count()).toBe(0);
    await page.waitForFunction((labels) => labels.every((label) => Array.from(document.querySelectorAll('main figure'))
      .some((f) => f.querySelector('.chart')?.getAttribute('aria-label') === label && f.getAttribute('data-drawn') === 'true')),
    tabled.map((c) => c.label), { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('under print media a chart not drawn yet shows its table and no empty box, in zh', async () => {
    const { page, errors, release } = await overviewUnscrolled('zh');
    await recordAtPrint(page, 'print media');
    await page.emulateMedia({ media: 'print' });
    await expect.poll(async () => (await atPrint(page)) !== undefined).toBe(true);
    const recorded = (await atPrint(page))!;
    expect(recorded.waitingPanels).toBe(0);
    expectEveryChartPrinted(recorded.charts, true);
    const tabled = recorded.charts.filter((c) => c.tableShown);
    expect(tabled.length, JSON.stringify(recorded.charts.map((c) => [c.label, c.drawn, c.svg, c.tableRows]))).toBeGreaterThan(0);
    // the table speaks the page's language: Chinese headers
    expect(tabled[0]!.text).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'print-overview.zh.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    release();
    await expect.poll(() => page.locator('[data-print-table]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
