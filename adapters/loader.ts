import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { tsImport } from 'tsx/esm/api';
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

async function loadExec(command: string | string[], cwd: string, specifier: string): Promise<LoadedAdapter> {
  const spec = typeof command === 'string' ? execSpec(command, cwd, specifier) : { argv: command, cwd };
  const hello = await probeExec(spec, specifier, HELLO_TIMEOUT_MS);
  return { adapter: execAdapter(hello), specifier, exec: spec, cwd };
}

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
 * Loads the adapter `specifier` names: a built-in by bare name, or a module
 * (TypeScript or JavaScript, ESM or CommonJS, no build step). A module that
 * does not load or has the wrong shape is refused with a {@link ConformanceError}.
 */
export async function loadAdapter(
  specifier: string,
  options: { cwd?: string; reasons?: ReasonList } = {},
): Promise<LoadedAdapter> {
  const builtin = BUILTIN_ADAPTERS[specifier];
  if (builtin && Object.hasOwn(BUILTIN_ADAPTERS, specifier)) {
    return { adapter: builtin(options.reasons ?? reasonList()), specifier, builtin: true };
  }
  const cwd = options.cwd ?? process.cwd();
  if (specifier.startsWith('exec:')) return loadExec(specifier.slice('exec:'.length), cwd, specifier);
  const file = resolveAdapterFile(specifier, cwd, Object.keys(BUILTIN_ADAPTERS));
  let mod: Record<string, unknown>;
  try {
    // JavaScript loads natively (shared with the runner's own modules, and faster); TypeScript through tsx.
    const url = pathToFileURL(file).href;
    const viaTsx = () => tsImport(url, import.meta.url);
    const native = () => import(url).catch((e: NodeJS.ErrnoException) => (e?.code === 'ERR_UNKNOWN_FILE_EXTENSION' ? viaTsx() : Promise.reject(e)));
    mod = (/\.[cm]?js$/.test(file) ? await native() : await viaTsx()) as Record<string, unknown>;
  } catch (e) {
    throw new ConformanceError('adapter_load', `adapter ${specifier}: ${file} failed to load: ${firstLine(e)}`);
  }
  const exported = exportedAdapter(mod);
  const asExec = execModuleSchema.safeParse(exported);
  if (asExec.success && (exported as { reject?: unknown }).reject === undefined) {
    return { ...(await loadExec(asExec.data.exec, resolve(dirname(file), asExec.data.cwd ?? '.'), specifier)), file };
  }
  return { adapter: checkAdapterShape(exported, specifier), specifier, file, cwd };
}
