import { spawn } from 'node:child_process';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev` is one command: the dashboards with hot reload (Vite, :5173) and /api passed on
// to `deskpulse serve`, which this starts beside it on $PORT (default 3000), as `npm start`
// would: demo warehouse if none, open mode. Set DESKPULSE_API to use a server already running.
const apiPort = process.env.PORT ?? '3000';
const api = process.env.DESKPULSE_API ?? `http://127.0.0.1:${apiPort}`;

function apiServer(): Plugin {
  return {
    name: 'deskpulse-api-server',
    apply: 'serve',
    configureServer(server) {
      if (process.env.DESKPULSE_API) return;
      // From the sources through tsx, not dist/: in development the server is what the tree says, no build needed.
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--demo-if-empty', '--open', '--port', apiPort], { stdio: 'inherit' });
      const stop = () => { if (child.exitCode === null) child.kill('SIGTERM'); };
      server.httpServer?.once('close', stop);
      process.once('exit', stop);
    },
  };
}

export default defineConfig({
  plugins: [sveltekit(), apiServer()],
  server: {
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
});
