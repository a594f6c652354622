// `npm run build:server` (and the first step of `npm run build`): the server and CLI into dist/.
import { buildServer } from './server-build.ts';

const { files, ms } = await buildServer();
process.stdout.write(`dist/: ${files} modules in ${ms} ms\n`);
