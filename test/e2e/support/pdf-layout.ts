// Where things fell on the paper of a PDF headless Chromium printed (page.pdf() with `tagged` and
// `outline`): each page's scale, and the titles, paragraphs, charts and tables in reading order with their page.
// Enough of PDF for Chromium's (Skia's) output, nothing more: the page tree, the first transforms of
// a page's content, the structure tree (headings H1-H6, P, Figure, Table) and the outline's titles.
import { objectsOf, type PdfObject } from './pdf-text.ts';

type Objects = Map<number, PdfObject>;

const ref = (dict: string, key: string): number | null => {
  const found = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return found ? Number(found[1]) : null;
};

/** The page objects in the order of the page tree (/Kids), which is the order of the sheets. */
function pagesInOrder(objects: Objects): number[] {
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const pages: number[] = [];
  const walk = (id: number | null): void => {
    const node = id === null ? undefined : objects.get(id);
    if (!node) return;
    if (/\/Type\s*\/Page\b/.test(node.dict)) { pages.push(id!); return; }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
    for (const [, kid] of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid));
  };
  walk(catalog ? ref(catalog.dict, 'Pages') : null);
  return pages;
}

/** A sheet: its size in points, and points per CSS pixel it was printed at. */
export interface PrintedPage { width: number; height: number; scale: number }

/**
 * Each sheet in order. `scale` is 0.75 (72 / 96) when the page was laid out at the sheet's width,
 * less when Chromium shrank it to fit content wider than the sheet. Skia begins a page's content
 * with its flip to PDF space and then the zoom: the first two `cm` operators.
 */
export function pdfPages(pdf: Buffer): PrintedPage[] {
  const objects = objectsOf(pdf);
  return pagesInOrder(objects).map((id) => {
    const page = objects.get(id)!.dict;
    const [, , width = Number.NaN, height = Number.NaN] = (/\/MediaBox\s*\[([^\]]*)\]/.exec(page)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const first = /\/Contents \[\s*(\d+) 0 R/.exec(page)?.[1] ?? ref(page, 'Contents');
    const content = objects.get(Number(first))?.stream?.toString('latin1') ?? '';
    const scales = [...content.matchAll(/(-?[\d.]+) [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ cm/g)].slice(0, 2).map((m) => Math.abs(Number(m[1])));
    return { width, height, scale: scales.length === 2 ? scales[0]! * scales[1]! : Number.NaN };
  });
}

/** A PDF string, literal `(...)` or hex `<FEFF...>` (UTF-16BE). */
function decodeString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => (/^[0-7]/.test(e)
    ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e));
}

/** Heading struct element -> its text, from the outline (each entry names its element, /SE). */
function outlineTitles(objects: Objects): Map<number, string> {
  const titles = new Map<number, string>();
  for (const { dict } of objects.values()) {
    const title = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>)/.exec(dict)?.[1];
    const element = ref(dict, 'SE');
    if (title && element !== null) titles.set(element, decodeString(title));
  }
  return titles;
}

/** What the structure tree tells of the paper: a title, a paragraph, a chart (Figure) or a table, and its first and last page (1-based). */
export interface PrintedBlock { role: string; page: number; lastPage: number; title: string | null }

/**
 * Headings, paragraphs, figures and tables in reading order, each with the pages its first and last
 * marked content are on. Needs page.pdf({ tagged: true, outline: true }) (the outline names the headings).
 */
export function pdfBlocks(pdf: Buffer): PrintedBlock[] {
  const objects = objectsOf(pdf);
  const pageNumber = new Map(pagesInOrder(objects).map((id, i) => [id, i + 1]));
  const titles = outlineTitles(objects);
  const root = [...objects.values()].find((o) => /\/Type\s*\/StructTreeRoot\b/.test(o.dict));
  if (!root) throw new Error('the PDF has no structure tree: print it with page.pdf({ tagged: true, outline: true })');

  // An element's kids: MCIDs (marked content on the nearest /Pg), refs (elements or marked-content references), inline MCRs.
  const kidsOf = (dict: string): string[] => {
    const k = /\/K\s*(\[[^\]]*\]|\d+ 0 R|\d+|<<[^>]*>>)/.exec(dict)?.[1] ?? '';
    return [...k.matchAll(/\d+ 0 R|<<[^>]*>>|\d+/g)].map((m) => m[0]);
  };
  // The pages of an element's marked content, in reading order.
  const pagesOf = (dict: string, inherited: number | null, seen: Set<number>): number[] => {
    const own = ref(dict, 'Pg') ?? inherited;
    const pages: number[] = [];
    for (const kid of kidsOf(dict)) {
      if (/^\d+$/.test(kid)) { if (own !== null) pages.push(own); continue; }
      if (kid.startsWith('<<')) { const page = ref(kid, 'Pg') ?? own; if (page !== null && /\/MCID/.test(kid)) pages.push(page); continue; }
      const id = Number(kid.split(' ')[0]);
      const child = objects.get(id);
      if (!child || seen.has(id)) continue;
      seen.add(id);
      if (/\/Type\s*\/MCR\b/.test(child.dict)) { const page = ref(child.dict, 'Pg') ?? own; if (page !== null) pages.push(page); continue; }
      pages.push(...pagesOf(child.dict, own, seen));
    }
    return pages;
  };

  const blocks: PrintedBlock[] = [];
  const visit = (id: number, inherited: number | null, seen: Set<number>): void => {
    const element = objects.get(id);
    if (!element || seen.has(id)) return;
    seen.add(id);
    const role = /\/S\s*\/(\w+)/.exec(element.dict)?.[1] ?? '';
    const own = ref(element.dict, 'Pg') ?? inherited;
    if (/^(H[1-6]|P|Figure|Table)$/.test(role)) {
      const pages = pagesOf(element.dict, own, new Set()).map((page) => pageNumber.get(page) ?? Number.NaN);
      if (pages.length > 0) blocks.push({ role, page: pages[0]!, lastPage: pages.at(-1)!, title: titles.get(id) ?? null });
      return; // a chart's or a table's parts are not blocks of their own
    }
    for (const kid of kidsOf(element.dict)) if (/ 0 R$/.test(kid)) visit(Number(kid.split(' ')[0]), own, seen);
  };
  for (const kid of kidsOf(root.dict)) if (/ 0 R$/.test(kid)) visit(Number(kid.split(' ')[0]), null, new Set());
  return blocks;
}
