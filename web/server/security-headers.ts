// Security headers on every answer (API, docs and dashboards) through @fastify/helmet: no framing,
// no MIME sniffing, no referrer to other sites, and a content security policy of this origin only.
// The dashboards' pages carry SvelteKit's own policy (svelte.config.js: a nonce for its boot script),
// which replaces this one on those pages.
import type { FastifyHelmetOptions } from '@fastify/helmet';

export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'none'"],
      // Swagger UI and the charts set element styles.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
  // A plain-HTTP server on a LAN must keep working: HSTS is for whoever terminates TLS in front of it.
  strictTransportSecurity: false,
};
