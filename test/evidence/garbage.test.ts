/**
 * What is not a capture is refused: exit 2, one line naming file:line and
 * what was expected, no stack trace, and no report left behind (an earlier
 * evidence report at the path goes too).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_LIMITS } from '../../runner/evidence/index.js';
import { runCli, scratch } from '../helpers/cli.js';
import { capture, FIXTURE } from './helpers.js';

const dir = scratch('evidence-garbage');

/** A file of `size` bytes that starts with `head` and is zeros after it, written sparsely: 200 MB cost nothing on disk. */
function sparse(name: string, head: string, size: number): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
}

const CASES: [string, () => string, RegExp][] = [
  [
    'binary data',
    () => capture(dir, 'binary.xml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    /binary\.xml:1: not UTF-8 text .*: expected a capture in UTF-8$/,
  ],
  [
    'NUL bytes',
    () => capture(dir, 'nul.xml', '\0\0\0\0\n'),
    /nul\.xml:1: not a stanza \(begins with "\\u0000\\u0000\\u0000\\u0000"\): expected XML stanzas, each beginning with </,
  ],
  [
    'NUL bytes, format unknown',
    () => capture(dir, 'nul.bin', '\0\0'),
    /nul\.bin:1: cannot tell the format .*: expected a file named \.xml or \.txt/,
  ],
  [
    'NUL bytes in JSON lines',
    () => capture(dir, 'nul.jsonl', '{"tag":"call","attrs":{}}\n\0\0\n'),
    /nul\.jsonl:2: not JSON \(.*\): expected one node object per line/,
  ],
  [
    'invalid UTF-8 in a stanza',
    () =>
      capture(
        dir,
        'latin1.xml',
        Buffer.concat([Buffer.from('<call from="a@lid">\n<call id="'), Buffer.from([0xe9]), Buffer.from('"/>\n')]),
      ),
    /latin1\.xml:2: not UTF-8 text/,
  ],
  [
    'UTF-16',
    () => capture(dir, 'utf16.xml', Buffer.from('\uFEFF<call/>', 'utf16le')),
    /utf16\.xml:1: not UTF-8 text \(binary data, or another encoding such as UTF-16\)/,
  ],
  [
    'a directory',
    () => {
      const d = join(dir, 'captures.xml');
      mkdirSync(d, { recursive: true });
      return d;
    },
    /captures\.xml: is a directory: expected a capture file$/,
  ],
  ['a missing file', () => join(dir, 'missing.jsonl'), /missing\.jsonl: no such file: expected a capture file$/],
  [
    'an empty file',
    () => capture(dir, 'empty.xml', ''),
    /empty\.xml:1: no stanza \(the file is empty or blank\): expected XML stanzas or JSON lines/,
  ],
  ['a blank file', () => capture(dir, 'blank.jsonl', '\n  \n\t\n'), /blank\.jsonl:1: no stanza/],
  [
    'a 200 MB line',
    () => sparse('huge.xml', '<call from="', 200 * 1024 * 1024),
    /huge\.xml:1: a line longer than 1 MiB \(1,048,576 bytes\): expected stanzas of at most that size/,
  ],
  [
    'a long line after good ones',
    () => capture(dir, 'long.xml', `<call/>\n<call/>\n<call id="${'x'.repeat(CAPTURE_LIMITS.lineBytes)}"/>\n`),
    /long\.xml:3: a line longer than 1 MiB/,
  ],
  [
    'a stanza of many lines past the cap',
    () => capture(dir, 'tall.xml', `<call>\n${`  <x a="${'y'.repeat(1000)}"/>\n`.repeat(1100)}</call>\n`),
    /tall\.xml:1: a stanza longer than 1 MiB \(1,048,576 bytes\) \(it goes on to line \d+\): expected stanzas of at most that size, separated by blank lines$/,
  ],
  [
    'deeply nested JSON',
    () => capture(dir, 'deep.jsonl', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    /deep\.jsonl:1: JSON nested deeper than 64 levels: expected one node object per line/,
  ],
  [
    'deeply nested nodes',
    () => capture(dir, 'nodes.jsonl', `${'{"tag":"call","attrs":{},"content":['.repeat(40)}${']}'.repeat(40)}\n`),
    /nodes\.jsonl:1: JSON nested deeper than 64 levels/,
  ],
  [
    'a line that is not JSON',
    () => capture(dir, 'capture.jsonl', `${'{"tag":"ack","attrs":{}}\n'.repeat(11)}{"tag": call}\n`),
    /capture\.jsonl:12: not JSON \(.+\): expected one node object per line, such as \{"tag":"call"/,
  ],
  [
    'JSON that is no object',
    () => capture(dir, 'array.ndjson', '{"tag":"ack","attrs":{}}\n[1, 2]\n'),
    /array\.ndjson:2: not a node object \(received an array \(2\)\): expected one node object per line/,
  ],
  ['a JSON string', () => capture(dir, 'string.jsonl', '"<call/>"\n'), /string\.jsonl:1: not a node object \(received "<call\/>"\)/],
  [
    'text that is no stanza',
    () => capture(dir, 'notes.txt', '<call/>\n\nthe caller hung up here\n'),
    /notes\.txt:3: not a stanza \(begins with "the caller hung up here"\): expected XML stanzas/,
  ],
  [
    'text before the first stanza',
    () => capture(dir, 'log.xml', '2026-01-01 12:00:00 <call/>\n'),
    /log\.xml:1: not a stanza \(begins with "2026-01-01 12:00:00 <cal"…\)/,
  ],
];

describe('conformance evidence on what is not a capture', () => {
  it.each(CASES)('%s: exit 2, one line with file:line and what was expected, and no report left', async (_name, make, message) => {
    const out = join(dir, 'evidence.json');
    // An earlier evidence report at the path: it must not outlive a run that fails.
    const earlier = await runCli(['evidence', FIXTURE.xml, '--reporter', `json:${out}`]);
    expect(earlier.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const r = await runCli(['evidence', FIXTURE.xml, make(), '--reporter', `json:${out}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^conformance: /);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a report path that is one of the captures, and leaves the capture as it was', async () => {
    const file = capture(dir, 'mine.xml', '<call/>\n');
    const r = await runCli(['evidence', file, '--reporter', `json:${file}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is the capture ${file}, an input of this run`);
    expect(readFileSync(file, 'utf8')).toBe('<call/>\n');
  });

  it('refuses to replace a file that is not an evidence report, and a suite report too', async () => {
    const foreign = capture(dir, 'notes.json', '{"mine": true}\n');
    const r = await runCli(['evidence', FIXTURE.xml, '--reporter', `json:${foreign}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds something other than a json evidence report of this tool');
    expect(readFileSync(foreign, 'utf8')).toBe('{"mine": true}\n');
    const suite = capture(dir, 'report.md', '<!-- stanza-conformance report: the next run may replace this file -->\n## x\n');
    expect((await runCli(['evidence', FIXTURE.xml, '--reporter', `markdown:${suite}`])).code).toBe(2);
  });

  it.each([
    [['--reporter', 'html'], /--reporter "html": expected one of console, json, markdown \(optionally NAME:PATH\)$/],
    [['--reporter', './mine.ts'], /--reporter "\.\/mine\.ts": expected one of console, json, markdown/],
    [['--reporter', 'console:out.txt'], /console writes to the terminal, expected no :PATH/],
    [
      ['--extra-reason', 'do not disturb'],
      /--extra-reason: reason extension "do not disturb": expected a non-empty string of printable ASCII without spaces/,
    ],
  ])('refuses bad options %j with exit 2', async (flags, message) => {
    const r = await runCli(['evidence', FIXTURE.xml, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it("refuses the suite's options before evidence, and no file at all", async () => {
    const r = await runCli(['--adapter', 'reference', '--strict', 'evidence', FIXTURE.xml]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--adapter, --strict before evidence: expected conformance evidence');
    const none = await runCli(['evidence']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing required argument 'file'");
    expect(none.stderr).toContain('(see conformance evidence --help)');
  });
});
