// Chart colours a reader can tell apart and find again: every colour has at least 3:1 contrast
// against the page's card and background (WCAG 1.4.11 for graphics), and a value keeps its colour
// across charts and languages because the colour comes from the value's key, not its position or label.
import type { TopLevelSpec } from 'vega-lite';

/** Ten hues, each >= 3:1 against #fff and #f6f8fa (test/web/ui/charts/palette.test.ts checks). */
export const PALETTE = ['#1f6fb4', '#d1580b', '#2a8a3e', '#c92a3a', '#7b4fb0', '#8c5a3c', '#c2409a', '#5f6b76', '#8a7d00', '#13808f'] as const;

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.039_28 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** FNV-1a: a small stable hash, the same in every browser and language. */
function hash(key: string): number {
  let h = 0x81_1c_9d_c5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01_00_01_93) >>> 0;
  return h;
}

/**
 * A colour per key: the key's own slot in the palette, or the next free one when two keys of the
 * same chart land on one slot (so one chart never shows two series in one colour).
 */
export function coloursFor(keys: readonly string[]): string[] {
  const taken = new Set<number>();
  return keys.map((key) => {
    let slot = hash(key) % PALETTE.length;
    for (let tries = 0; taken.has(slot) && tries < PALETTE.length; tries++) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    return PALETTE[slot]!;
  });
}

type Encoding = Record<string, { field?: string; type?: string; sort?: unknown; scale?: { range?: unknown; scheme?: unknown; domain?: unknown } | null } | undefined>;
interface Layered { data?: { values?: Record<string, unknown>[] }; encoding?: Encoding; layer?: Layered[] }

/**
 * `spec` with its nominal colour channels (color, fill, stroke) given the palette by key: each
 * value shown maps to `keyOf(value)` (an id or a column key; the value itself by default). Channels
 * with a range of their own (e.g. yes / no) are left as they are.
 */
export function withStableColours(spec: TopLevelSpec, keyOf: (value: string) => string = (v) => v): TopLevelSpec {
  const root = spec as Layered;
  const values = root.data?.values ?? root.layer?.find((l) => l.data?.values)?.data?.values ?? [];
  const paint = (encoding: Encoding | undefined): Encoding | undefined => {
    if (!encoding) return encoding;
    const out: Encoding = { ...encoding };
    for (const channel of ['color', 'fill', 'stroke']) {
      const def = encoding[channel];
      if (!def?.field || def.type !== 'nominal' || def.scale === null || def.scale?.range || def.scale?.scheme) continue;
      const field = def.field;
      const domain = Array.isArray(def.scale?.domain) ? def.scale.domain.map(String) : Array.isArray(def.sort) ? def.sort.map(String)
        : [...new Set(values.map((row) => row[field]).filter((v) => v !== undefined && v !== null).map(String))];
      out[channel] = { ...def, scale: { ...def.scale, domain, range: coloursFor(domain.map(keyOf)) } };
    }
    return out;
  };
  const walk = (node: Layered): Layered => ({
    ...node,
    ...(node.encoding ? { encoding: paint(node.encoding) } : {}),
    ...(node.layer ? { layer: node.layer.map(walk) } : {}),
  });
  return walk(root) as TopLevelSpec;
}
