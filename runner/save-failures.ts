import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CorpusCase } from '../suites/index.js';
import type { RunResult } from './result.js';

/** What `--save-failures` did: the files it wrote (relative to its folder), and the failures it could not keep, with why. */
export interface SavedFailures {
  dir: string;
  written: string[];
  /** Files that were there already with the same content (the same case failed before, or for another adapter). */
  unchanged: string[];
  notSaved: { check: string; kind?: string; why: string }[];
}

/** An object without its keys whose value is undefined: absent is a missing key or undefined (docs/contract.md). */
const defined = (v: unknown): unknown =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) : v;

/** `value` as JSON text, when JSON holds it exactly (no bytes, no undefined inside, no NaN). */
function jsonOf(value: unknown): string | undefined {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) return undefined;
  return isDeepStrictEqual(JSON.parse(text), defined(value)) ? `${text}\n` : undefined;
}

/** The files of one case: name suffix to content; undefined when a part cannot be kept as a file. */
function filesOf(c: CorpusCase): { folder: string; files: [suffix: string, text: string][] } | undefined {
  const stanza = (wire: string | undefined, value: unknown): [string, string] | undefined => {
    if (wire === 'xml') return typeof value === 'string' ? ['.xml', value] : undefined;
    const text = jsonOf(value);
    return text === undefined ? undefined : ['.json', text];
  };
  const message = (m: unknown): [string, string] | undefined => {
    const text = jsonOf(defined(m));
    return text === undefined ? undefined : ['.message.json', text];
  };
  const all = (folder: string, parts: ([string, string] | undefined)[]) => (parts.every((p) => p !== undefined) ? { folder, files: parts as [string, string][] } : undefined);
  switch (c.layout) {
    case 'valid':
      return all('valid', c.stanza === undefined ? [message(c.message)] : [stanza(c.wire, c.stanza), message(c.message)]);
    case 'invalid':
      return all('invalid', [stanza(c.wire, c.stanza)]);
    case 'invalid-message':
      return all('invalid', [message(c.message)]);
    case 'reply': {
      const text = jsonOf({ offer: defined(c.offer), options: defined(c.options) });
      return all('reply', [text === undefined ? undefined : ['.json', text]]);
    }
  }
}

/** A kind's name as part of a file name. */
const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'case';

/**
 * Writes each failure of each failed check in `results` that the corpus can
 * hold into `dir`, in the corpus layout (README: Corpus), as
 * `FOLDER/CHECK--KIND--HASH.EXT`: the hash is of the content, so the same
 * case saved twice is one file, and a file already there is never changed.
 * Replaying `dir` with --corpus then tries every saved case in every run.
 */
export function saveFailures(results: readonly RunResult[], dir: string): SavedFailures {
  const out: SavedFailures = { dir, written: [], unchanged: [], notSaved: [] };
  for (const r of results) {
    for (const c of r.checks) {
      if (c.status !== 'failed') continue;
      for (const f of c.failures ?? (c.failure ? [c.failure] : [])) {
        const at = { check: c.id, ...(f.kind !== undefined ? { kind: f.kind } : {}) };
        if (c.id.startsWith('reject.corpus.')) continue;
        if (!f.corpusCase) {
          out.notSaved.push({ ...at, why: f.counterexample === null ? 'no case to keep' : 'the corpus checks do not replay this rule' });
          continue;
        }
        const files = filesOf(f.corpusCase);
        if (!files) {
          out.notSaved.push({ ...at, why: 'the case is not data a file can hold exactly (bytes, undefined inside a value, NaN)' });
          continue;
        }
        const hash = createHash('sha256').update(JSON.stringify(files.files)).digest('hex').slice(0, 10);
        const stem = `${files.folder}/${slug(c.id)}--${slug(f.kind ?? 'case')}--${hash}`;
        for (const [suffix, text] of files.files) {
          const rel = `${stem}${suffix}`;
          const file = join(dir, rel);
          if (existsSync(file) && readFileSync(file, 'utf8') === text) {
            if (!out.unchanged.includes(rel)) out.unchanged.push(rel);
            continue;
          }
          if (out.written.includes(rel)) continue;
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          out.written.push(rel);
        }
      }
    }
  }
  return out;
}
