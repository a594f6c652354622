// `npm test`'s first step: the browser tests need Chromium. Where it is missing, install Debian's
// (as root with apt-get, as .ci/run does) or stop with one message naming the install command,
// instead of every browser test timing out on its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-noto-cjk'];
const INSTALL = `apt-get update && apt-get install -y ${PACKAGES.join(' ')}`;

function canInstall(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

if (!existsSync(CHROMIUM)) {
  if (process.env.CHROMIUM_PATH || !canInstall()) {
    console.error(`npm test: no Chromium at ${CHROMIUM}, which the browser tests drive.\n` +
      `Install Debian's (as root: ${INSTALL}) or set CHROMIUM_PATH to a Chromium binary.`);
    process.exit(1);
  }
  console.error(`npm test: no Chromium at ${CHROMIUM}; installing Debian's (${PACKAGES.join(', ')}) for the browser tests ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...PACKAGES]]) {
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0 || (args[0] === 'install' && !existsSync(CHROMIUM))) {
      console.error(`npm test: installing Chromium failed; install it by hand (${INSTALL}) or set CHROMIUM_PATH.`);
      process.exit(1);
    }
  }
}
