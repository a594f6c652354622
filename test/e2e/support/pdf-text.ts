// The text of a PDF that headless Chromium printed (page.pdf()), for asserting what is on paper:
// Chromium (Skia) writes text as glyph ids in Identity-H fonts with a ToUnicode map each, in
// deflated content streams, no object streams. Enough of PDF for that, nothing more: objects, their
// streams, the fonts' ToUnicode maps (bfchar, bfrange) and the text operators Tf, Tj and TJ.
import { inflateSync } from 'node:zlib';

export interface PdfObject { dict: string; stream: Buffer | null }

export function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    if (at < 0) { objects.set(Number(match[1]), { dict: body, stream: null }); continue; }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
    const from = start + at + 'stream'.length + (text[start + at + 6] === '\r' ? 2 : 1);
    const raw = pdf.subarray(from, length >= 0 ? from + length : start + body.lastIndexOf('endstream'));
    objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

/** A ToUnicode CMap as glyph code (hex) -> text. */
function unicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(code!.toUpperCase(), utf16(unicode!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, unicode] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [first, last, base] = [parseInt(from!, 16), parseInt(to!, 16), parseInt(unicode!, 16)];
      for (let code = first; code <= last; code++) map.set(code.toString(16).toUpperCase().padStart(from!.length, '0'), String.fromCharCode(base + code - first));
    }
  }
  return map;
}

/** Every page's text, shown strings in order, one line per text operator. */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const lines: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
    // the page's fonts: resource name -> ToUnicode map (resources inline or referenced)
    const resources = /\/Resources (\d+) 0 R/.test(page.dict) ? objects.get(ref(page.dict, 'Resources'))?.dict ?? '' : page.dict;
    const fontDict = /\/Font (\d+) 0 R/.test(resources) ? objects.get(ref(resources, 'Font'))?.dict ?? '' : /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Map<string, string>>();
    for (const [, name, id] of fontDict.matchAll(/\/([\w.+-]+) (\d+) 0 R/g)) {
      const toUnicode = objects.get(ref(objects.get(Number(id))?.dict ?? '', 'ToUnicode'))?.stream;
      if (toUnicode) fonts.set(name!, unicodeMap(toUnicode.toString('latin1')));
    }
    const contents = /\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1]?.match(/\d+(?= 0 R)/g) ?? [String(ref(page.dict, 'Contents'))];
    for (const id of contents) {
      const content = objects.get(Number(id))?.stream?.toString('latin1') ?? '';
      let font = new Map<string, string>();
      for (const [, name, shown] of content.matchAll(/\/([\w.+-]+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
        if (name) { font = fonts.get(name) ?? new Map(); continue; }
        const width = font.keys().next().value?.length ?? 4;
        const glyphs = [...shown!.matchAll(/<([0-9a-fA-F]*)>/g)].flatMap(([, hex]) => hex!.toUpperCase().match(new RegExp(`.{${width}}`, 'g')) ?? []);
        lines.push(glyphs.map((g) => font.get(g) ?? '').join(''));
      }
    }
  }
  return lines.join('\n');
}
