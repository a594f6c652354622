import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev` serves the dashboards with hot reload and passes /api on to a running
// `deskpulse serve` (DESKPULSE_API, default http://127.0.0.1:3000), cookies included.
export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: { '/api': { target: process.env.DESKPULSE_API ?? 'http://127.0.0.1:3000', changeOrigin: true } },
  },
});
