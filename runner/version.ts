import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const found = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'stanza-conformance') return { root: dir, tool: { name: pkg.name, version: pkg.version ?? '0.0.0' } };
  }
  return { root: join(dirname(fileURLToPath(import.meta.url)), '..'), tool: { name: 'stanza-conformance', version: '0.0.0' } };
})();

/** This package's name and version, read from its package.json (from the sources or from dist/). */
export const TOOL: { name: string; version: string } = found.tool;

/** The directory of this package (where its package.json, docs/ and corpus/ are). */
export const PACKAGE_ROOT: string = found.root;
