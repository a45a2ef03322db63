import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's name and version, read from its package.json (from the sources or from dist/). */
export const TOOL: { name: string; version: string } = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'stanza-conformance') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
  }
  return { name: 'stanza-conformance', version: '0.0.0' };
})();
