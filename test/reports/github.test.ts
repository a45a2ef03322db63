/**
 * The github reporter and the action's own logic, in this process: which
 * annotations a session gives (gating first, in suite order, ten of each
 * kind and a line for the rest), codec text kept to one visible line, the
 * job summary appended and bounded, the defaults under GitHub Actions, and
 * how the action turns inputs into a command line and an exit into outputs,
 * and a JSON report back into the session the github reporter reads.
 * test/action.test.ts runs the action's step as a runner does.
 */
import { describe, expect, it } from 'vitest';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import type { Adapter } from '../../adapters/contract.js';
import { commandLine, DEFAULT_TIME_LIMIT_MINUTES, InputError, outputsOf, readInputs } from '../../cli/action.js';
import { defaultReporters } from '../../cli/resolve-options.js';
import { ANNOTATIONS_PER_KIND, annotationsOf, boundedSummary, githubReporter, type Annotation } from '../../reports/github.js';
import { parseReporterSpec } from '../../reports/registry.js';
import { jsonReport } from '../../reports/json.js';
import { revive, sessionFromReport } from '../../reports/json-session.js';
import { markdownReport } from '../../reports/markdown.js';
import { referenceNodeAdapter } from '../../adapters/reference/node.js';
import type { WireNode } from '../../adapters/contract.js';
import { run, type RunResult } from '../../runner/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import { sessionOf } from '../helpers/session.js';

const ref = referenceXmlAdapter().reject as Required<Adapter<string>['reject']>;

async function runOf(name: string, reject: Partial<Adapter<string>['reject']>, checks?: string[]): Promise<RunResult> {
  const adapter: Adapter<string> = { name, wire: 'xml', reject: { ...ref, ...reject } };
  return run({
    adapter: { adapter, specifier: `./${name}.ts` },
    isolation: false,
    runs: 2,
    shippedCorpus: false,
    ...(checks ? { checks } : {}),
  });
}

const throwing = (message: string) => () => {
  throw new Error(message);
};

describe('annotationsOf', () => {
  it('gives nothing for a passing run', async () => {
    expect(annotationsOf(sessionOf(await runOf('reference', {})), { summary: true })).toEqual([]);
  });

  it('annotates each gating failure as an error titled with its check id: the verdict and the reproduce command', async () => {
    const r = await runOf('encode-throws', { encode: throwing('nope') }, ['reject.encode.from', 'reject.encode.to']);
    const a = annotationsOf(sessionOf(r), { summary: true });
    expect(a.map((x) => [x.kind, x.title])).toEqual([
      ['error', 'reject.encode.from'],
      ['error', 'reject.encode.to'],
    ]);
    for (const [i, x] of a.entries()) {
      const f = r.checks[i]!.failure!;
      expect(x.message).toBe(`must · ${f.message} · reproduce: ${f.reproduce}`);
    }
  });

  it('shows ten errors and ten warnings, gating first in suite order, then one notice counting the rest', async () => {
    // every valid-input check fails (errors); the should-level error checks fail too (warnings)
    const r = await runOf('throws-everything', { encode: throwing('no'), decode: throwing('no'), reply: throwing('no') });
    const gating = r.checks.filter((c) => c.status === 'failed' && c.gating).map((c) => c.id);
    const should = r.checks.filter((c) => c.status === 'failed' && !c.gating).map((c) => c.id);
    expect(gating.length).toBeGreaterThan(ANNOTATIONS_PER_KIND);
    const a = annotationsOf(sessionOf(r), { summary: true });
    const of = (k: Annotation['kind']) => a.filter((x) => x.kind === k);
    expect(of('error').map((x) => x.title)).toEqual(gating.slice(0, ANNOTATIONS_PER_KIND));
    expect(of('warning').map((x) => x.title)).toEqual(should.slice(0, ANNOTATIONS_PER_KIND));
    // errors before warnings, the notice last
    expect(a.map((x) => x.kind)).toEqual([...of('error'), ...of('warning'), ...of('notice')].map((x) => x.kind));
    const more = gating.length - ANNOTATIONS_PER_KIND;
    expect(of('notice')).toEqual([
      {
        kind: 'notice',
        title: 'stanza-conformance',
        message: `${more} more error${more === 1 ? '' : 's'} not annotated (GitHub shows 10 of each kind per step); the job summary lists them all`,
      },
    ]);
    expect(annotationsOf(sessionOf(r), { summary: false }).at(-1)!.message).toMatch(/; the log above lists them all$/);
    // suite order is the suite's own
    const order = REJECT_SUITE.map((c) => c.id);
    const idx = of('error').map((x) => order.indexOf(x.title));
    expect(idx).toEqual([...idx].sort((p, q) => p - q));
  });

  it('warns of a stale expected failure and of a restart', async () => {
    const r = await runOf('reference', {}, ['reject.encode.from']);
    const stale: RunResult = {
      ...r,
      checks: [{ ...r.checks[0]!, status: 'stale-expected-failure', gating: true, expected: { file: 'expected.yaml' } }],
      restarts: [{ check: 'reject.encode.to', reason: 'did not return within 2000 ms' }],
    };
    expect(annotationsOf(sessionOf(stale), { summary: true })).toEqual([
      {
        kind: 'warning',
        title: 'reject.encode.from',
        message: 'passes now, but expected.yaml lists it as an expected failure: remove the entry (gating)',
      },
      { kind: 'warning', title: 'restart', message: 'the adapter was restarted during reject.encode.to: it did not return within 2000 ms' },
    ]);
  });

  it('annotates an adapter that could not be run as an error', async () => {
    const s = {
      ...sessionOf(await runOf('reference', {}, ['reject.encode.from'])),
      errors: [{ specifier: './x.ts', message: 'no default export' }],
    };
    expect(annotationsOf(s, { summary: true })).toEqual([
      { kind: 'error', title: 'adapter ./x.ts', message: 'could not be run: no default export' },
    ]);
  });

  it('keeps what a codec said on one visible line, in the message and in a title that holds the adapter name', async () => {
    const hostile = 'no\n::add-mask::secret\r\n::stop-commands::x\u2028::set-output name=verdict::passed';
    const name = 'evil\n::add-mask::name';
    const a = await runOf(name, { encode: throwing(hostile) }, ['reject.encode.from']);
    const b = await runOf('plain', {}, ['reject.encode.from']);
    const all = annotationsOf({ ...sessionOf(a, b) }, { summary: true });
    expect(all).toHaveLength(1);
    for (const x of all) {
      expect(x.title).toBe('reject.encode.from (evil\\n::add-mask::name)');
      expect(x.message).not.toMatch(/[\r\n\u2028]/);
      expect(x.message).toContain('no\\n::add-mask::secret\\r\\n::stop-commands::x\\u2028::set-output');
    }
  });
});

describe('boundedSummary', () => {
  it('keeps a summary that fits as it is', () => {
    expect(boundedSummary('# a\n\nb\n', 100)).toBe('# a\n\nb\n');
  });

  it('cuts one that does not at a line break, within the bound, with a visible note', () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} 😀`).join('\n');
    const out = boundedSummary(text, 2048);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(2048);
    expect(out).toMatch(/\n\n> \*\*This summary was cut at 2 KiB\*\* \(GitHub keeps at most 1 MiB per step\)/);
    const kept = out.slice(0, out.indexOf('\n\n> **'));
    expect(text.startsWith(kept)).toBe(true);
    expect(kept.endsWith('😀')).toBe(true);
  });
});

describe('githubReporter', () => {
  it('annotates, then appends the bounded Markdown report to the summary only when GITHUB_STEP_SUMMARY is set', async () => {
    const r = await runOf('encode-throws', { encode: throwing('nope') }, ['reject.encode.from']);
    for (const env of [{ GITHUB_STEP_SUMMARY: '/tmp/summary.md' }, {}]) {
      const annotated: Annotation[] = [];
      const summaries: string[] = [];
      const reporter = githubReporter({
        env,
        output: { annotate: (x) => void annotated.push(x), appendSummary: async (t) => void summaries.push(t) },
      });
      await reporter.onSessionEnd!(sessionOf(r));
      expect(annotated.map((x) => x.title)).toEqual(['reject.encode.from']);
      expect(summaries.length).toBe(env.GITHUB_STEP_SUMMARY ? 1 : 0);
      if (summaries[0]) expect(summaries[0]).toMatch(/gate failed[\s\S]*reject\.encode\.from/);
    }
  });

  it('is on by default next to the console under GitHub Actions only, and takes no path', () => {
    expect(defaultReporters({ GITHUB_ACTIONS: 'true' })).toEqual(['console', 'github']);
    expect(defaultReporters({})).toEqual(['console']);
    expect(defaultReporters({ GITHUB_ACTIONS: 'false' })).toEqual(['console']);
    expect(parseReporterSpec('github', '/w')).toEqual({ name: 'github' });
    expect(() => parseReporterSpec('github:x.txt', '/w')).toThrow(/github writes annotations and the job summary, expected no :PATH/);
  });
});

describe('sessionFromReport: the github reporter run in another process, on the JSON report', () => {
  it('gives the annotations and the job summary the session itself gives, values and all', async () => {
    const node = referenceNodeAdapter().reject as Required<Adapter<WireNode>['reject']>;
    const nodeRun = await run({
      // a node codec whose encode drops the reject's content: its failures show bytes, undefined and nested nodes
      adapter: {
        adapter: { name: 'node-drops', wire: 'node', reject: { ...node, encode: (m) => ({ ...node.encode(m), content: undefined }) } },
        specifier: './node-drops.ts',
      },
      isolation: false,
      runs: 2,
      shippedCorpus: false,
    });
    const xmlRun = await runOf('throws-everything', { encode: throwing('no\n::x'), decode: throwing('no'), reply: () => 42 as never });
    for (const s of [sessionOf(nodeRun), sessionOf(xmlRun), sessionOf(xmlRun, nodeRun)]) {
      const back = sessionFromReport(jsonReport(s));
      expect(markdownReport(back)).toBe(markdownReport(s));
      expect(annotationsOf(back, { summary: true })).toEqual(annotationsOf(s, { summary: true }));
    }
    expect(nodeRun.summary.gatingFailures).toBeGreaterThan(0);
  });

  it('takes back the tags the JSON report gives what JSON cannot carry, and leaves the rest as they are', () => {
    expect(revive({ a: { $undefined: true }, b: { $bigint: '-12' }, c: { $bytes: '00ff' }, d: { $number: 'NaN' } })).toEqual({
      a: undefined,
      b: -12n,
      c: new Uint8Array([0, 255]),
      d: NaN,
    });
    expect(revive([{ $cycle: true }, { $bytes: 'zz' }, { $undefined: true, x: 1 }])).toEqual([
      { $cycle: true },
      { $bytes: 'zz' },
      { $undefined: true, x: 1 },
    ]);
  });
});

describe('the action step: inputs to a command line, an exit to outputs', () => {
  const inputs = (env: Record<string, string>) => readInputs(env);

  it('reads INPUT_* as the action passes them, and builds the arguments in order', () => {
    const i = inputs({
      INPUT_ADAPTER: ' ./a.ts\n\n./b.ts \n',
      INPUT_CONFIG: 'c.json',
      INPUT_EXPECTED_FAILURES: 'x.yaml',
      INPUT_STRICT: 'true',
      INPUT_SEED: '7',
      INPUT_RUNS: '20',
      INPUT_CHECK: 'reject.encode.*\nreject.decode.plain',
      INPUT_REPORTERS: 'console github\njunit:out/j.xml',
    });
    const line = commandLine(i, '/w');
    expect(line.args).toEqual([
      '--adapter',
      './a.ts',
      '--adapter',
      './b.ts',
      '--config',
      'c.json',
      '--expected-failures',
      'x.yaml',
      '--strict',
      '--seed',
      '7',
      '--runs',
      '20',
      '--check',
      'reject.encode.*',
      '--check',
      'reject.decode.plain',
      '--reporter',
      'console',
      '--reporter',
      'junit:out/j.xml',
      '--reporter',
      'json:/w/conformance-report/report.json',
    ]);
    // github is the step's own: it annotates and writes the job summary from the JSON report, the CLI does neither
    expect(line).toMatchObject({ json: '/w/conformance-report/report.json', reportDir: '/w/conformance-report', github: true });
    expect(commandLine(inputs({ INPUT_REPORTERS: 'console json' }), '/w').github).toBe(false);
  });

  it('keeps a json reporter the inputs name, and adds nothing for empty inputs but the JSON report', () => {
    expect(commandLine(inputs({ INPUT_REPORTERS: 'json:r/out.json' }), '/w')).toMatchObject({ json: '/w/r/out.json' });
    expect(commandLine(inputs({}), '/w').args).toEqual(['--reporter', 'json:/w/conformance-report/report.json']);
  });

  it('refuses an input it cannot pass on, naming it and what was expected', () => {
    expect(() => commandLine(inputs({ INPUT_STRICT: 'yes' }), '/w')).toThrow(new InputError('input strict: "yes", expected true or false'));
    expect(() => commandLine(inputs({ INPUT_RUNS: '5; rm -rf /' }), '/w')).toThrow(/input runs: "5; rm -rf \/", expected a number/);
    expect(() => commandLine(inputs({ INPUT_REPORTERS: 'xml' }), '/w')).toThrow(
      /input reporters: "xml", expected one of console, json, junit, markdown, html, github/,
    );
    // parsed as the CLI parses --reporter: what it refuses, the input is refused for, before any run
    expect(() => commandLine(inputs({ INPUT_REPORTERS: 'github:x.txt' }), '/w')).toThrow(
      new InputError('input reporters: "github:x.txt", github writes annotations and the job summary, expected no :PATH'),
    );
    expect(() => commandLine(inputs({ INPUT_REPORTERS: 'junit:' }), '/w')).toThrow(/input reporters: "junit:", expected a path after/);
    expect(commandLine(inputs({ INPUT_REPORTERS: './my-reporter.ts:out.txt' }), '/w').args).toContain('./my-reporter.ts:out.txt');
    for (const bad of ['0', '-1', 'abc', '1e3', '0.0', '40000'])
      expect(() => commandLine(inputs({ INPUT_TIME_LIMIT: bad }), '/w'), bad).toThrow(
        new InputError(`input time-limit: ${JSON.stringify(bad)}, expected a number of minutes greater than 0 and at most 35000`),
      );
  });

  it('takes the time limit in minutes, fractions allowed, 30 when the input is empty', () => {
    expect(commandLine(inputs({}), '/w').timeLimit).toEqual({ minutes: DEFAULT_TIME_LIMIT_MINUTES, ms: 30 * 60_000 });
    expect(commandLine(inputs({ INPUT_TIME_LIMIT: '0.5' }), '/w').timeLimit).toEqual({ minutes: '0.5', ms: 30_000 });
    expect(commandLine(inputs({ INPUT_TIME_LIMIT: ' 90 ' }), '/w').timeLimit).toEqual({ minutes: '90', ms: 90 * 60_000 });
  });

  it('says passed only for exit 0 with a report that says so; a lost report is an error, never a pass', () => {
    const report = (outcome: 'passed' | 'failed', exitCode: number) =>
      ({
        outcome,
        exitCode,
        adapters: [
          { summary: { passed: 60, failed: 2, skipped: 2, expectedFailures: 1 } },
          { summary: { passed: 1, failed: 0, skipped: 0, expectedFailures: 0 } },
        ],
      }) as never;
    expect(outputsOf(0, report('passed', 0), '/d')).toEqual({
      exitCode: 0,
      outputs: { verdict: 'passed', 'exit-code': '0', passed: '61', failed: '2', skipped: '2', expected: '1', 'report-dir': '/d' },
    });
    expect(outputsOf(1, report('failed', 1), '/d').outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1' });
    expect(outputsOf(0, undefined, '/d')).toMatchObject({ exitCode: 2, outputs: { verdict: 'error', 'exit-code': '2', passed: '0' } });
    // a report from another run (exit code not the one seen) is not believed
    expect(outputsOf(0, report('passed', 1), '/d').outputs.verdict).toBe('error');
    expect(outputsOf(2, undefined, '/d').outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(outputsOf(null, undefined, '/d').outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(outputsOf(1, undefined, '/d').outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1', failed: '0' });
  });
});
