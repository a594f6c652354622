// Whether an element has come into view, for what is drawn or asked for only then: charts below the
// fold, the Overview's breakdown and live panels. One IntersectionObserver for the page; once seen,
// an element stays seen. `showAll` counts every watched element as seen (printing needs them all).
import { flushSync } from 'svelte';

const watched = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;

/**
 * Whether the page is being printed: from `beforeprint` (or print media) to `afterprint`. A chart
 * not drawn yet prints its data table meanwhile (Chart.svelte): drawing is asynchronous, and the
 * browser lays out the paper right after `beforeprint`.
 */
export const printing = $state({ now: false });

function onPrint(starting: boolean): void {
  if (printing.now === starting) return;
  if (starting) showAll();
  printing.now = starting;
  // What that mounts (panels, tables) must be in the page before the browser takes it for the paper.
  flushSync();
}

// Ctrl+P, the PDF button and print emulation alike (the module is loaded by every page's layout).
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => onPrint(true));
  window.addEventListener('afterprint', () => onPrint(false));
  window.matchMedia('print').addEventListener('change', (event) => onPrint(event.matches));
}

function stopWatching(element: Element): void {
  watched.delete(element);
  observer?.unobserve(element);
}

/** `observing` false: not in view yet by rule (what is above is still loading), but shown by `showAll`. */
function watch(element: Element, onSeen: () => void, observing: boolean): () => void {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      watched.get(entry.target)?.();
      stopWatching(entry.target);
    }
  });
  watched.set(element, onSeen);
  if (observing) observer.observe(element);
  return () => stopWatching(element);
}

/** Counts every element still waiting as seen now (before printing: a printed page has no "later"). */
export function showAll(): void {
  for (const [element, onSeen] of [...watched]) {
    onSeen();
    stopWatching(element);
  }
}

/**
 * Shows everything still waiting to be seen, and what that brings in turn (a panel's charts), and
 * resolves once all of it has loaded and drawn (or after `timeoutMs`): what the PDF button prints.
 */
export async function showEverything(timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  const busy = () => document.querySelector('main [aria-busy="true"], main figure[data-drawn="false"]') !== null;
  while (Date.now() < end) {
    showAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (watched.size === 0 && !busy()) return;
  }
}

export class InView {
  seen = $state(false);

  /**
   * Watches `element` until it comes into view (nothing once seen); answers how to stop watching.
   * `observing` false: only printing shows it (see `watch`).
   */
  watch = (element: Element, observing = true): (() => void) =>
    (this.seen ? () => {} : watch(element, () => { this.seen = true; }, observing));

  /** The same as a Svelte action: `use:view.observe` on the element whose coming into view counts. */
  observe = (element: Element): { destroy(): void } => ({ destroy: this.watch(element) });
}
