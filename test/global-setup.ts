/**
 * Before any test: dist/ is a build of the sources as they are now, since
 * the tests that spawn the CLI, a worker or the packed package run dist/.
 * `npm test` builds first (pretest); `npx vitest run` alone is covered here,
 * rebuilding only when a source changed since the last build.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isFresh } from '../scripts/build-stamp.mjs';

const ROOT = join(import.meta.dirname, '..');

export default function setup(): void {
  if (isFresh(ROOT)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!isFresh(ROOT)) throw new Error('dist/ is still stale after npm run build: is scripts/build-stamp.mjs write in the build script?');
}
