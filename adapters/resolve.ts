import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ConformanceError } from './errors.js';

/** File endings tried after a path, in this order (docs/contract.md "Running"). */
export const ADAPTER_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

function fromDirectory(dir: string): string | undefined {
  const pkgPath = join(dir, 'package.json');
  if (isFile(pkgPath)) {
    let pkg: { exports?: unknown; main?: string; module?: string };
    try {
      pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) ?? {};
    } catch (e) {
      throw new ConformanceError('adapter_load', `adapter ${dir}: ${pkgPath} is not valid JSON: ${(e as Error).message}`);
    }
    const exp = pkg.exports;
    const dot = typeof exp === 'string' ? exp : (exp as Record<string, unknown> | undefined)?.['.'];
    const entry =
      typeof dot === 'string'
        ? dot
        : typeof dot === 'object' && dot !== null
          ? ((dot as Record<string, unknown>).import ??
            (dot as Record<string, unknown>).default ??
            (dot as Record<string, unknown>).require)
          : undefined;
    const main = typeof entry === 'string' ? entry : (pkg.module ?? pkg.main);
    if (main) return withExtensions(resolve(dir, main));
  }
  for (const ext of ADAPTER_EXTENSIONS) if (isFile(join(dir, `index${ext}`))) return join(dir, `index${ext}`);
  return undefined;
}

function withExtensions(base: string): string | undefined {
  if (isFile(base)) return base;
  for (const ext of ADAPTER_EXTENSIONS) if (isFile(base + ext)) return base + ext;
  if (isDir(base)) return fromDirectory(base);
  return undefined;
}

/** Whether `specifier` is written as a path rather than as a name. */
export function isPathSpecifier(specifier: string): boolean {
  return /^(\.{1,2}([\\/]|$)|[\\/]|[A-Za-z]:[\\/])/.test(specifier) || (/[\\/]/.test(specifier) && !specifier.startsWith('@'));
}

/**
 * The file an adapter specifier names, resolved like an import: a path with or
 * without its ending, a directory's package.json or index, or a package
 * installed where the user runs the tool.
 */
export function resolveAdapterFile(specifier: string, cwd: string, builtins: readonly string[]): string {
  if (isPathSpecifier(specifier)) {
    const found = withExtensions(resolve(cwd, specifier));
    if (found) return found;
    throw new ConformanceError(
      'adapter_not_found',
      `adapter ${specifier}: no such file: expected ${resolve(cwd, specifier)} with one of ` +
        `${ADAPTER_EXTENSIONS.join(', ')}, or a directory with a package.json or an index file`,
    );
  }
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(specifier);
  } catch {
    throw new ConformanceError(
      'adapter_not_found',
      `adapter ${specifier}: unknown: expected a built-in adapter (${builtins.join(', ')}), ` +
        `a path such as ./${specifier}, or an installed package`,
    );
  }
}
