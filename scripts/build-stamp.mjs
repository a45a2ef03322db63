/**
 * Whether dist/ was built from the sources as they are now. `npm run build`
 * writes a hash of every file the build reads (tsconfig.build.json's
 * folders, the tsconfig files, package.json) to dist/.sources-hash; the
 * tests' global setup rebuilds when the hash differs, so a test that spawns
 * dist/ never runs against a stale build, whether started by `npm test` or
 * by `npx vitest run` alone.
 *
 *   node scripts/build-stamp.mjs write   after a build
 *   node scripts/build-stamp.mjs check   exit 1 when dist/ is stale
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = new Set(['dist', 'node_modules', 'test']);

/** The files the build reads under `root`, sorted, as paths relative to it. */
export function buildInputs(root) {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  const files = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) if (!SKIP.has(name)) walk(join(path, name));
    } else files.push(relative(root, path).split(sep).join('/'));
  };
  for (const entry of config.include) walk(join(root, entry));
  return [...new Set(files)].sort();
}

/** One hash of the names and contents of the build's inputs. */
export function sourcesHash(root) {
  const hash = createHash('sha256');
  for (const file of buildInputs(root))
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

const stampOf = (root) => join(root, 'dist', '.sources-hash');

/** Whether dist/ holds a build of the sources as they are now. */
export function isFresh(root) {
  const stamp = stampOf(root);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourcesHash(root);
}

/** Records that dist/ was just built from the sources as they are. */
export function writeStamp(root) {
  writeFileSync(stampOf(root), `${sourcesHash(root)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const command = process.argv[2];
  if (command === 'write') writeStamp(root);
  else if (command === 'check') process.exitCode = isFresh(root) ? 0 : 1;
  else {
    console.error('build-stamp: expected "write" or "check"');
    process.exitCode = 2;
  }
}
