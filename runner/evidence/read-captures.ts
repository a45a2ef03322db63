import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { extname, resolve } from 'node:path';
import { ConformanceError } from '../../adapters/errors.js';
import { describeValue } from '../../spec/messages.js';
import { boundText, count } from '../_internals/bound-value.js';
import { nestedBeyond } from '../_internals/json-depth.js';

/**
 * How much of a capture is held at once: a line (and a stanza spanning
 * lines) of at most 1 MiB, JSON nested at most 64 levels deep (a stanza is a
 * few). Past either, the capture is refused; a file is read line by line, so
 * a 200 MB line costs 1 MiB of memory before it is refused.
 */
export const CAPTURE_LIMITS = { lineBytes: 1 << 20, stanzaBytes: 1 << 20, jsonDepth: 64 } as const;

/** The two forms a capture file comes in: XML stanzas, or JSON lines of node objects. */
export type CaptureFormat = 'xml' | 'jsonl';

/** The file name endings that decide a capture's format; any other file is told by its first non-blank character (`<` or `{`). */
export const CAPTURE_EXTENSIONS: Readonly<Record<string, CaptureFormat>> = {
  '.xml': 'xml',
  '.txt': 'xml',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** One stanza of a capture, where it begins. */
export interface CapturedStanza {
  /** The file as it was named. */
  file: string;
  /** The line the stanza begins on, from 1. */
  line: number;
  format: CaptureFormat;
  /** Whether the file name or its first non-blank character decided the format. */
  by: 'extension' | 'content';
  /** The XML text (`xml`), or the parsed JSON object (`jsonl`). */
  value: unknown;
}

interface Line {
  line: number;
  text: string;
  bytes: number;
}

const MIB = (n: number) => `${n / (1 << 20)} MiB (${count(n)} bytes)`;
const refuse = (where: string, why: string) => new ConformanceError('bad_option', `${where}: ${why}`);
/** A capture that is what it should be, but the system would not let it be read. */
const unreadable = (where: string, e: unknown) => new ConformanceError('io_error', `${where}: cannot be read (${(e as Error).message})`);
/** The start of a chunk, quoted, for a message: its first 24 characters. */
const begins = (text: string) => {
  const head = [...text.trimStart().slice(0, 48)].slice(0, 24).join('');
  return `${JSON.stringify(head)}${head.length < text.trimStart().length ? '…' : ''}`;
};
const BLANK = /^[ \t\r]*$/;
const FORMATS_EXPECTED =
  'expected a file named .xml or .txt (XML stanzas) or .jsonl or .ndjson (JSON lines), or one whose first non-blank character is < (XML) or { (JSON lines)';

/** Opens `path` for reading if it is a regular file (not a directory, a pipe or a device), refusing it by name otherwise. */
function openCapture(path: string, shown: string): number {
  const notAFile = (s: Stats) => refuse(shown, `is ${s.isDirectory() ? 'a directory' : 'not a regular file'}: expected a capture file`);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' || code === 'ENOTDIR' ? refuse(shown, 'no such file: expected a capture file') : unreadable(shown, e);
  }
  if (!stats.isFile()) throw notAFile(stats);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadable(shown, e);
  }
  const opened = fstatSync(fd);
  if (!opened.isFile()) {
    closeSync(fd);
    throw notAFile(opened);
  }
  return fd;
}

/** The lines of the open file `fd`, each decoded as UTF-8 (a first line's BOM dropped, a CR before LF too), none longer than the cap. */
function* linesOf(fd: number, shown: string): Generator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const chunk = Buffer.alloc(64 * 1024);
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  const take = (piece: Buffer) => {
    size += piece.length;
    if (size > CAPTURE_LIMITS.lineBytes) {
      throw refuse(
        `${shown}:${line}`,
        `a line longer than ${MIB(CAPTURE_LIMITS.lineBytes)}: expected stanzas of at most that size, one per line or separated by blank lines`,
      );
    }
    parts.push(Buffer.from(piece));
  };
  const end = (): Line => {
    const bytes = Buffer.concat(parts, size);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw refuse(`${shown}:${line}`, 'not UTF-8 text (binary data, or another encoding such as UTF-16): expected a capture in UTF-8');
    }
    if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const out = { line, text, bytes: size };
    parts = [];
    size = 0;
    line++;
    return out;
  };
  for (;;) {
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) break;
    const data = chunk.subarray(0, got);
    let from = 0;
    for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
      take(data.subarray(from, nl));
      yield end();
      from = nl + 1;
    }
    take(data.subarray(from));
  }
  if (size > 0) yield end();
}

/** Whether `text` holds only a prolog (declaration, DOCTYPE, comments, processing instructions): the stanza's element is still to come. */
const prologOnly = (text: string) => /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>))+\s*$/.test(text);

/** A line that goes on with the stanza above it: it begins with white space, an end tag, or the end of a start tag. */
const CONTINUES = /^(?:[ \t]|<\/|\/?>)/;

/**
 * The XML stanzas of a file's lines. A blank line ends a stanza; a line that
 * begins with white space, `</`, `>` or `/>` goes on with the stanza above
 * it, as does any line after a prolog alone (`<?xml …?>`, `<!DOCTYPE …>`);
 * any other line begins a new stanza, so a stanza that is cut short (not
 * well-formed) never swallows the next one. A stanza must begin with `<`,
 * well-formed or not.
 */
function* xmlStanzas(lines: Iterable<Line>, shown: string): Generator<Line> {
  let current: Line | undefined;
  const done = (s: Line): Line => {
    if (!s.text.trimStart().startsWith('<')) {
      throw refuse(
        `${shown}:${s.line}`,
        `not a stanza (begins with ${begins(s.text)}): expected XML stanzas, each beginning with <, one per line or separated by blank lines`,
      );
    }
    return s;
  };
  for (const l of lines) {
    if (BLANK.test(l.text)) {
      if (current) yield done(current);
      current = undefined;
      continue;
    }
    if (current && (CONTINUES.test(l.text) || prologOnly(current.text))) {
      current.bytes += l.bytes + 1;
      if (current.bytes > CAPTURE_LIMITS.stanzaBytes) {
        throw refuse(
          `${shown}:${current.line}`,
          `a stanza longer than ${MIB(CAPTURE_LIMITS.stanzaBytes)} (it goes on to line ${l.line}): expected stanzas of at most that size, separated by blank lines`,
        );
      }
      current.text += `\n${l.text}`;
      continue;
    }
    if (current) yield done(current);
    current = { ...l };
  }
  if (current) yield done(current);
}

/** The JSON lines of a file: each non-blank line one node object, parsed. */
function* jsonStanzas(lines: Iterable<Line>, shown: string): Generator<Line & { value: object }> {
  const expected = 'expected one node object per line, such as {"tag":"call","attrs":{…},"content":[…]}';
  for (const l of lines) {
    if (BLANK.test(l.text)) continue;
    const where = `${shown}:${l.line}`;
    if (nestedBeyond(l.text, CAPTURE_LIMITS.jsonDepth))
      throw refuse(where, `JSON nested deeper than ${CAPTURE_LIMITS.jsonDepth} levels: ${expected} (a stanza is a few levels deep)`);
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (e) {
      throw refuse(where, `not JSON (${boundText((e as Error).message, 160)}): ${expected}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw refuse(where, `not a node object (received ${describeValue(value)}): ${expected}`);
    yield { ...l, value };
  }
}

/** The first non-blank line of `lines` and the lines after it (the blank ones before it dropped), or undefined for a file with none. */
function firstNonBlank(lines: Iterator<Line>): { first: Line; all: Iterable<Line> } | undefined {
  for (let r = lines.next(); !r.done; r = lines.next()) {
    if (BLANK.test(r.value.text)) continue;
    const first = r.value;
    const all = (function* rest() {
      yield first;
      for (let s = lines.next(); !s.done; s = lines.next()) yield s.value;
    })();
    return { first, all };
  }
  return undefined;
}

/** The stanzas of one capture file, in file order. */
function* readCapture(file: string, cwd: string): Generator<CapturedStanza> {
  const fd = openCapture(resolve(cwd, file), file);
  try {
    const start = firstNonBlank(linesOf(fd, file));
    if (!start) throw refuse(`${file}:1`, 'no stanza (the file is empty or blank): expected XML stanzas or JSON lines of node objects');
    const byName = CAPTURE_EXTENSIONS[extname(file).toLowerCase()];
    const lead = start.first.text.trimStart()[0];
    const format: CaptureFormat | undefined = byName ?? (lead === '<' ? 'xml' : lead === '{' ? 'jsonl' : undefined);
    if (!format)
      throw refuse(`${file}:${start.first.line}`, `cannot tell the format (begins with ${begins(start.first.text)}): ${FORMATS_EXPECTED}`);
    const by = byName ? 'extension' : 'content';
    if (format === 'jsonl') {
      for (const s of jsonStanzas(start.all, file)) yield { file, line: s.line, format, by, value: s.value };
    } else {
      for (const s of xmlStanzas(start.all, file)) yield { file, line: s.line, format, by, value: s.text };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The stanzas of capture files, file after file, each in file order, read
 * line by line (see {@link CAPTURE_LIMITS}). A file's format comes from its
 * name (`.xml`, `.txt`: XML; `.jsonl`, `.ndjson`: JSON lines), else from its
 * first non-blank character. Anything that is not a capture (a missing file,
 * a directory, an empty file, text that is not UTF-8, a chunk that is no
 * stanza, a line that is not JSON or is too long) is a ConformanceError
 * `bad_option` naming `file:line` and what was expected; a file the system
 * will not let be read (permissions) is `io_error`.
 */
export function* readCaptures(files: readonly string[], cwd: string = process.cwd()): Generator<CapturedStanza> {
  for (const file of files) yield* readCapture(file, cwd);
}
