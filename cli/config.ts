import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { z } from 'zod';
import { ConformanceError } from '../adapters/errors.js';
import { describeValue } from '../spec/index.js';

/** The names a config file may have, tried in this order in each directory. */
export const CONFIG_FILES = [
  'conformance.config.ts',
  'conformance.config.mjs',
  'conformance.config.js',
  'conformance.config.json',
] as const;

/** Every option the flags hold; paths are relative to the config file. */
export const configSchema = z
  .strictObject({
    adapters: z.array(z.string().min(1)).describe('like --adapter, one per entry'),
    runs: z.number().int().min(1).max(1_000_000_000),
    seed: z.union([z.number().int().min(-0x7fffffff).max(0x7fffffff), z.literal('random')]),
    checks: z.array(z.string().min(1)).describe('like --check'),
    timeout: z.number().int().min(1).max(3_600_000).describe('milliseconds, like --timeout'),
    startTimeout: z.number().int().min(1).max(3_600_000).describe('milliseconds, like --start-timeout'),
    memoryLimit: z.number().int().min(16).max(1_048_576).describe('MB, like --memory-limit'),
    strict: z.boolean(),
    diff: z.boolean().describe('like --diff'),
    diffGate: z.boolean().describe('like --diff-gate; implies diff'),
    isolation: z.boolean().describe('false is --no-isolation'),
    reporters: z.array(z.string().min(1)).describe('like --reporter NAME[:PATH]'),
    expectedFailures: z.string().min(1).describe('like --expected-failures FILE'),
    reasons: z.strictObject({ extend: z.array(z.string()) }).partial(),
    corpus: z.union([z.string().min(1), z.array(z.string().min(1))]).describe('like --corpus DIR, one directory or a list'),
    saveFailures: z.string().min(1).describe('like --save-failures DIR'),
  })
  .partial();

/** A validated config file's options. */
export type Config = z.infer<typeof configSchema>;

/** A config as found: its options and where it was (relative paths resolve against `dir`). */
export interface FoundConfig {
  file: string;
  dir: string;
  config: Config;
}

const EXPECTED: Record<string, string> = {
  adapters: 'a list of adapter specifiers (["./my-adapter.ts"])',
  runs: 'a whole number from 1 to 1000000000',
  seed: 'an integer between -2147483647 and 2147483647, or "random"',
  checks: 'a list of check id globs',
  timeout: 'a whole number of milliseconds from 1 to 3600000',
  startTimeout: 'a whole number of milliseconds from 1 to 3600000',
  memoryLimit: 'a whole number of MB from 16 to 1048576',
  strict: 'true or false',
  diff: 'true or false (like --diff)',
  diffGate: 'true or false (like --diff-gate)',
  isolation: 'true or false',
  reporters: 'a list of NAME[:PATH] (console, json, junit, markdown, html, github)',
  expectedFailures: 'the path of an expected-failures file',
  reasons: 'an object { extend: [...] }',
  corpus: 'a corpus directory, or a list of them (["./corpus"])',
  saveFailures: 'the directory --save-failures writes to',
  'reasons.extend': 'a list of reason values',
};

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** `raw` as a {@link Config}, or a ConformanceError naming the wrong field and what it should be. */
export function validateConfig(raw: unknown, file: string): Config {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    throw new ConformanceError(
      'bad_option',
      `${file}: unknown field \`${where}${issue.keys[0]}\`: expected one of ${Object.keys(issue.path.length > 0 ? { extend: 1 } : configSchema.shape).join(', ')}`,
    );
  }
  const field = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  const key = issue.path.filter((p) => typeof p === 'string').join('.');
  const expected = issue.path.length === 0 ? 'an object of options' : (EXPECTED[key] ?? 'a valid value');
  throw new ConformanceError(
    'bad_option',
    `${file}: \`${field || '(the whole file)'}\` expected ${expected}, received ${describeValue(at(raw, issue.path))}`,
  );
}

/** The nearest config file from `cwd` upwards, if any. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Loads and validates `file` (TS, JS or JSON). */
export async function loadConfig(file: string): Promise<FoundConfig> {
  if (!existsSync(file)) throw new ConformanceError('bad_option', `--config ${file}: no such file`);
  let raw: unknown;
  try {
    if (file.endsWith('.json')) raw = JSON.parse(readFileSync(file, 'utf8'));
    else {
      const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
      raw = (mod.default as { default?: unknown } | undefined)?.default ?? mod.default;
    }
  } catch (e) {
    throw new ConformanceError('bad_option', `${file}: failed to load: ${(e as Error).message.split('\n')[0]}`);
  }
  return { file, dir: dirname(file), config: validateConfig(raw, file) };
}
