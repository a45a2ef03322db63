import { createColors } from 'picocolors';
import {
  BOUNDS,
  boundText,
  sessionCheckIds,
  type CheckResult,
  type DiffResult,
  type RunResult,
  type SessionResult,
} from '../runner/index.js';
import { referenceText } from '../spec/index.js';
import { formatValue } from './format-value.js';
import {
  acceptedText,
  answerOutcome,
  casesText,
  diffGated,
  diffStanding,
  diffTotals,
  moreDisagreementsText,
  operationText,
  shownOf,
} from './_internals/diff.js';
import { coverageText, failedText, kindText, moreFailingText, shownFailures, triedText } from './_internals/kinds.js';
import { visible as v } from './_internals/visible.js';
import type { Reporter, RunStart } from './reporter.js';

/** Where the console reporter writes, and how. */
export interface ConsoleOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
}

/** Colours only on a terminal, never with NO_COLOR set; FORCE_COLOR forces them. */
export function colorsWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** The summary line, also what CI log scanners read: `N passed, N failed, N skipped` (and expected/stale when there are any). */
export function summaryLine(r: RunResult): string {
  const x = r.summary;
  const more = [
    ...(x.expectedFailures > 0 ? [`${x.expectedFailures} expected failure${x.expectedFailures === 1 ? '' : 's'}`] : []),
    ...(x.staleExpectedFailures > 0
      ? [`${x.staleExpectedFailures} stale expected failure${x.staleExpectedFailures === 1 ? '' : 's'}`]
      : []),
  ];
  return [`${x.passed} passed`, `${x.failed} failed`, ...more, `${x.skipped} skipped`].join(', ');
}

/**
 * The console: a header with the seed, a progress line on a terminal, one
 * line per check with the kinds it tried, then every failing check: its first
 * failing kind with expected, received, the shrunk counterexample and the
 * command that reproduces it, each further failing kind on three lines
 * (kind, message, reproduce), and a line of coverage totals. With several
 * adapters, the matrix; with --diff, then the Differences section.
 */
export function consoleReporter({ stream, env = process.env }: ConsoleOptions): Reporter {
  const c = createColors(colorsWanted(stream, env));
  const tty = stream.isTTY === true && env.CI === undefined;
  const out = (line = '') => stream.write(`${line}\n`);
  const clear = () => tty && stream.write('\r\x1b[K');
  const mark = (r: CheckResult) =>
    r.status === 'passed'
      ? c.green('✓')
      : r.status === 'skipped'
        ? c.dim('-')
        : r.status === 'expected-failure'
          ? c.yellow('x')
          : r.gating
            ? c.red('✗')
            : c.yellow('!');

  return {
    onRunStart(s: RunStart) {
      const label = (text: string) => v(boundText(text, BOUNDS.labelChars));
      const version = s.adapter.version ? ` ${label(s.adapter.version)}` : '';
      out(
        c.bold(`${s.tool.name} ${s.tool.version}`) +
          ` · adapter ${label(s.adapter.name)}${version} (${v(s.adapter.wire)} wire, ${v(s.adapter.specifier)})`,
      );
      out(
        `seed ${s.seed}${s.seedWasRandom ? ' (random)' : ''} · ${s.runs} runs per check · ${s.checks} check${s.checks === 1 ? '' : 's'}` +
          (s.extendedReasons?.length ? ` · reasons extended with ${v(s.extendedReasons.join(', '))}` : ''),
      );
      out();
    },
    onCheckStart(check, index, total) {
      if (tty) stream.write(`\r\x1b[K${c.dim(`[${index + 1}/${total}] ${check.id} …`)}`);
    },
    onCheckEnd(r) {
      clear();
      const level = r.level.padEnd(6);
      const failed = r.coverage ? `, ${failedText(r.coverage)}` : '';
      const tail =
        r.status === 'skipped'
          ? c.dim(`skipped: ${v(r.skipReason ?? '')}`)
          : r.status === 'failed'
            ? r.gating
              ? c.red(`FAILED (gating)${failed}`)
              : c.yellow(`failed (${r.level}, not gating)${failed}`)
            : r.status === 'expected-failure'
              ? c.yellow(`failed, as expected (not gating)${failed}`)
              : r.status === 'stale-expected-failure'
                ? c.red('passed, but listed as an expected failure: STALE (gating)')
                : c.dim(`${r.runs} run${r.runs === 1 ? '' : 's'}${r.coverage ? `, ${triedText(r.coverage)}` : ''}, ${r.durationMs} ms`);
      out(`  ${mark(r)} ${c.dim(level)} ${r.id}  ${tail}`);
    },
    onRunEnd(r) {
      const stale = r.checks.filter((x) => x.status === 'stale-expected-failure');
      for (const x of stale) {
        out(c.red(`✗ ${x.id} passes now, but ${v(x.expected?.file ?? '')} lists it as an expected failure: remove the entry (gating)`));
      }
      const expected = r.checks.filter((x) => x.status === 'expected-failure');
      if (expected.length > 0)
        out(
          c.yellow(
            `${expected.length} expected failure${expected.length === 1 ? '' : 's'} (listed in ${v(expected[0]!.expected?.file ?? '')}, not gating): ${expected.map((x) => x.id).join(', ')}`,
          ),
        );
      const failed = r.checks.filter((x) => x.status === 'failed');
      if (failed.length > 0) out(`\n${c.bold('Failures')}`);
      for (const x of failed) {
        const [f, ...rest] = shownFailures(x);
        out();
        out(`${mark(x)} ${c.bold(x.id)} (${x.level}${x.gating ? ', gating' : ', not gating'}): ${x.title}`);
        out(`  rule:            ${referenceText(x.reference)} [${x.basis}]${x.accepts ? `; accepts ${x.accepts}` : ''}`);
        if (!f) continue;
        if (f.kind !== undefined) out(`  kind:            ${v(kindText(f)!)}`);
        out(`  what happened:   ${v(f.message)}`);
        if (f.expected !== undefined) out(`  expected:        ${formatValue(f.expected, '                   ')}`);
        if ('received' in f) out(`  received:        ${formatValue(f.received, '                   ')}`);
        out(`  counterexample:  ${formatValue(f.counterexample, '                   ')}`);
        out(`                   ${c.dim(`(shrunk ${f.shrinks} times; seed ${f.seed}, path ${f.path || '(first case)'})`)}`);
        out(`  reproduce:       ${c.cyan(v(f.reproduce))}`);
        if (rest.length > 0) out(`  also failing, each with its own counterexample (--reporter json or html for it):`);
        for (const g of rest) {
          out(`  · kind:          ${v(kindText(g) ?? '(not named)')}`);
          out(`    what happened: ${v(g.message)}`);
          out(`    reproduce:     ${c.cyan(v(g.reproduce))}`);
        }
        const more = moreFailingText(x);
        if (more) out(`  ${more} (each marked in the JSON report's kinds table)`);
      }
      for (const w of r.warnings) out(c.yellow(`warning: ${v(w)}`));
      for (const x of r.restarts) out(c.yellow(`restarted the adapter during ${v(x.check) || 'setup'}: it ${v(x.reason)}`));
      out();
      const coverage = coverageText(r.checks);
      if (coverage) out(c.dim(`coverage: ${coverage}`));
      const gate =
        r.summary.gatingFailures > 0
          ? c.red(`gate: FAILED, ${r.summary.gatingFailures} gating check${r.summary.gatingFailures === 1 ? '' : 's'} failed`)
          : c.green('gate: passed');
      out(`${v(r.adapter.name)}: ${summaryLine(r)} in ${r.durationMs} ms · ${gate}`);
    },
    onSessionEnd(s) {
      for (const e of s.errors) out(c.red(`✗ ${v(e.specifier)} could not be run: ${v(e.message)}`));
      if (s.results.length < 2) return;
      matrix(s);
      if (s.diff) differences(s.diff);
      const gated = s.diff && diffGated(s.diff);
      out(
        s.exitCode === 0
          ? c.green('every adapter passed the gate')
          : s.exitCode === 1 && gated && s.results.every((r) => r.summary.gatingFailures === 0)
            ? c.red('exit 1: the codecs disagree (--diff-gate)')
            : c.red(`exit ${s.exitCode}: the worst of the adapters${gated ? ', and the codecs disagree (--diff-gate)' : ''}`),
      );
    },
  };

  /** The matrix of checks that did not pass everywhere, and each adapter's gate. */
  function matrix(s: SessionResult) {
    const names = s.results.map((r) => v(r.adapter.name));
    const width = Math.max(...names.map((n) => n.length));
    out();
    out(c.bold(`Matrix (seed ${s.seed}): checks that did not pass everywhere`));
    const ids = sessionCheckIds(s).filter((id) =>
      s.results.some((r) => r.checks.some((x) => x.id === id && x.status !== 'passed' && x.status !== 'skipped')),
    );
    for (const id of ids) {
      const cells = s.results.map((r) => {
        const x = r.checks.find((y) => y.id === id);
        return x ? mark(x) : ' ';
      });
      out(`  ${cells.join(' ')}  ${id}`);
    }
    if (ids.length === 0) out(c.dim('  (none)'));
    out(c.dim(`  columns: ${names.join(', ')}`));
    for (const [i, r] of s.results.entries()) {
      out(
        `${names[i]!.padEnd(width)}  ${r.summary.gatingFailures > 0 ? c.red('gate: FAILED') : c.green('gate: passed')}  (${summaryLine(r)})`,
      );
    }
  }

  /** The Differences section: each operation compared, then each distinct disagreement with its smallest input and every answer. */
  function differences(d: DiffResult) {
    const labels = d.adapters.map((a) => v(a.label));
    // labels line up, up to a point: a long one stands on its own
    const width = Math.min(Math.max(...labels.map((l) => l.length), 'input'.length) + 1, 24);
    out();
    out(`${c.bold(`Differences (--diff: ${labels.join(', ')}; seed ${d.seed})`)}: ${diffTotals(d)}`);
    out(`  ${diffGated(d) ? c.red(diffStanding(d)) : c.dim(diffStanding(d))}`);
    const opWidth = Math.max(...d.compared.map((x) => x.operation.length), ...d.skipped.map((x) => x.operation.length));
    for (const x of d.compared) {
      out(
        `  ${x.disagreeing > 0 ? (d.gate ? c.red('≠') : c.yellow('≠')) : c.green('=')} ${x.operation.padEnd(opWidth)}  ${v(operationText(x))}`,
      );
      out(c.dim(`${' '.repeat(opWidth + 6)}${x.what}`));
    }
    for (const x of d.skipped) out(`  ${c.dim('-')} ${x.operation.padEnd(opWidth)}  ${c.dim(`left out: ${v(x.reason)}`)}`);
    for (const x of d.compared) {
      const { shown, more } = shownOf(d, x);
      for (const g of shown) {
        out();
        out(`${d.gate ? c.red('≠') : c.yellow('≠')} ${c.bold(g.operation)} · ${v(g.difference)}`);
        out(`  ${v(casesText(g))}`);
        for (const a of g.accepted ?? []) out(`  ${c.dim(`where the suite accepts several readings: ${v(acceptedText(a))}`)}`);
        const pad = (label: string) => `${label}:`.padEnd(width + 1);
        const indent = ' '.repeat(width + 3);
        out(`  ${pad('input')} ${formatValue(g.input, indent)}`);
        for (const a of g.answers) {
          out(`  ${pad(v(a.adapter))} ${a.outcome === 'returned' ? `returned ${formatValue(a.value, indent)}` : v(answerOutcome(a))}`);
        }
      }
      const rest = moreDisagreementsText(x, more);
      if (rest) out(`\n${rest} (--reporter json for every one)`);
    }
    for (const w of d.warnings) out(c.yellow(`warning: ${v(w)}`));
    for (const x of d.restarts) out(c.yellow(`restarted ${v(x.adapter)} during ${v(x.during)}: it ${v(x.reason)}`));
    out();
  }
}
