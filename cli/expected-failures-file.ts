import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConformanceError } from '../adapters/errors.js';
import type { ExpectedEntry, ExpectedFailures } from '../runner/index.js';
import { linkTarget, notARegularFile, writeAtomic } from '../reports/_internals/write-atomic.js';
import { editExpectedFailuresYaml, plainEntry } from './expected-failures-yaml.js';

const entry = z.union([z.string().min(1), z.strictObject({ check: z.string().min(1), note: z.string().optional() })]);
const fileSchema = z.record(z.string(), z.array(entry).nullable());

const isYaml = (file: string) => !file.endsWith('.json');

/** Whether `file` (through any links) exists; throws when it is something other than a regular file, which could not be read or replaced. */
function exists(file: string): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  const what = stats && notARegularFile(stats, file);
  if (what) {
    const target = linkTarget(file);
    throw new ConformanceError(
      'bad_option',
      `--expected-failures ${file}: ${target === file ? 'it' : target} is ${what}; expected a regular file of expected failures`,
    );
  }
  return stats !== undefined;
}

/**
 * Reads an expected-failures file (YAML, or JSON when it ends in .json):
 * adapter name → check ids, each a string or `{ check, note }`. Every id must
 * name a check of the suite, so a typo cannot hide a failure.
 */
export function readExpectedFailures(file: string, knownIds: readonly string[], { mayBeMissing = false } = {}): ExpectedFailures {
  if (!exists(file)) {
    if (mayBeMissing) return {};
    throw new ConformanceError('bad_option', `--expected-failures ${file}: no such file (create it with --update-expected-failures)`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConformanceError('io_error', `--expected-failures ${file}: cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    raw = isYaml(file) ? (parse(text) ?? {}) : JSON.parse(text);
  } catch (e) {
    throw new ConformanceError(
      'bad_option',
      `${file}: not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConformanceError(
      'bad_option',
      `${file}: at ${issue.path.join('.') || 'the top'}: expected adapter names mapping to lists of check ids (a string, or { check, note })`,
    );
  }
  const out: Record<string, ExpectedEntry[]> = {};
  for (const [adapter, list] of Object.entries(parsed.data)) {
    out[adapter] = (list ?? []).map((e) => (typeof e === 'string' ? { check: e } : e));
    for (const { check } of out[adapter]!) {
      if (!knownIds.includes(check)) {
        throw new ConformanceError(
          'bad_option',
          `${file}: ${adapter}: ${JSON.stringify(check)} is not a check id (see conformance --list)`,
        );
      }
    }
  }
  return out;
}

/**
 * Writes `expected` to `file` atomically, in the format its name says. A YAML
 * file is edited, not rewritten (see editExpectedFailuresYaml): its comments
 * and layout stay. A symbolic link is followed: the file it points to is
 * replaced and the link stays a link.
 */
export function writeExpectedFailures(file: string, expected: Record<string, readonly ExpectedEntry[]>): void {
  try {
    const text = isYaml(file)
      ? editExpectedFailuresYaml(exists(file) ? readFileSync(file, 'utf8') : '', expected)
      : `${JSON.stringify(Object.fromEntries(Object.entries(expected).map(([k, list]) => [k, list.map(plainEntry)])), null, 2)}\n`;
    writeAtomic(file, text, { throughLinks: true });
  } catch (e) {
    if (e instanceof ConformanceError) throw e;
    throw new ConformanceError('io_error', `--update-expected-failures: cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
