// Security headers on every answer (API, docs and dashboards) through @fastify/helmet: no framing,
// no MIME sniffing, no referrer to other sites, and a content security policy of this origin only
// (web/csp-directives.js). The dashboards' pages carry the same directives through SvelteKit
// (svelte.config.js), plus a nonce for its boot script; that header replaces this one on those pages.
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { cspHeaderDirectives } from '../csp-directives.js';

export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: cspHeaderDirectives(),
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
  // A plain-HTTP server on a LAN must keep working: HSTS is for whoever terminates TLS in front of it.
  strictTransportSecurity: false,
};
