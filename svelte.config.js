// SvelteKit configuration: the dashboards live under web/ui and are built for Node, so that
// the Fastify server can mount the handler and serve API and UI on one port.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './web/csp-directives.js';

export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    files: {
      routes: 'web/ui/routes',
      lib: 'web/ui/lib',
      appTemplate: 'web/ui/app.html',
      assets: 'web/ui/static',
    },
    // The pages' content security policy, the same directives as the API's (web/csp-directives.js):
    // SvelteKit adds a nonce for its boot script.
    csp: {
      mode: 'nonce',
      directives: CSP_DIRECTIVES,
    },
  },
};
