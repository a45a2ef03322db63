/**
 * The tests StrykerJS runs (npm run mutation; stryker.config.mjs): test files
 * whose tests run the code under test in their own thread. Stryker activates
 * a mutant through a global of the thread a test runs in, so code run in a
 * child process (spawned dist/, npm pack, exec: testees) or in a worker
 * thread (run() under its default isolation, the CLI without --no-isolation)
 * is never mutated. A run isolated in a worker still judges in the test's
 * thread, so it could kill a mutant of suites/, but each starts a worker and
 * repeats what the in-process fault table already runs: those files are left
 * out for their cost (test/suites/fault-table.test.ts and
 * independent-codecs.test.ts, the no-false-alarm runs, among them; the
 * in-process fault table requires each fixture to fail exactly its checks,
 * so a check made stricter fails there too). Files that run in beforeAll are
 * left out as well: what a hook covers counts as static coverage, and a
 * static mutant is tested against every test. test/runner/corpus.test.ts is
 * in: 3 of its 15 tests go through the CLI with the reference codec in a
 * worker (judged in this thread), the rest run in-process.
 */
import { defineConfig } from 'vitest/config';

/** The in-process test files that exercise the verdict code (README: Mutation testing). */
export const MUTATION_TESTS = [
  // The spec model: JIDs, reasons, XML, the stanza reader and schema.
  'test/spec/*.test.ts',
  // Arbitraries, judged by the suite's parsers and by an independent judge.
  'test/arbitraries/*.test.ts',
  // The fault table in-process (each fixture fails exactly its checks, so a stricter check fails the others too)
  // and the kinds each check tries.
  'test/suites/faults-decode.test.ts',
  'test/suites/faults-encode.test.ts',
  'test/suites/faults-reply.test.ts',
  // The node wire's fixtures: among them the only ones with a wrong root element or an element beside <reject>.
  'test/suites/faults-node.test.ts',
  // The shared judging code with outcomes made by hand (a throw, a hang, a crash; what names the culprit).
  'test/suites/internals.test.ts',
  'test/suites/kind-coverage.test.ts',
  // run() and runCheck() on codecs given in-process; value bounding; the corpus checks.
  'test/runner/run.test.ts',
  'test/runner/kinds.test.ts',
  'test/runner/bound.test.ts',
  'test/runner/corpus.test.ts',
];

export default defineConfig({
  test: {
    include: MUTATION_TESTS,
    // No globalSetup: none of these tests runs dist/, so none needs a fresh build.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
