// What vega would compute for every mark item, computed once in JavaScript by the chart instead.
// Vega interprets expressions here (the pages' CSP forbids compiled ones), so each expression
// vega-lite writes into a mark's encoding is evaluated by walking its syntax tree, per item, at
// every drawing: on the Forecast page's six charts of ~1,000 periods that was most of ~1.9 s of CPU.
// A spec that names in `usermeta.precomputed` a field holding each datum's tooltip (an object of
// title -> text) gets its compiled spec patched (vega-embed's `patch`):
// - the tooltip reads that field instead of a per-item expression of format() calls;
// - vega-lite's validity test on each position channel ("!isValid(datum.x) || !isFinite(+datum.x)"
//   -> drawn as zero) is dropped: such a chart promises every plotted value is a finite number.
import type { Spec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/** The usermeta key a chart states what it precomputed under. */
export const PRECOMPUTED = 'precomputed';

export interface Precomputed {
  /** The field of every hoverable datum holding its tooltip: { title: text }. */
  tooltip: string;
}

type Ref = Record<string, unknown>;
interface VgMark { encode?: Record<string, Record<string, Ref | Ref[]>>; marks?: VgMark[] }

/** The test vega-lite writes for "show invalid values as zero" (invalid: 'show'), and only that. */
const VALIDITY_TEST = /^!isValid\(datum\[("[^"\]]+")\]\) \|\| !isFinite\(\+datum\[\1\]\)$/;

function patchMark(mark: VgMark, tooltipField: string): VgMark {
  const encode = mark.encode && Object.fromEntries(Object.entries(mark.encode).map(([set, channels]) => [set,
    Object.fromEntries(Object.entries(channels).map(([channel, ref]) => {
      if (channel === 'tooltip') return [channel, { field: tooltipField }];
      if (!Array.isArray(ref)) return [channel, ref];
      const kept = ref.filter((r) => !(typeof r.test === 'string' && VALIDITY_TEST.test(r.test)));
      return [channel, kept.length === 1 ? kept[0]! : kept];
    }))]));
  return { ...mark, ...(encode ? { encode } : {}), ...(mark.marks ? { marks: mark.marks.map((m) => patchMark(m, tooltipField)) } : {}) };
}

/** The patch of the compiled spec for a chart that precomputed its tooltips, else undefined. */
export function precomputedPatch(spec: TopLevelSpec): ((compiled: Spec) => Spec) | undefined {
  const stated = (spec.usermeta as Record<string, unknown> | undefined)?.[PRECOMPUTED] as Precomputed | undefined;
  if (!stated) return undefined;
  return (compiled) => ({ ...compiled, marks: (compiled.marks as VgMark[] | undefined)?.map((m) => patchMark(m, stated.tooltip)) } as Spec);
}
