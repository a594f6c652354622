// The one content security policy of DeskPulse, read by both places that send it: the dashboards'
// pages (svelte.config.js, where SvelteKit adds a nonce for its boot script) and every other answer
// (web/server/security-headers.ts). Keywords are written bare, as SvelteKit takes them; cspHeaderDirectives
// quotes them for a header. Plain JS because svelte.config.js cannot import TypeScript.

/** @type {Record<string, string[]>} */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  'script-src-attr': ['none'],
  // Swagger UI and the charts set element styles; the charts run without eval (Chart.svelte).
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:'],
  'font-src': ['self', 'data:'],
  'connect-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic']);

/** The directives as a header writes them: keywords in single quotes ('self'). */
export function cspHeaderDirectives() {
  return Object.fromEntries(Object.entries(CSP_DIRECTIVES)
    .map(([name, sources]) => [name, sources.map((s) => (KEYWORDS.has(s) ? `'${s}'` : s))]));
}
