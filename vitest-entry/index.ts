/**
 * `stanza-conformance/vitest`: the suite as vitest tests inside a codec's own
 * repository, one test per check.
 *
 *     import { conformanceSuite } from 'stanza-conformance/vitest';
 *     conformanceSuite({ adapter: './conformance-adapter.ts' });
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Adapter } from '../adapters/contract.js';
import { locateAdapter, type AdapterSource, type LoadedAdapter } from '../adapters/loader.js';
import { findingLines, furtherFailureLines, kindLines } from '../reports/_internals/failure-lines.js';
import { visible } from '../reports/_internals/visible.js';
import { run, selectChecks, type CheckResult, type RunResult } from '../runner/index.js';
import { reasonList, referenceText } from '../spec/index.js';
import { REJECT_SUITE, type Level } from '../suites/index.js';

/** What to run: an adapter (a specifier, resolved from the working directory, or the object itself) and the CLI's options. */
export interface ConformanceSuiteOptions {
  adapter: string | Adapter<any>;
  runs?: number;
  seed?: number;
  /** Globs of check ids; all checks when absent. */
  checks?: string[];
  timeoutMs?: number;
  /** Make should-level failures fail their tests too. */
  strict?: boolean;
  /** Run the codec in a worker thread (the default for a specifier; an object always runs in-process). */
  isolation?: boolean;
  extraReasons?: string[];
  /** The describe block's title. */
  title?: string;
}

/** A failing check as an Error whose message holds what fast-check found and how to reproduce it, for each failing kind reported. */
export function failureError(c: CheckResult): Error {
  const f = c.failure!;
  const lines = [
    `${c.id} (${c.level}): ${c.title}`,
    `rule: ${referenceText(c.reference)} [${c.basis}]`,
    ...kindLines(f),
    ...findingLines(f),
    `seed: ${f.seed}, path: "${f.path}", shrunk ${f.shrinks} times${f.replayKind ? ` (a case of the kind ${visible(f.replayKind)}: replay it with --kind)` : ''}`,
    `reproduce: ${visible(f.reproduce)}`,
    ...furtherFailureLines(c),
  ];
  const error = new Error(lines.join('\n'));
  error.name = 'ConformanceFailure';
  return error;
}

/** Declares one vitest test per check of the suite, run against `options.adapter`. */
export function conformanceSuite(options: ConformanceSuiteOptions): void {
  const checks = selectChecks(REJECT_SUITE, options.checks);
  const gating: Level[] = options.strict ? ['must', 'should'] : ['must'];
  let result: RunResult | undefined;
  describe(options.title ?? `stanza-conformance: ${typeof options.adapter === 'string' ? options.adapter : options.adapter.name}`, () => {
    beforeAll(async () => {
      const reasons = reasonList(options.extraReasons ?? []);
      // A specifier is only found here: the worker (or, with isolation off, the in-process host) imports it.
      const loaded: AdapterSource | LoadedAdapter =
        typeof options.adapter === 'string'
          ? locateAdapter(options.adapter)
          : { adapter: options.adapter as Adapter, specifier: options.adapter.name };
      result = await run({
        adapter: loaded,
        reasons,
        gatingLevels: gating,
        checks: checks.map((c) => c.id),
        ...(options.runs !== undefined ? { runs: options.runs } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.isolation !== undefined ? { isolation: options.isolation } : {}),
      });
    }, 10 * 60_000);
    afterAll(() => {
      result = undefined;
    });
    for (const check of checks) {
      it(`${check.id} (${check.level})`, (ctx) => {
        const c = result?.checks.find((x) => x.id === check.id);
        if (!c) throw new Error(`${check.id} did not run (see the error of the run above)`);
        if (c.status === 'skipped') return ctx.skip(visible(c.skipReason ?? ''));
        if (c.status === 'failed' && c.gating) throw failureError(c);
        if (c.status === 'failed') console.warn(`${c.level}-level failure, not gating:\n${failureError(c).message}`);
      });
    }
  });
}
