import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_ADAPTERS } from '../adapters/builtin.js';
import { ConformanceError } from '../adapters/errors.js';
import { resolveAdapterFile } from '../adapters/resolve.js';
import { REPORTERS, type ReporterSpec } from '../reports/index.js';
import { notARegularFile } from '../reports/_internals/write-atomic.js';
import type { Resolved } from './resolve-options.js';

/** How much of an existing file is read to tell whether it is a report. */
const HEAD_BYTES = 4096;

/** A file the run reads, which no report may overwrite. */
interface Input {
  what: string;
  file: string;
  /** Device and inode, when the file exists: the same file under another name is still the same file. */
  id?: string;
}

/** What sits at a report path. */
type Found = { kind: 'nothing' } | { kind: 'other'; what: string } | { kind: 'file'; stats: Stats; head: string };

const idOf = (s: Stats) => `${s.dev}:${s.ino}`;

function input(what: string, file: string): Input {
  try {
    return { what, file, id: idOf(statSync(file)) };
  } catch {
    return { what, file };
  }
}

/** The run's own files: adapter modules, reporter modules, the config and the expected-failures file. */
function inputsOf(o: Pick<Resolved, 'adapters' | 'reporters' | 'config' | 'expectedFailuresFile'>): Input[] {
  const out: Input[] = [];
  const builtins = Object.keys(BUILTIN_ADAPTERS);
  for (const a of o.adapters) {
    if (Object.hasOwn(BUILTIN_ADAPTERS, a.specifier) || a.specifier.startsWith('exec:')) continue;
    try {
      out.push(input(`the adapter module ${a.specifier}`, resolveAdapterFile(a.specifier, a.cwd, builtins)));
    } catch {
      // It does not resolve: loading it fails later with its own message, and there is no file to protect.
    }
  }
  for (const r of o.reporters) if (r.module) out.push(input(`the reporter module ${r.name}`, r.module));
  if (o.config) out.push(input('the config file', o.config));
  if (o.expectedFailuresFile) out.push(input('the expected-failures file', o.expectedFailuresFile));
  return out;
}

/** Looks at `file` without following a link, and reads the start of a regular file without waiting on a pipe. */
function look(file: string, refuse: (why: string) => ConformanceError): Found {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOTDIR: a path through a file holds no report; writing there fails later, with exit 2.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'nothing' };
    throw refuse(`cannot be inspected (${(e as Error).message})`);
  }
  const what = notARegularFile(stats, file);
  if (what) return { kind: 'other', what };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw refuse(`cannot be read to tell whether it is an earlier report (${(e as Error).message})`);
  }
  try {
    const opened = fstatSync(fd);
    // Swapped for something else since lstat: judge what was opened.
    if (!opened.isFile()) return { kind: 'other', what: 'not a regular file' };
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, opened.size));
    const n = buf.length > 0 ? readSync(fd, buf, 0, buf.length, 0) : 0;
    return { kind: 'file', stats: opened, head: buf.toString('utf8', 0, n) };
  } finally {
    closeSync(fd);
  }
}

/** Which reports a command writes: how it tells one of its earlier reports, and what it calls them. */
export interface ReportKinds {
  /** Whether `head`, the start of a file at the path of reporter `name`, is an earlier report of it. */
  isReport(name: string, head: string): boolean;
  /** What a report is called in messages: `report`, `evidence report`. */
  label: string;
}

/** The main command's reports (reports/registry.ts). */
const SUITE_REPORTS: ReportKinds = { isReport: (name, head) => REPORTERS[name]?.isReport?.(head) ?? false, label: 'report' };

/** Why `found` at a path of reporter `spec` may not be replaced, or undefined when it may. */
function objection(spec: ReporterSpec, found: Found, inputs: readonly Input[], file: string, kinds: ReportKinds): string | undefined {
  const mine = inputs.find((i) => resolve(i.file) === file || (found.kind === 'file' && i.id === idOf(found.stats)));
  if (mine) return `is ${mine.what}, an input of this run`;
  if (found.kind === 'other') return `is ${found.what}`;
  if (found.kind === 'nothing' || spec.module || found.stats.size === 0) return undefined;
  return kinds.isReport(spec.name, found.head) ? undefined : `holds something other than a ${spec.name} ${kinds.label} of this tool`;
}

/**
 * Gets every report path of the run ready before it starts: an earlier report
 * there is removed, so a run that fails before writing leaves none that reads
 * as a pass. Only a regular file may go: for a built-in reporter one that is
 * empty or recognizably its own report; for a reporter module any regular
 * file. Never one of the run's inputs (`inputs` adds more), and never the
 * file of another reporter. Anything else (a link, a directory, a device, a
 * pipe, a foreign file) is a ConformanceError `bad_option`, thrown after
 * every removable report is gone. `kinds` tells another command's reports
 * (the evidence reports) from anything else.
 */
export function clearReportPaths(
  o: Pick<Resolved, 'adapters' | 'reporters' | 'config' | 'expectedFailuresFile'>,
  { inputs: more = [], kinds = SUITE_REPORTS }: { inputs?: readonly { what: string; file: string }[]; kinds?: ReportKinds } = {},
): void {
  const inputs = [...inputsOf(o), ...more.map((i) => input(i.what, i.file))];
  const claimed = new Map<string, string>();
  let first: ConformanceError | undefined;
  for (const spec of o.reporters) {
    if (!spec.file) continue;
    const file = resolve(spec.file);
    const expected = spec.module
      ? 'a path where nothing is, or a regular file the reporter module may replace'
      : `a path where nothing is, or an earlier ${spec.name} ${kinds.label} of this tool to replace`;
    const refuse = (why: string) => new ConformanceError('bad_option', `--reporter ${spec.name}: ${file} ${why}; expected ${expected}`);
    try {
      const other = claimed.get(file);
      if (other) throw refuse(`is also the file of --reporter ${other}`);
      claimed.set(file, spec.name);
      const found = look(file, refuse);
      const why = objection(spec, found, inputs, file, kinds);
      if (why) throw refuse(why);
      if (found.kind === 'file') unlinkSync(file);
    } catch (e) {
      if (!(e instanceof ConformanceError))
        throw new ConformanceError(
          'io_error',
          `--reporter ${spec.name}: cannot remove the earlier report ${file}: ${(e as Error).message}`,
        );
      first ??= e;
    }
  }
  if (first) throw first;
}

/**
 * Removes the reports a run wrote when it ends with exit 2 after all, so
 * none stays behind reading as a pass; what is not recognizably a report of
 * the reporter at its path is left alone.
 */
export function removeReports(reporters: readonly ReporterSpec[], kinds: ReportKinds = SUITE_REPORTS): void {
  for (const spec of reporters) {
    if (!spec.file) continue;
    const found = look(spec.file, (why) => new ConformanceError('bad_option', `cannot remove the ${kinds.label} ${spec.file}: it ${why}`));
    if (found.kind !== 'file') continue;
    if (!spec.module && found.stats.size > 0 && !kinds.isReport(spec.name, found.head)) continue;
    unlinkSync(spec.file);
  }
}
