import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ConformanceError } from '../adapters/errors.js';
import type { Wire } from '../adapters/contract.js';
import {
  ATTRIBUTES,
  fieldProblems,
  messageProblems,
  readStanza,
  type CallOffer,
  type CallReject,
  type ReasonList,
  type ReplyOptions,
} from '../spec/index.js';
import { compareMessages, normalMessage, type Corpus } from '../suites/index.js';
import { PACKAGE_ROOT } from './version.js';
import { nestedBeyond } from './_internals/json-depth.js';

/** The corpus this package ships: the page's example and the cases its tests found worth keeping. */
export const SHIPPED_CORPUS: CorpusSource = Object.freeze({
  dir: join(PACKAGE_ROOT, 'corpus'),
  label: 'stanza-conformance/corpus',
  shipped: true,
});

/** One corpus folder: where it is, and how reports name its files (`label/valid/x.xml`). */
export interface CorpusSource {
  dir: string;
  label: string;
  /**
   * The corpus this package ships: written for the shipped reason list, so
   * under --extra-reason a file the extension makes valid (an "invalid"
   * reason that is now one of the enum) is left out rather than refused.
   */
  shipped?: boolean;
}

/** The folders of a corpus, as toml-test lays out its cases. */
export const CORPUS_FOLDERS = ['valid', 'invalid', 'reply'] as const;

/** Largest corpus file read, in bytes: a stanza is a few hundred. */
export const MAX_CORPUS_FILE_BYTES = 1_000_000;

const MESSAGE = '.message.json';
const LAYOUT =
  'expected valid/ (stanzas every conforming codec decodes; NAME.message.json beside one says its message, alone it is a message to encode), invalid/ (stanzas decode must refuse, NAME.message.json a message encode must refuse) or reply/ ({"offer", "options"} cases), each holding .xml (XML text) or .json (a node, or a message) files';

/** A corpus folder given on the command line or in the config: `dir` as the user wrote it names its files. */
export function corpusSource(dir: string, cwd: string): CorpusSource {
  const label = dir.replace(/[\\/]+$/, '') || dir;
  return { dir: resolve(cwd, dir), label };
}

class CorpusFileError extends Error {}

/** A path of the corpus that cannot be read as a corpus file: a dangling or looping link, a FIFO, a device, a folder that cannot be listed. */
class CorpusPathError extends Error {
  constructor(
    readonly rel: string,
    why: string,
  ) {
    super(why);
  }
}

/**
 * Every file under `dir`, relative to it, in a stable order; dot-files left
 * out. Links are followed (a linked folder is read like any other), a link
 * that loops or leads nowhere is refused, and so is anything that is not a
 * regular file or a folder.
 */
function walk(dir: string, under = '', seen = new Set<string>()): string[] {
  const here = join(dir, under);
  const real = realpathSync(here);
  if (seen.has(real)) throw new CorpusPathError(under, 'a link back to a folder above it: expected a corpus without loops');
  seen.add(real);
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(here).sort();
  } catch (e) {
    throw new CorpusPathError(under, `cannot be listed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const rel = under ? `${under}/${name}` : name;
    let st;
    try {
      st = statSync(join(dir, rel));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CorpusPathError(
        rel,
        code === 'ENOENT'
          ? 'a link to nothing'
          : code === 'ELOOP'
            ? 'a link that loops'
            : `cannot be read (${code ?? (e as Error).message})`,
      );
    }
    if (st.isDirectory()) out.push(...walk(dir, rel, new Set(seen)));
    else if (st.isFile()) out.push(rel);
    else throw new CorpusPathError(rel, 'not a regular file (a FIFO, a socket or a device): expected a stanza file');
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Nesting a corpus JSON file may have: a node is three levels deep, a message one. */
export const MAX_CORPUS_JSON_DEPTH = 64;

function text(file: string): string {
  let bytes: Buffer;
  try {
    // Read at most one byte more than allowed, whatever the file says its size is.
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_CORPUS_FILE_BYTES + 1);
      let n = 0;
      for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
      bytes = buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new CorpusFileError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes.length > MAX_CORPUS_FILE_BYTES)
    throw new CorpusFileError(`more than ${MAX_CORPUS_FILE_BYTES} bytes: expected at most that (a stanza is a few hundred)`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CorpusFileError('not UTF-8 text: expected a stanza in UTF-8');
  }
}

function json(file: string): unknown {
  const t = text(file);
  // checked on the text, before parsing: no parse or schema walk goes that deep
  if (nestedBeyond(t, MAX_CORPUS_JSON_DEPTH))
    throw new CorpusFileError(`JSON nested more than ${MAX_CORPUS_JSON_DEPTH} deep: expected a node or a message`);
  try {
    return JSON.parse(t);
  } catch (e) {
    throw new CorpusFileError(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The fields of a message (spec/attributes.ts), of an offer (the same without a reason), and of a reply's options. */
const MESSAGE_KEYS: readonly string[] = ATTRIBUTES.map((a) => a.field);
const OFFER_KEYS = MESSAGE_KEYS.filter((k) => k !== 'reason');
const OPTIONS_KEYS = ['from', 'id', 'reason'];

/** The keys of `value` (an object) that are not among `known`, each after `prefix`. */
function unknownKeys(value: unknown, known: readonly string[], prefix = ''): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value)
        .filter((k) => !known.includes(k))
        .map((k) => `${prefix}${k}`)
    : [];
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
  if (rel.endsWith(MESSAGE)) {
    const value = json(file);
    const extra = unknownKeys(value, MESSAGE_KEYS);
    if (extra.length > 0)
      throw new CorpusFileError(`unknown field ${extra[0]}: expected a message {${MESSAGE_KEYS.join(', ')}} and nothing else`);
    return { folder: f, kind: 'message', value };
  }
  if (rel.endsWith('.xml')) return { folder: f, kind: 'stanza', wire: 'xml', value: text(file) };
  if (rel.endsWith('.json')) return { folder: f, kind: 'stanza', wire: 'node', value: json(file) };
  throw new CorpusFileError(`not a stanza file: ${LAYOUT}`);
}

const stem = (rel: string) => rel.replace(/(\.message)?\.json$|\.xml$/, '');
const show = (m: unknown) => JSON.stringify(typeof m === 'object' && m !== null ? normalMessage(m as CallReject) : m);

function replyCase(value: unknown, reasons: ReasonList): { offer: CallOffer; options: ReplyOptions } {
  const o = value as { offer?: Record<string, unknown>; options?: Record<string, unknown> } | null;
  if (
    typeof o !== 'object' ||
    o === null ||
    Array.isArray(o) ||
    typeof o.offer !== 'object' ||
    o.offer === null ||
    typeof o.options !== 'object' ||
    o.options === null
  ) {
    throw new CorpusFileError('expected {"offer": {from, to, id, callId, callCreator}, "options": {from, id?, reason?}}');
  }
  const extra = [
    ...unknownKeys(o, ['offer', 'options']),
    ...unknownKeys(o.offer, OFFER_KEYS, 'offer.'),
    ...unknownKeys(o.options, OPTIONS_KEYS, 'options.'),
  ];
  if (extra.length > 0)
    throw new CorpusFileError(
      `unknown field ${extra[0]}: expected {"offer": {from, to, id, callId, callCreator}, "options": {from, id?, reason?}}`,
    );
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
  const labels = new Map<string, string>();
  for (const source of sources) {
    let real: string;
    try {
      real = realpathSync(source.dir);
      if (!statSync(real).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder that cannot be read (permissions) is named right; one missing or not a folder is not.
      if (code !== undefined && !['ENOENT', 'ENOTDIR', 'ELOOP'].includes(code))
        throw new ConformanceError('io_error', `--corpus ${source.label}: cannot be read: ${(e as Error).message}`);
      const why = code === 'ENOENT' ? 'no such directory' : (e as Error).message;
      throw new ConformanceError(
        'bad_option',
        `--corpus ${source.label}: ${why}: expected a directory holding ${LAYOUT.slice('expected '.length)}`,
      );
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (labels.has(source.label)) {
      throw new ConformanceError(
        'bad_option',
        `--corpus ${source.label}: another corpus folder (${labels.get(source.label)}) has the same name, so their files would be named alike: expected folders named apart`,
      );
    }
    labels.set(source.label, real);
    let files: string[];
    try {
      files = walk(real).map((f) => f.split(sep).join('/'));
    } catch (e) {
      if (!(e instanceof CorpusPathError)) throw e;
      throw new ConformanceError('bad_option', `corpus file ${source.label}/${e.rel}: ${e.message}`);
    }
    const entries = new Map<string, Entry>();
    const name = (rel: string) => `${source.label}/${rel}`;
    for (const rel of files) {
      try {
        const e = entryOf(rel, join(real, rel));
        if (e) entries.set(rel, e);
      } catch (err) {
        if (!(err instanceof CorpusFileError)) throw err;
        throw new ConformanceError('bad_option', `corpus file ${name(rel)}: ${err.message}`);
      }
    }
    if (entries.size === 0) throw new ConformanceError('bad_option', `--corpus ${source.label}: no corpus files: ${LAYOUT}`);
    const extended = reasons.extended.length > 0;
    const fail = (rel: string, why: string): never => {
      throw new ConformanceError(
        'bad_option',
        `corpus file ${name(rel)}: ${why}${extended ? ` (the run extends the reasons with ${reasons.extended.join(', ')}: a file written without them may read otherwise)` : ''}`,
      );
    };
    const sideMessage = (rel: string) => {
      const side = entries.get(`${stem(rel)}${MESSAGE}`);
      if (!side) return undefined;
      const problems = fieldProblems(side.value, reasons);
      if (problems.length > 0) fail(`${stem(rel)}${MESSAGE}`, `not a valid message: ${problems.map((p) => p.message).join('; ')}`);
      return side.value as CallReject;
    };
    for (const [rel, e] of entries) {
      try {
        take(rel, e);
      } catch (err) {
        // the shipped corpus is written for the shipped reasons: what an extension makes valid is left out
        if (!(source.shipped && extended && err instanceof ConformanceError)) throw err;
      }
    }
    function take(rel: string, e: Entry): void {
      if (e.kind === 'reply') {
        try {
          const c = replyCase(e.value, reasons);
          // an id given in the options is held to the rules of an id, null included; none given is none
          const problems = messageProblems(
            { ...c.offer, from: c.options.from, id: 'id' in c.options ? c.options.id : c.offer.id, reason: c.options.reason },
            reasons,
          );
          if (problems.length > 0) fail(rel, `options: ${problems.map((p) => p.message).join('; ')}`);
          corpus.replies.push({ name: name(rel), ...c });
        } catch (err) {
          if (!(err instanceof CorpusFileError)) throw err;
          fail(rel, err.message);
        }
        return;
      }
      if (e.kind === 'stanza') {
        const reading = readStanza(e.value, e.wire, reasons);
        const problems = reading.problems.map((p) => p.message);
        if (e.folder === 'invalid') {
          if (reading.problems.length === 0)
            fail(
              rel,
              `a valid stanza (it means ${show(reading.message)}): expected one with a fault decode must refuse (a valid stanza goes under valid/)`,
            );
          const level = reading.problems.some((p) => p.level === 'must') ? 'must' : 'should';
          corpus.invalid.push({ name: name(rel), wire: e.wire, value: e.value, level, problems });
          return;
        }
        if (reading.problems.length > 0) {
          const should = reading.problems.every((p) => p.level === 'should');
          fail(
            rel,
            `not a valid stanza (${problems.join('; ')}): expected one every conforming codec decodes${should ? ' (a decoder may refuse this: put it under invalid/, where refusing it is should-level)' : ' (a stanza that must be refused goes under invalid/)'}`,
          );
        }
        const message = reading.message!;
        const said = sideMessage(rel);
        const differs = said && compareMessages(said, message);
        if (differs)
          fail(
            rel,
            `${stem(rel).split('/').pop()}${MESSAGE} and the stanza disagree: ${differs.message.replace('expected', 'the message file says').replace('received', 'the stanza holds')}`,
          );
        corpus.stanzas.push({ name: name(rel), wire: e.wire, value: e.value, message });
        corpus.messages.push({ name: name(rel), message });
        return;
      }
      const hasStanza = entries.has(`${stem(rel)}.xml`) || entries.has(`${stem(rel)}.json`);
      if (e.folder === 'valid') {
        const message = sideMessage(rel)!;
        if (!hasStanza) corpus.messages.push({ name: name(rel), message });
        return;
      }
      if (hasStanza)
        fail(
          rel,
          'a message file beside an invalid stanza: an invalid stanza has no message; expected NAME.message.json alone (a message encode must refuse) or under valid/',
        );
      const problems = fieldProblems(e.value, reasons);
      if (problems.length === 0)
        fail(rel, `a valid message (${show(e.value)}): expected one encode must refuse (a valid message goes under valid/)`);
      corpus.invalidMessages.push({
        name: name(rel),
        message: e.value,
        xmlOnly: problems.every((p) => p.fault === 'forbidden-character'),
        problems: problems.map((p) => p.message),
      });
    }
  }
  return corpus;
}

/** A corpus folder as options give it: a directory (named in reports as written, from the working directory) or a source. */
export type CorpusOption = string | CorpusSource;

/** A corpus read once: the folders it came from, the shipped one first unless left out, and what they hold. */
export interface LoadedCorpus {
  sources: readonly CorpusSource[];
  corpus: Corpus;
}

/** Whether a corpus option is one already read. */
export const isLoadedCorpus = (c: readonly CorpusOption[] | LoadedCorpus | undefined): c is LoadedCorpus =>
  c !== undefined && 'corpus' in c;

/**
 * The shipped corpus (unless `shipped` is false) and the folders `given`,
 * read and held to their folders with {@link loadCorpus}: read once per
 * session, then given to every run.
 */
export function readCorpusFolders(
  given: readonly CorpusOption[] = [],
  reasons: ReasonList,
  o: { shipped?: boolean; cwd?: string } = {},
): LoadedCorpus {
  const sources = [
    ...(o.shipped === false ? [] : [SHIPPED_CORPUS]),
    ...given.map((c) => (typeof c === 'string' ? corpusSource(c, o.cwd ?? process.cwd()) : c)),
  ];
  return { sources, corpus: loadCorpus(sources, reasons) };
}
