// Tests that run bin/deskpulse.js run dist/: they refuse to start on a build older than the sources.
import { staleServerBuild } from '../../scripts/server-build-freshness.ts';

let fresh = false;

export function assertFreshServerBuild(): void {
  if (fresh) return;
  const problem = staleServerBuild();
  if (problem) throw new Error(`bin/deskpulse.js runs the build in dist/, and ${problem}`);
  fresh = true;
}
