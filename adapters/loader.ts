import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { reasonList, type ReasonList } from '../spec/index.js';
import { BUILTIN_ADAPTERS } from './builtin.js';
import type { Adapter } from './contract.js';
import { ConformanceError } from './errors.js';
import { execAdapter, execSpec, probeExec, type ExecSpec } from './exec.js';
import { resolveAdapterFile } from './resolve.js';
import { checkAdapterShape } from './shape.js';

/** An adapter ready to run, and where it came from. */
export interface LoadedAdapter {
  adapter: Adapter;
  /** The specifier as the user gave it (used in reproduce commands). */
  specifier: string;
  /** The file it was loaded from; absent for a built-in. */
  file?: string;
  /** Where the specifier was resolved from (an isolated run loads it again there). */
  cwd?: string;
  /** Whether it is a built-in adapter. */
  builtin?: boolean;
  /** A subprocess adapter: the testee's command (the adapter's functions are never called). */
  exec?: ExecSpec;
}

/** How long a testee may take to say hello. */
const HELLO_TIMEOUT_MS = 10_000;

const execModuleSchema = z.object({
  exec: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().optional(),
});

function exportedAdapter(mod: Record<string, unknown>): unknown {
  let candidate: unknown = mod.default ?? mod.adapter;
  // CommonJS: module.exports = { default } or { adapter } arrives as the default export.
  for (let i = 0; i < 2 && candidate !== null && typeof candidate === 'object'; i++) {
    const inner = candidate as Record<string, unknown>;
    if ('reject' in inner || 'name' in inner) break;
    candidate = inner.default ?? inner.adapter ?? candidate;
    if (candidate === inner) break;
  }
  return candidate;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}

/**
 * Where an adapter is, found without importing it: a built-in, a module file,
 * or a subprocess command. Under isolation the runner never imports an
 * adapter itself: the host it runs in does ({@link importAdapter}).
 */
export interface AdapterSource {
  /** The specifier as the user gave it (used in reproduce commands). */
  specifier: string;
  /** Where the specifier was resolved from. */
  cwd: string;
  /** The module file; absent for a built-in or an `exec:` command. */
  file?: string;
  builtin?: boolean;
  /** An `exec:COMMAND` adapter. */
  exec?: ExecSpec;
}

/**
 * Finds the adapter `specifier` names without loading it. A path that names
 * no file, or a name that is neither built in nor installed, is refused with
 * a {@link ConformanceError} before anything runs.
 */
export function locateAdapter(specifier: string, options: { cwd?: string } = {}): AdapterSource {
  const cwd = options.cwd ?? process.cwd();
  if (Object.hasOwn(BUILTIN_ADAPTERS, specifier)) return { specifier, cwd, builtin: true };
  if (specifier.startsWith('exec:')) return { specifier, cwd, exec: execSpec(specifier.slice('exec:'.length), cwd, specifier) };
  return { specifier, cwd, file: resolveAdapterFile(specifier, cwd, Object.keys(BUILTIN_ADAPTERS)) };
}

/**
 * Imports the adapter `source` names, where the caller runs it: its checked
 * {@link Adapter}, or the command of a module that names a subprocess
 * testee (`export default { exec }`). A module that does not load or has the
 * wrong shape is refused with a {@link ConformanceError}.
 */
export async function importAdapter(
  source: AdapterSource,
  reasons: ReasonList = reasonList(),
): Promise<{ adapter: Adapter } | { exec: ExecSpec }> {
  if (source.builtin) return { adapter: BUILTIN_ADAPTERS[source.specifier]!(reasons) };
  if (source.exec) return { exec: source.exec };
  const file = source.file!;
  let mod: Record<string, unknown>;
  try {
    // JavaScript loads natively (shared with the runner's own modules, and faster); TypeScript through tsx.
    const url = pathToFileURL(file).href;
    // tsx loads only for what needs it: a JavaScript adapter starts faster without it.
    const viaTsx = async () => (await import('tsx/esm/api')).tsImport(url, import.meta.url);
    const native = () =>
      import(url).catch((e: NodeJS.ErrnoException) => (e?.code === 'ERR_UNKNOWN_FILE_EXTENSION' ? viaTsx() : Promise.reject(e)));
    mod = (/\.[cm]?js$/.test(file) ? await native() : await viaTsx()) as Record<string, unknown>;
  } catch (e) {
    throw new ConformanceError('adapter_load', `adapter ${source.specifier}: ${file} failed to load: ${firstLine(e)}`);
  }
  const exported = exportedAdapter(mod);
  const asExec = execModuleSchema.safeParse(exported);
  if (asExec.success && (exported as { reject?: unknown }).reject === undefined) {
    const cwd = resolve(dirname(file), asExec.data.cwd ?? '.');
    const cmd = asExec.data.exec;
    return { exec: typeof cmd === 'string' ? execSpec(cmd, cwd, source.specifier) : { argv: cmd, cwd } };
  }
  return { adapter: checkAdapterShape(exported, source.specifier) };
}

/**
 * Loads the adapter `specifier` names in this process: a built-in by bare
 * name, or a module (TypeScript or JavaScript, ESM or CommonJS, no build
 * step). A module that does not load or has the wrong shape is refused with
 * a {@link ConformanceError}. The CLI does not call this under isolation
 * (the worker imports the adapter); it is for programmatic and in-process use.
 */
export async function loadAdapter(specifier: string, options: { cwd?: string; reasons?: ReasonList } = {}): Promise<LoadedAdapter> {
  const source = locateAdapter(specifier, options);
  const imported = await importAdapter(source, options.reasons);
  if ('exec' in imported) {
    const hello = await probeExec(imported.exec, specifier, HELLO_TIMEOUT_MS);
    return {
      adapter: execAdapter(hello),
      specifier,
      exec: imported.exec,
      cwd: imported.exec.cwd,
      ...(source.file ? { file: source.file } : {}),
    };
  }
  return {
    adapter: imported.adapter,
    specifier,
    cwd: source.cwd,
    ...(source.file ? { file: source.file } : {}),
    ...(source.builtin ? { builtin: true } : {}),
  };
}
