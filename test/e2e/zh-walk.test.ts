// Chinese everywhere (issue 18 item 14): every page in the menu, plus an agent's and a ticket's
// page, opened in zh in a real chromium against a real server; any Latin word on screen, in a
// tooltip-like attribute, in the page title or in a CSV export's header row fails the walk.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinWords } from './support/latin-words.ts';
import { launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  server = await startServer({ manager: { role: 'manager' } }, { days: 21, ticketsPerDay: 40 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
  await manager.addInitScript(() => localStorage.setItem('deskpulse.lang', 'zh'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Seen { where: string; text: string }

/**
 * Every text a zh reader meets: visible text nodes (SVG chart text included), the title, aria-label,
 * placeholder and alt attributes, and the document title. Left out: elements marked lang="en" (the
 * switch to English, in English on purpose) and translate="no" (what customers or files wrote:
 * comments, source file names, shown verbatim).
 */
function visibleTexts(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const where = (el: Element) => {
      const panel = el.closest('[data-panel]')?.getAttribute('data-panel');
      const tag = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
      return panel ? `#${panel} ${tag}` : tag;
    };
    const english = (el: Element) => el.closest('[lang="en"], [translate="no"], script, style, noscript') !== null;
    const seen: { where: string; text: string }[] = [{ where: 'document.title', text: document.title }];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!el || !text || english(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
      seen.push({ where: where(el), text });
    }
    for (const el of Array.from(document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))) {
      if (english(el) || !el.checkVisibility()) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const text = el.getAttribute(name)?.trim();
        if (text) seen.push({ where: `${where(el)}[${name}]`, text });
      }
    }
    return seen;
  });
}

/** The Latin words found on a page (and in its CSV exports' header rows), as "where: word in text". */
async function latinOn(page: Page): Promise<string[]> {
  const found = (await visibleTexts(page)).flatMap(({ where, text }) => latinWords(text).map((w) => `${where}: "${w}" in "${text.slice(0, 120)}"`));
  const exports = await page.locator('a[data-export="csv"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  for (const href of new Set(exports)) {
    const csv = await page.context().request.get(href);
    const header = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    found.push(...latinWords(header).map((w) => `export ${new URL(href).pathname} header: "${w}" in "${header.slice(0, 160)}"`));
  }
  return [...new Set(found)];
}

/** Every route the menu offers this role, plus the first agent's and ticket's pages they lead to. */
async function routes(page: Page): Promise<string[]> {
  const menu = await page.locator('#main-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const agents = await (await page.context().request.get(`${server.url}/api/agents`)).json() as { rows: { agent: string }[] };
  const agent = agents.rows[0]?.agent ?? '';
  const tickets = await (await page.context().request.get(`${server.url}/api/agents/${encodeURIComponent(agent)}/tickets`)).json() as { rows: { ticket_id: string }[] };
  return [...new Set(menu), `/agents/${encodeURIComponent(agent)}`, `/tickets/${encodeURIComponent(tickets.rows[0]?.ticket_id ?? '')}`];
}

describe('the zh walk', () => {
  it('finds no Latin word outside the allow-list on any page in the menu, an agent or a ticket', async () => {
    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const paths = await routes(page);
    expect(paths.length).toBeGreaterThanOrEqual(7);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      // Names (/api/labels) may arrive after the tables: judge the page once nothing is pending.
      const ready = await settled(page).then(() => page.waitForLoadState('networkidle')).then(() => settled(page))
        .then(() => null, (err: Error) => err);
      if (ready instanceof Error) {
        found.push(`${path}: did not settle (${ready.message.split('\n')[0]})`);
        continue;
      }
      found.push(...(await latinOn(page)).map((f) => `${path} ${f}`));
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  }, 240_000);
});
