import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { ConformanceError } from '../adapters/errors.js';
import { consoleReporter } from './console.js';
import { githubReporter } from './github.js';
import { htmlReporter, isHtmlReport } from './html.js';
import { isJsonReport, jsonReporter } from './json.js';
import { isJunitReport, junitReporter } from './junit.js';
import { isMarkdownReport, markdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';

/** Where a file reporter writes when `--reporter NAME` gives no path. */
export const DEFAULT_REPORT_DIR = 'conformance-report';

interface Entry {
  /** The default file name in {@link DEFAULT_REPORT_DIR}; absent for console. */
  file?: string;
  /** Whether `head`, the first bytes of a file, shows an earlier report of this reporter (which a run may replace). */
  isReport?(head: string): boolean;
  make(target: { file: string } | { stream: NodeJS.WritableStream & { isTTY?: boolean }; env: NodeJS.ProcessEnv }): Reporter;
}

/** The built-in reporters by name (after vitest's ReportersMap). */
export const REPORTERS: Readonly<Record<string, Entry>> = {
  console: { make: (t) => ('stream' in t ? consoleReporter(t) : consoleReporter({ stream: process.stdout })) },
  json: { file: 'report.json', isReport: isJsonReport, make: (t) => jsonReporter((t as { file: string }).file) },
  junit: { file: 'junit.xml', isReport: isJunitReport, make: (t) => junitReporter((t as { file: string }).file) },
  markdown: { file: 'report.md', isReport: isMarkdownReport, make: (t) => markdownReporter((t as { file: string }).file) },
  html: { file: 'report.html', isReport: isHtmlReport, make: (t) => htmlReporter((t as { file: string }).file) },
  github: { make: (t) => githubReporter('env' in t ? { env: t.env } : {}) },
};

/** A `--reporter NAME[:PATH]`, resolved: which reporter, and the absolute file it writes (none for console). */
export interface ReporterSpec {
  name: string;
  file?: string;
  /** A module to import instead of a built-in (any name that is a path). */
  module?: string;
}

const isPath = (s: string) => /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(s);

/**
 * Parses `NAME[:PATH]` against `cwd`, NAME one of `reporters` (the main
 * command's by default; `{ file }` names the default file in
 * {@link DEFAULT_REPORT_DIR}). With `modules`, a name that is a path is a
 * reporter module.
 */
export function parseReporterSpec(
  text: string,
  cwd: string,
  { reporters = REPORTERS, modules = true }: { reporters?: Readonly<Record<string, { file?: string }>>; modules?: boolean } = {},
): ReporterSpec {
  if (modules && isPath(text)) {
    const [mod, file] = splitModule(text);
    return { name: mod, module: resolve(cwd, mod), ...(file ? { file: resolve(cwd, file) } : {}) };
  }
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const path = colon < 0 ? undefined : text.slice(colon + 1);
  const entry = Object.hasOwn(reporters, name) ? reporters[name]! : undefined;
  if (!entry) {
    const or = modules ? ', or a path to a reporter module' : '';
    throw new ConformanceError(
      'bad_option',
      `--reporter ${JSON.stringify(text)}: expected one of ${Object.keys(reporters).join(', ')} (optionally NAME:PATH)${or}`,
    );
  }
  if (!entry.file) {
    const where = name === 'console' ? 'console writes to the terminal' : `${name} writes annotations and the job summary`;
    if (path) throw new ConformanceError('bad_option', `--reporter ${JSON.stringify(text)}: ${where}, expected no :PATH`);
    return { name };
  }
  if (path === '') throw new ConformanceError('bad_option', `--reporter ${JSON.stringify(text)}: expected a path after "${name}:"`);
  return { name, file: resolve(cwd, path ?? join(DEFAULT_REPORT_DIR, entry.file!)) };
}

/** `./my-reporter.ts:out.txt` → module and file (a drive letter's colon is not a separator). */
function splitModule(text: string): [string, string | undefined] {
  const at = text.indexOf(':', /^[A-Za-z]:[\\/]/.test(text) ? 2 : 0);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Makes the reporter `spec` names; a module's default export is called with `{ file }` and returns a Reporter. */
export async function createReporter(
  spec: ReporterSpec,
  io: { stream: NodeJS.WritableStream & { isTTY?: boolean }; env: NodeJS.ProcessEnv },
): Promise<Reporter> {
  if (spec.module) {
    let mod: { default?: unknown };
    try {
      mod = (await tsImport(pathToFileURL(spec.module).href, import.meta.url)) as { default?: unknown };
    } catch (e) {
      throw new ConformanceError('bad_option', `--reporter ${spec.name}: failed to load: ${(e as Error).message.split('\n')[0]}`);
    }
    const factory = (mod.default as { default?: unknown } | undefined)?.default ?? mod.default;
    if (typeof factory !== 'function') {
      throw new ConformanceError(
        'bad_option',
        `--reporter ${spec.name}: expected a default export (options: { file?: string }) => Reporter, received ${typeof factory}`,
      );
    }
    return factory(spec.file ? { file: spec.file } : {}) as Reporter;
  }
  const entry = REPORTERS[spec.name]!;
  return spec.file ? entry.make({ file: spec.file }) : entry.make(io);
}
