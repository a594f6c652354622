// SvelteKit configuration: the dashboards live under web/ui and are built for Node, so that
// the Fastify server can mount the handler and serve API and UI on one port.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
    // The pages' content security policy: SvelteKit adds a nonce for its boot script (the header
    // replaces the API's policy, web/server/security-headers.ts). Charts run without eval (Chart.svelte).
    csp: {
      mode: 'nonce',
      directives: {
        'default-src': ['self'], 'script-src': ['self'], 'script-src-attr': ['none'],
        'style-src': ['self', 'unsafe-inline'], 'img-src': ['self', 'data:'], 'font-src': ['self', 'data:'],
        'connect-src': ['self'], 'object-src': ['none'], 'base-uri': ['self'], 'form-action': ['self'], 'frame-ancestors': ['none'],
      },
    },
  },
};
