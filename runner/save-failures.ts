import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CorpusCase } from '../suites/index.js';
import { reasonList, type ReasonList } from '../spec/index.js';
import { loadCorpus } from './corpus.js';
import { MAX_FAILURES_SHOWN, type RunResult } from './result.js';
import { MAX_KINDS_SHRUNK } from './run-check.js';

/** What `--save-failures` did: the files it wrote (relative to its folder), and the failures it could not keep, with why. */
export interface SavedFailures {
  dir: string;
  written: string[];
  /** Files that were there already with the same content (the same case failed before, or for another adapter). */
  unchanged: string[];
  notSaved: { check: string; kind?: string; why: string }[];
}

/**
 * `value` as JSON text, when JSON holds it exactly: no bytes, no NaN, and no
 * key holding undefined (JSON would drop it, and a codec that fails on
 * `reason: undefined` would pass the file).
 */
function jsonOf(value: unknown): string | undefined {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) return undefined;
  return isDeepStrictEqual(JSON.parse(text), value) ? `${text}\n` : undefined;
}

/** Whether UTF-8 holds `text` exactly (a lone surrogate would be written as U+FFFD). */
const utf8Exact = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;

/** The files of one case: name suffix to content; undefined when a part cannot be kept as a file. */
function filesOf(c: CorpusCase): { folder: string; files: [suffix: string, text: string][] } | undefined {
  const stanza = (wire: string | undefined, value: unknown): [string, string] | undefined => {
    if (wire === 'xml') return typeof value === 'string' && utf8Exact(value) ? ['.xml', value] : undefined;
    const text = jsonOf(value);
    return text === undefined ? undefined : ['.json', text];
  };
  const message = (m: unknown): [string, string] | undefined => {
    const text = jsonOf(m);
    return text === undefined ? undefined : ['.message.json', text];
  };
  const all = (folder: string, parts: ([string, string] | undefined)[]) =>
    parts.every((p) => p !== undefined) ? { folder, files: parts as [string, string][] } : undefined;
  switch (c.layout) {
    case 'valid':
      return all('valid', c.stanza === undefined ? [message(c.message)] : [stanza(c.wire, c.stanza), message(c.message)]);
    case 'invalid':
      return all('invalid', [stanza(c.wire, c.stanza)]);
    case 'invalid-message':
      return all('invalid', [message(c.message)]);
    case 'reply': {
      const text = jsonOf({ offer: c.offer, options: c.options });
      return all('reply', [text === undefined ? undefined : ['.json', text]]);
    }
  }
}

/** Why the corpus would refuse the files of one case, written alone into a fresh folder; undefined when it takes them. */
function refusedByCorpus(stem: string, files: [string, string][], reasons: ReasonList): string | undefined {
  const tmp = mkdtempSync(join(tmpdir(), 'conformance-save-'));
  try {
    for (const [suffix, text] of files) {
      mkdirSync(dirname(join(tmp, `${stem}${suffix}`)), { recursive: true });
      writeFileSync(join(tmp, `${stem}${suffix}`), text);
    }
    loadCorpus([{ dir: tmp, label: '.' }], reasons);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A kind's name as part of a file name. */
const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'case';

/**
 * Writes each failure of each failed check in `results` that the corpus can
 * hold into `dir`, in the corpus layout (README: Corpus), as
 * `FOLDER/CHECK--KIND--HASH.EXT`: the hash is of the content, so the same
 * case saved twice is one file, and a file already there is never changed.
 * Replaying `dir` with --corpus then tries every saved case in every run.
 */
export function saveFailures(results: readonly RunResult[], dir: string, reasons: ReasonList = reasonList()): SavedFailures {
  const out: SavedFailures = { dir, written: [], unchanged: [], notSaved: [] };
  for (const r of results) {
    for (const c of r.checks) {
      if (c.status === 'expected-failure')
        out.notSaved.push({
          check: c.id,
          why: 'an expected failure (the expected-failures file lists it: saved, it would fail a corpus check the file does not list)',
        });
      if (c.status !== 'failed') continue;
      const shown = c.failures ?? (c.failure ? [c.failure] : []);
      const kept = shown.reduce((n, f) => n + (f.seenIn?.length ?? 1), 0);
      const more = (c.coverage?.failed ?? kept) - kept;
      if (more > 0 && !c.id.startsWith('reject.corpus.')) {
        out.notSaved.push({
          check: c.id,
          why: `${more} more failing kind(s), not examined: a run shrinks at most ${MAX_KINDS_SHRUNK} failing kinds of a check and keeps at most ${MAX_FAILURES_SHOWN} distinct failures (fix the saved ones, run again to save the next)`,
        });
      }
      for (const f of shown) {
        const at = { check: c.id, ...(f.kind !== undefined ? { kind: f.kind } : {}) };
        if (c.id.startsWith('reject.corpus.')) continue;
        if (!f.corpusCase) {
          out.notSaved.push({ ...at, why: f.counterexample === null ? 'no case to keep' : 'the corpus checks do not replay this rule' });
          continue;
        }
        const files = filesOf(f.corpusCase);
        if (!files) {
          out.notSaved.push({
            ...at,
            why: 'the case is not data a file holds exactly (bytes, a lone surrogate, a key holding undefined, NaN)',
          });
          continue;
        }
        const hash = createHash('sha256').update(JSON.stringify(files.files)).digest('hex').slice(0, 10);
        const stem = `${files.folder}/${slug(c.id)}--${slug(f.kind ?? 'case')}--${hash}`;
        // Held to the corpus's own rules before anything is written: a case the corpus would not take back is not saved.
        const refused = refusedByCorpus(stem, files.files, reasons);
        if (refused) {
          out.notSaved.push({
            ...at,
            why: `the corpus would not take it back (${refused}; a bug in stanza-conformance, please report it)`,
          });
          continue;
        }
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
