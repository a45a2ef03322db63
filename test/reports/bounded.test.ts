/**
 * Codecs that return what no report could hold (25 MB, 5,000 levels deep, a
 * lazy view whose getters and Proxy traps throw): the run still fails them,
 * and every report is written, small and valid, with a marker where a value
 * was cut.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { jsonReport, REPORTERS } from '../../reports/index.js';
import { FURTHER_BOUNDS } from '../../reports/_internals/kinds.js';
import { BOUNDS, run, type CheckResult, type RunResult } from '../../runner/index.js';
import { parseXml } from '../../spec/index.js';
import { ROOT, runCli, scratch } from '../helpers/cli.js';
import { sessionOf } from '../helpers/session.js';

const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile');
const CHECKS = ['reject.decode.page-example', 'reject.decode.plain'];
const FILES = { json: 'report.json', junit: 'junit.xml', markdown: 'report.md', html: 'report.html' } as const;
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** Reads the four reports in `dir`, checking each is there, under its size limit, and valid for its reader. */
function readReports(dir: string): Record<keyof typeof FILES, string> {
  const text = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(join(dir, f), 'utf8')])) as Record<
    keyof typeof FILES,
    string
  >;
  expect(statSync(join(dir, FILES.json)).size).toBeLessThan(1_500_000);
  for (const k of ['junit', 'markdown', 'html'] as const) expect(statSync(join(dir, FILES[k])).size, k).toBeLessThan(100_000);
  const report = JSON.parse(text.json);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  expect(() => parseXml(text.junit)).not.toThrow();
  expect(text.html.trimEnd().endsWith('</html>')).toBe(true);
  return text;
}

async function writeReports(result: RunResult): Promise<string> {
  const dir = scratch('bounded');
  for (const [name, file] of Object.entries(FILES)) await REPORTERS[name]!.make({ file: join(dir, file) }).onSessionEnd!(sessionOf(result));
  return dir;
}

// Values a check can still read and judge, cut where a report keeps them.
const CASES = [
  { fixture: 'decode-returns-long-string', marker: /F…\[truncated: 4,9\d\d,\d\d\d more chars\]/ },
  { fixture: 'decode-returns-nested-value', marker: /…\[truncated: nested more than 16 levels deep\]/ },
];
// Values that cannot be read or judged at all (README "Isolation"): the case fails as unreadable_value, before any report.
const UNREADABLE = [
  {
    fixture: 'decode-returns-huge-string',
    why: /^decode returned a value that cannot be judged: it is larger than 16777216 characters, bytes and entries in all$/,
    warning: /^teardown threw: E+…\[truncated/,
  },
  {
    fixture: 'decode-returns-deep-value',
    why: /^decode returned a value that cannot be judged: it nests deeper than 64 levels \(at the value\.callId(\[0\])+\)$/,
  },
  { fixture: 'getter-throws', why: /^decode returned a value that cannot be judged: reading the value(\.\w+)? threw / },
];

describe('reports of codecs that return unbounded or hostile values (in-process)', () => {
  for (const { fixture, marker } of CASES) {
    it(`${fixture}: the decode checks fail, and every report is written, small and valid, marking the cut`, async () => {
      const seen: CheckResult[] = [];
      const result = await run({
        adapter: await loadAdapter(join(HOSTILE, `${fixture}.ts`)),
        isolation: false,
        checks: CHECKS,
        runs: 5,
        onCheckEnd: (c) => seen.push(c),
      });
      expect(result.checks.map((c) => c.status)).toEqual(['failed', 'failed']);
      // A reporter's onCheckEnd is handed the bounded result too, not the codec's value.
      for (const c of seen) expect(JSON.stringify(jsonReport(sessionOf({ ...result, checks: [c] }))).length).toBeLessThan(1_000_000);
      expect(JSON.stringify(jsonReport(sessionOf({ ...result, checks: seen })))).toMatch(marker);
      const reports = readReports(await writeReports(result));
      const { checks, warnings } = JSON.parse(reports.json).adapters[0];
      expect(checks[0].failure.received.text).toMatch(marker);
      expect(JSON.stringify(checks[0].failure.received.value)).toMatch(marker);
      // A check's further failing kinds are cut too, tighter than its first.
      const further = checks[1].failures.slice(1);
      expect(further.length).toBeGreaterThan(0);
      for (const f of further) {
        expect(f.received.text).toMatch(marker);
        expect(JSON.stringify(f.received.value).length).toBeLessThan(FURTHER_BOUNDS.valueChars * 2);
      }
      for (const w of warnings) expect(w.length).toBeLessThanOrEqual(BOUNDS.textChars);
      expect(warnings).toEqual([]);
    });
  }
});

describe('codecs whose values cannot be read (in-process; the worker gives the same verdict)', () => {
  for (const { fixture, why, warning } of UNREADABLE) {
    it.each([false, true])(
      `${fixture}: the decode checks fail as unreadable_value (isolation %s), and every report is written, small and valid`,
      async (isolation) => {
        const result = await run({ adapter: await loadAdapter(join(HOSTILE, `${fixture}.ts`)), isolation, checks: CHECKS, runs: 5 });
        expect(result.checks.map((c) => [c.status, c.failure?.code])).toEqual([
          ['failed', 'unreadable_value'],
          ['failed', 'unreadable_value'],
        ]);
        for (const c of result.checks) expect(c.failure!.message).toMatch(why);
        const reports = readReports(await writeReports(result));
        const { warnings } = JSON.parse(reports.json).adapters[0];
        for (const w of warnings) expect(w.length).toBeLessThanOrEqual(BOUNDS.textChars);
        if (warning) expect(warnings).toEqual([expect.stringMatching(warning)]);
      },
      60_000,
    );
  }
});

describe('the CLI, with the codec in a worker', () => {
  it('writes every report, bounded, for a codec that returns 5 MB', async () => {
    const dir = scratch('bounded-cli');
    const ran = await runCli([
      '--adapter',
      join(HOSTILE, 'decode-returns-long-string.ts'),
      '--check',
      CHECKS[0]!,
      ...Object.entries(FILES).map(([name, file]) => `--reporter=${name}:${join(dir, file)}`),
    ]);
    expect(ran.code).toBe(1);
    // What a person reads counts what was left out of the whole 5,000,000 characters.
    expect(readReports(dir).markdown).toMatch(/F…\[truncated: 4,999,\d\d\d more chars\]/);
  });
});
