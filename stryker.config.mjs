// @ts-check
/**
 * Mutation testing of the verdict code: npm run mutation (README: Mutation testing).
 * Options: https://stryker-mutator.io/docs/stryker-js/configuration/
 * (node_modules/@stryker-mutator/core/schema/stryker-schema.json).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutation.config.ts',
    // Each mutant runs only the test files that import the mutated file (and its covering tests).
    related: true,
  },
  mutate: [
    'suites/**/*.ts',
    'spec/xml/**/*.ts',
    'spec/jid.ts',
    'spec/reasons.ts',
    'runner/run-check.ts',
    'runner/result.ts',
    'runner/expected-failures.ts',
    // The guards that hold a verdict against a hostile codec (README: Mutation testing names why each).
    'runner/bound.ts',
    'runner/_internals/bound-value.ts',
    'runner/hosts/snapshot.ts',
    'runner/hosts/wire-values.ts',
    'runner/intrinsics.ts',
    'runner/incidents.ts',
    'runner/codec-caller.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'mutation/stryker-incremental.json',
  // Keep the test files as they are: no // @ts-nocheck added, no // @ts-expect-error removed.
  disableTypeChecks: false,
  // Every mutator runs, except on words for a person: mutation/ignore-message-text.mjs says which
  // string and template literals those are (a message, a title, an Error's text, a text of words)
  // and why no verdict depends on them. StringLiteral stays on for the rest (kinds, codes, ids,
  // levels, wires, attribute and field names, bound markers), and ObjectLiteral stays on: it
  // empties findings, outcomes and check definitions, which verdicts do depend on.
  appendPlugins: ['./mutation/ignore-message-text.mjs'],
  ignorers: ['message-text'],
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'mutation/report/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
  thresholds: { high: 90, low: 75, break: null },
  // The machine has 2 cores, shared: one test runner.
  concurrency: 1,
  // Generous limits: on a loaded machine a slow test is not an infinite loop (a timed-out mutant counts as killed).
  timeoutFactor: 2,
  timeoutMS: 20_000,
  // The in-process tests take about 4 minutes with coverage on a busy 2-core machine (the default allows 5).
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'mutation/report', 'conformance-report', 'test-artifacts'],
};

export default config;
