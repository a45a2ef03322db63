import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ConformanceError } from '../adapters/errors.js';
import type { Wire } from '../adapters/contract.js';
import { fieldProblems, messageProblems, readStanza, type CallOffer, type CallReject, type ReasonList, type ReplyOptions } from '../spec/index.js';
import type { Corpus } from '../suites/index.js';
import { compareMessages, normalMessage } from '../suites/_internals/compare.js';
import { PACKAGE_ROOT } from './version.js';

/** The corpus this package ships: the page's example and the cases its tests found worth keeping. */
export const SHIPPED_CORPUS = { dir: join(PACKAGE_ROOT, 'corpus'), label: 'stanza-conformance/corpus' } as const;

/** One corpus folder: where it is, and how reports name its files (`label/valid/x.xml`). */
export interface CorpusSource {
  dir: string;
  label: string;
}

/** The folders of a corpus, as toml-test lays out its cases. */
export const CORPUS_FOLDERS = ['valid', 'invalid', 'reply'] as const;

/** Largest corpus file read, in bytes: a stanza is a few hundred. */
export const MAX_CORPUS_FILE_BYTES = 1_000_000;

const MESSAGE = '.message.json';
const LAYOUT = 'expected valid/ (stanzas every conforming codec decodes; NAME.message.json beside one says its message, alone it is a message to encode), invalid/ (stanzas decode must refuse, NAME.message.json a message encode must refuse) or reply/ ({"offer", "options"} cases), each holding .xml (XML text) or .json (a node, or a message) files';

/** A corpus folder given on the command line or in the config: `dir` as the user wrote it names its files. */
export function corpusSource(dir: string, cwd: string): CorpusSource {
  const label = dir.replace(/[\\/]+$/, '') || dir;
  return { dir: resolve(cwd, dir), label };
}

class CorpusFileError extends Error {}

/** Every file under `dir`, relative to it, in a stable order; dot-files left out. */
function walk(dir: string, under = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_CORPUS_FILE_BYTES) throw new CorpusFileError(`${size} bytes: expected at most ${MAX_CORPUS_FILE_BYTES} (a stanza is a few hundred)`);
  try {
    return utf8.decode(readFileSync(file));
  } catch {
    throw new CorpusFileError('not UTF-8 text: expected a stanza in UTF-8');
  }
}

function json(file: string): unknown {
  const t = text(file);
  try {
    return JSON.parse(t);
  } catch (e) {
    throw new CorpusFileError(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** What a corpus file holds, read as its folder and extension say. */
type Entry =
  | { folder: 'valid' | 'invalid'; kind: 'stanza'; wire: Wire; value: unknown }
  | { folder: 'valid' | 'invalid'; kind: 'message'; value: unknown }
  | { folder: 'reply'; kind: 'reply'; value: unknown };

function entryOf(rel: string, file: string): Entry | undefined {
  const folder = rel.split('/')[0]!;
  const isStanza = rel.endsWith('.xml') || rel.endsWith('.json');
  if (!(CORPUS_FOLDERS as readonly string[]).includes(folder) || !rel.includes('/')) {
    if (isStanza) throw new CorpusFileError(`not in a corpus folder: ${LAYOUT}`);
    return undefined;
  }
  if (rel.endsWith('.md')) return undefined;
  if (folder === 'reply') {
    if (!rel.endsWith('.json')) throw new CorpusFileError(`a reply case is a .json file: ${LAYOUT}`);
    return { folder, kind: 'reply', value: json(file) };
  }
  const f = folder as 'valid' | 'invalid';
  if (rel.endsWith(MESSAGE)) return { folder: f, kind: 'message', value: json(file) };
  if (rel.endsWith('.xml')) return { folder: f, kind: 'stanza', wire: 'xml', value: text(file) };
  if (rel.endsWith('.json')) return { folder: f, kind: 'stanza', wire: 'node', value: json(file) };
  throw new CorpusFileError(`not a stanza file: ${LAYOUT}`);
}

const stem = (rel: string) => rel.replace(/(\.message)?\.json$|\.xml$/, '');
const show = (m: unknown) => JSON.stringify(typeof m === 'object' && m !== null ? normalMessage(m as CallReject) : m);

function replyCase(value: unknown, reasons: ReasonList): { offer: CallOffer; options: ReplyOptions } {
  const o = value as { offer?: Record<string, unknown>; options?: Record<string, unknown> } | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o) || typeof o.offer !== 'object' || o.offer === null || typeof o.options !== 'object' || o.options === null) {
    throw new CorpusFileError('expected {"offer": {from, to, id, callId, callCreator}, "options": {from, id?, reason?}}');
  }
  const extra = [...Object.keys(o).filter((k) => k !== 'offer' && k !== 'options'),
    ...Object.keys(o.offer).filter((k) => !['from', 'to', 'id', 'callId', 'callCreator'].includes(k)).map((k) => `offer.${k}`),
    ...Object.keys(o.options).filter((k) => !['from', 'id', 'reason'].includes(k)).map((k) => `options.${k}`)];
  if (extra.length > 0) throw new CorpusFileError(`unknown field ${extra[0]}: expected {"offer": {from, to, id, callId, callCreator}, "options": {from, id?, reason?}}`);
  const { offer, options } = o;
  // An offer has the fields of a message without a reason, of the same types.
  const asOffer = messageProblems({ ...offer, reason: undefined }, reasons);
  if (asOffer.length > 0) throw new CorpusFileError(`offer: ${asOffer.map((p) => p.message).join('; ')}`);
  return { offer: offer as unknown as CallOffer, options: options as unknown as ReplyOptions };
}

/**
 * Reads corpus folders (README: Corpus) and holds every file to what its
 * folder says, by the spec's own reading (spec/read-stanza.ts): a valid stanza
 * must have no problem at all and mean what its message file says, an invalid
 * one must have one, a reply case must be a valid offer and valid options. A
 * file that is not what its folder says is a ConformanceError naming it, so
 * a mislabelled file can never fail a correct codec.
 */
export function loadCorpus(sources: readonly CorpusSource[], reasons: ReasonList): Corpus {
  const corpus: Corpus = { stanzas: [], messages: [], invalid: [], invalidMessages: [], replies: [] };
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.dir)) continue;
    seen.add(source.dir);
    let files: string[];
    try {
      if (!statSync(source.dir).isDirectory()) throw new Error('not a directory');
      files = walk(source.dir).map((f) => f.split(sep).join('/'));
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message;
      throw new ConformanceError('bad_option', `--corpus ${source.label}: ${why}: expected a directory holding ${LAYOUT.slice('expected '.length)}`);
    }
    const entries = new Map<string, Entry>();
    const name = (rel: string) => `${source.label}/${rel}`;
    for (const rel of files) {
      try {
        const e = entryOf(rel, join(source.dir, rel));
        if (e) entries.set(rel, e);
      } catch (err) {
        if (!(err instanceof CorpusFileError)) throw err;
        throw new ConformanceError('bad_option', `corpus file ${name(rel)}: ${err.message}`);
      }
    }
    if (entries.size === 0) throw new ConformanceError('bad_option', `--corpus ${source.label}: no corpus files: ${LAYOUT}`);
    const fail = (rel: string, why: string): never => {
      throw new ConformanceError('bad_option', `corpus file ${name(rel)}: ${why}`);
    };
    const sideMessage = (rel: string) => {
      const side = entries.get(`${stem(rel)}${MESSAGE}`);
      if (!side) return undefined;
      const problems = fieldProblems(side.value, reasons);
      if (problems.length > 0) fail(`${stem(rel)}${MESSAGE}`, `not a valid message: ${problems.map((p) => p.message).join('; ')}`);
      return side.value as CallReject;
    };
    for (const [rel, e] of entries) {
      if (e.kind === 'reply') {
        try {
          const c = replyCase(e.value, reasons);
          const problems = messageProblems({ ...c.offer, from: c.options.from, id: c.options.id ?? c.offer.id, reason: c.options.reason }, reasons);
          if (problems.length > 0) fail(rel, `options: ${problems.map((p) => p.message).join('; ')}`);
          corpus.replies.push({ name: name(rel), ...c });
        } catch (err) {
          if (!(err instanceof CorpusFileError)) throw err;
          fail(rel, err.message);
        }
        continue;
      }
      if (e.kind === 'stanza') {
        const reading = readStanza(e.value, e.wire, reasons);
        const problems = reading.problems.map((p) => p.message);
        if (e.folder === 'invalid') {
          if (reading.problems.length === 0) fail(rel, `a valid stanza (it means ${show(reading.message)}): expected one with a fault decode must refuse (a valid stanza goes under valid/)`);
          const level = reading.problems.some((p) => p.level === 'must') ? 'must' : 'should';
          corpus.invalid.push({ name: name(rel), wire: e.wire, value: e.value, level, problems });
          continue;
        }
        if (reading.problems.length > 0) {
          const should = reading.problems.every((p) => p.level === 'should');
          fail(rel, `not a valid stanza (${problems.join('; ')}): expected one every conforming codec decodes${should ? ' (a decoder may refuse this: put it under invalid/, where refusing it is should-level)' : ' (a stanza that must be refused goes under invalid/)'}`);
        }
        const message = reading.message!;
        const said = sideMessage(rel);
        const differs = said && compareMessages(said, message);
        if (differs) fail(rel, `${stem(rel).split('/').pop()}${MESSAGE} and the stanza disagree: ${differs.message.replace('expected', 'the message file says').replace('received', 'the stanza holds')}`);
        corpus.stanzas.push({ name: name(rel), wire: e.wire, value: e.value, message });
        corpus.messages.push({ name: name(rel), message });
        continue;
      }
      const hasStanza = entries.has(`${stem(rel)}.xml`) || entries.has(`${stem(rel)}.json`);
      if (e.folder === 'valid') {
        const message = sideMessage(rel)!;
        if (!hasStanza) corpus.messages.push({ name: name(rel), message });
        continue;
      }
      if (hasStanza) fail(rel, 'a message file beside an invalid stanza: an invalid stanza has no message; expected NAME.message.json alone (a message encode must refuse) or under valid/');
      const problems = fieldProblems(e.value, reasons);
      if (problems.length === 0) fail(rel, `a valid message (${show(e.value)}): expected one encode must refuse (a valid message goes under valid/)`);
      corpus.invalidMessages.push({ name: name(rel), message: e.value, xmlOnly: problems.every((p) => p.fault === 'forbidden-character'), problems: problems.map((p) => p.message) });
    }
  }
  return corpus;
}
