/**
 * What may stand at a report path before a run. Real files, links, a pipe and
 * a device node in a scratch directory; the functions are called directly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../adapters/errors.js';
import { clearReportPaths, removeReports } from '../../cli/report-paths.js';
import { parseReporterSpec, REPORTERS, type ReporterSpec } from '../../reports/index.js';
import { TOOL, type SessionResult } from '../../runner/index.js';
import { SPEC_PAGE } from '../../spec/index.js';
import { runCli, scratch } from '../helpers/cli.js';

const ADAPTER_SOURCE = "export default { name: 'mine', reject: { decode: () => ({}) } };\n";
const SESSION: SessionResult = {
  tool: TOOL,
  spec: { page: SPEC_PAGE.title, version: SPEC_PAGE.version },
  seed: 1,
  seedWasRandom: false,
  runs: 1,
  timeoutMs: 1000,
  gatingLevels: ['must'],
  reasons: { values: ['declined'], extended: [] },
  startedAt: new Date(0).toISOString(),
  durationMs: 0,
  results: [],
  errors: [],
  exitCode: 0,
};

/** A scratch directory holding an adapter module `mine.mjs`, and the options of a run of it with `reporters`. */
function setup(name: string, reporters: string[] = []) {
  const dir = scratch(`paths-${name}`);
  writeFileSync(join(dir, 'mine.mjs'), ADAPTER_SOURCE);
  const options = (texts: string[] = reporters) => ({
    adapters: [
      { specifier: './mine', cwd: dir },
      { specifier: 'reference', cwd: dir },
    ],
    reporters: texts.map((t) => parseReporterSpec(t, dir)),
  });
  return { dir, options, at: (f: string) => join(dir, f) };
}

/** The ConformanceError `clear` throws. */
function refusal(clear: () => void): ConformanceError {
  let error: unknown;
  try {
    clear();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConformanceError);
  expect((error as ConformanceError).code).toBe('bad_option');
  return error as ConformanceError;
}

/** Writes the real report of `name` (json, junit, markdown, html) to `file`, as a run would. */
async function writeReport(name: string, file: string): Promise<void> {
  await REPORTERS[name]!.make({ file }).onSessionEnd!(SESSION);
}

describe('an earlier report is replaced', () => {
  it.each(['json', 'junit', 'markdown', 'html'])('a %s report this tool wrote is removed before the run', async (name) => {
    const { at, options } = setup(`earlier-${name}`);
    await writeReport(name, at('earlier'));
    clearReportPaths(options([`${name}:earlier`]));
    expect(existsSync(at('earlier'))).toBe(false);
  });

  it('an empty file is removed (nothing is lost), and so is nothing at all', () => {
    const { at, options } = setup('empty');
    writeFileSync(at('empty.xml'), '');
    clearReportPaths(options(['junit:empty.xml', 'json:not-there/r.json']));
    expect(existsSync(at('empty.xml'))).toBe(false);
  });

  it('a path below a file holds no report: nothing to remove, writing fails later', () => {
    const { at, options } = setup('enotdir');
    writeFileSync(at('blocker'), 'x');
    clearReportPaths(options(['json:blocker/r.json']));
    expect(readFileSync(at('blocker'), 'utf8')).toBe('x');
  });
});

describe('anything else at a report path is refused before the run (exit 2), and left as it was', () => {
  it("the adapter module: `json:mine.mjs` does not delete the codec author's source", () => {
    const { at, options } = setup('adapter');
    const e = refusal(() => clearReportPaths(options(['json:mine.mjs'])));
    expect(e.message).toBe(
      `--reporter json: ${at('mine.mjs')} is the adapter module ./mine, an input of this run; expected a path where nothing is, or an earlier json report of this tool to replace`,
    );
    expect(readFileSync(at('mine.mjs'), 'utf8')).toBe(ADAPTER_SOURCE);
  });

  it('a symbolic link, even to an earlier report; the link and its target stay', async () => {
    const { at, options } = setup('symlink');
    await writeReport('json', at('real.json'));
    symlinkSync('real.json', at('link.json'));
    symlinkSync('missing.json', at('dangling.json'));
    expect(refusal(() => clearReportPaths(options(['json:link.json']))).message).toContain(
      `${at('link.json')} is a symbolic link (to real.json); expected`,
    );
    expect(refusal(() => clearReportPaths(options(['json:dangling.json']))).message).toContain('is a symbolic link (to missing.json)');
    expect(lstatSync(at('link.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(at('dangling.json')).isSymbolicLink()).toBe(true);
    expect(existsSync(at('real.json'))).toBe(true);
  });

  it('a named pipe (FIFO), without opening it (which would wait for a writer)', () => {
    const { at, options } = setup('fifo');
    execFileSync('mkfifo', [at('pipe')]);
    expect(refusal(() => clearReportPaths(options(['junit:pipe']))).message).toContain(`${at('pipe')} is a named pipe (FIFO); expected`);
    expect(lstatSync(at('pipe')).isFIFO()).toBe(true);
  });

  it.skipIf(process.getuid?.() !== 0)('a device node (as root, where removing one would succeed)', () => {
    const { at, options } = setup('device');
    execFileSync('mknod', [at('null'), 'c', '1', '3']);
    expect(refusal(() => clearReportPaths(options(['junit:null']))).message).toContain(`${at('null')} is a character device; expected`);
    expect(lstatSync(at('null')).isCharacterDevice()).toBe(true);
  });

  it('a directory', () => {
    const { at, options } = setup('dir');
    mkdirSync(at('out'));
    expect(refusal(() => clearReportPaths(options(['html:out']))).message).toContain(`${at('out')} is a directory; expected`);
    expect(existsSync(at('out'))).toBe(true);
  });

  it.each([
    [
      'json',
      'other.json',
      '{\n  "format": "another-report",\n  "formatVersion": 1,\n  "tool": {\n    "name": "stanza-conformance"\n  }\n}\n',
    ],
    [
      'json',
      'forged.json',
      '{\n  "format": "stanza-conformance-report",\n  "formatVersion": 1,\n  "tool": {\n    "name": "another-tool"\n  }\n}\n',
    ],
    ['json', 'package.json', '{\n  "name": "my-codec"\n}\n'],
    ['junit', 'junit.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="another tool"/>\n'],
    ['markdown', 'NOTES.md', '# my notes\n<!-- stanza-conformance report: the next run may replace this file -->\n'],
    ['html', 'index.html', '<!DOCTYPE html>\n<html><body>my page</body></html>\n'],
  ])('a %s path holding a foreign file (%s)', (name, f, text) => {
    const { at, options } = setup(`foreign-${name}`);
    writeFileSync(at(f), text);
    const e = refusal(() => clearReportPaths(options([`${name}:${f}`])));
    expect(e.message).toBe(
      `--reporter ${name}: ${at(f)} holds something other than a ${name} report of this tool; expected a path where nothing is, or an earlier ${name} report of this tool to replace`,
    );
    expect(readFileSync(at(f), 'utf8')).toBe(text);
  });

  it('a report of another format: a JUnit path holding a JSON report', async () => {
    const { at, options } = setup('other-format');
    await writeReport('json', at('r.xml'));
    expect(refusal(() => clearReportPaths(options(['junit:r.xml']))).message).toContain('holds something other than a junit report');
  });

  it('the config and the expected-failures file, even when they do not exist yet', () => {
    const { at, options } = setup('inputs');
    writeFileSync(at('conformance.config.json'), '{}');
    const o = { ...options(['json:conformance.config.json']), config: at('conformance.config.json') };
    expect(refusal(() => clearReportPaths(o)).message).toContain('is the config file, an input of this run');
    const x = { ...options(['json:expected.json']), expectedFailuresFile: at('expected.json') };
    expect(refusal(() => clearReportPaths(x)).message).toContain('is the expected-failures file, an input of this run');
  });

  it('two reporters writing one file', () => {
    const { at, options } = setup('twice');
    expect(refusal(() => clearReportPaths(options(['json:r', 'junit:r']))).message).toBe(
      `--reporter junit: ${at('r')} is also the file of --reporter json; expected a path where nothing is, or an earlier junit report of this tool to replace`,
    );
  });

  it('a refusal comes after every earlier report is gone, so none outlives the failed run', async () => {
    const { at, options } = setup('refuse-after');
    await writeReport('markdown', at('r.md'));
    mkdirSync(at('dir'));
    refusal(() => clearReportPaths(options(['json:dir', 'markdown:r.md'])));
    expect(existsSync(at('r.md'))).toBe(false);
  });
});

describe("a reporter module's file", () => {
  it('may be any regular file, which is removed before the run', () => {
    const { at, options } = setup('module-file');
    writeFileSync(at('count.mjs'), 'export default () => ({});\n');
    writeFileSync(at('out.txt'), '3');
    clearReportPaths(options(['./count.mjs:out.txt']));
    expect(existsSync(at('out.txt'))).toBe(false);
  });

  it('is never a link, an input (even under another name, a hard link), or the module itself', () => {
    const { at, options } = setup('module-inputs');
    writeFileSync(at('count.mjs'), 'export default () => ({});\n');
    linkSync(at('mine.mjs'), at('hard-link.txt'));
    symlinkSync('elsewhere.txt', at('soft-link.txt'));
    expect(refusal(() => clearReportPaths(options(['./count.mjs:hard-link.txt']))).message).toBe(
      `--reporter ./count.mjs: ${at('hard-link.txt')} is the adapter module ./mine, an input of this run; expected a path where nothing is, or a regular file the reporter module may replace`,
    );
    expect(refusal(() => clearReportPaths(options(['./count.mjs:count.mjs']))).message).toContain(
      'is the reporter module ./count.mjs, an input of this run',
    );
    expect(refusal(() => clearReportPaths(options(['./count.mjs:soft-link.txt']))).message).toContain('is a symbolic link');
    expect(readFileSync(at('hard-link.txt'), 'utf8')).toBe(ADAPTER_SOURCE);
  });
});

describe('after a reporter fails, removeReports', () => {
  it('removes the reports the run wrote and leaves what is not a report of that reporter', async () => {
    const { at } = setup('remove');
    await writeReport('junit', at('r.xml'));
    writeFileSync(at('r.json'), '{"mine": true}');
    const specs: ReporterSpec[] = [
      { name: 'junit', file: at('r.xml') },
      { name: 'json', file: at('r.json') },
    ];
    removeReports(specs);
    expect(existsSync(at('r.xml'))).toBe(false);
    expect(readFileSync(at('r.json'), 'utf8')).toBe('{"mine": true}');
  });
});

describe('through the command', () => {
  it('`--reporter json:./mine.mjs` exits 2 naming the path, and the adapter still loads afterwards', async () => {
    const { dir, at } = setup('cli');
    const r = await runCli(['--adapter', './mine.mjs', '--reporter', 'json:./mine.mjs'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${at('mine.mjs')} is the adapter module ./mine.mjs, an input of this run`);
    expect(readFileSync(at('mine.mjs'), 'utf8')).toBe(ADAPTER_SOURCE);
  });
});
