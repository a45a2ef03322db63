import { createColors } from 'picocolors';
import type { CheckResult, RunResult } from '../runner/index.js';
import { formatValue } from './format-value.js';
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

/** The summary line, also what CI log scanners read: `N passed, N failed, N skipped`. */
export function summaryLine(r: RunResult): string {
  return `${r.summary.passed} passed, ${r.summary.failed} failed, ${r.summary.skipped} skipped`;
}

/**
 * The console: a header with the seed, a progress line on a terminal, one
 * line per check, then every failure with expected, received, the shrunk
 * counterexample and the command that reproduces it.
 */
export function consoleReporter({ stream, env = process.env }: ConsoleOptions): Reporter {
  const c = createColors(colorsWanted(stream, env));
  const tty = stream.isTTY === true && env.CI === undefined;
  const out = (line = '') => stream.write(`${line}\n`);
  const clear = () => tty && stream.write('\r\x1b[K');
  const mark = (r: CheckResult) =>
    r.status === 'passed' ? c.green('✓') : r.status === 'skipped' ? c.dim('-') : r.gating ? c.red('✗') : c.yellow('!');

  return {
    onRunStart(s: RunStart) {
      const version = s.adapter.version ? ` ${s.adapter.version}` : '';
      out(c.bold(`${s.tool.name} ${s.tool.version}`) + ` · adapter ${s.adapter.name}${version} (${s.adapter.wire} wire, ${s.adapter.specifier})`);
      out(`seed ${s.seed}${s.seedWasRandom ? ' (random)' : ''} · ${s.runs} runs per check · ${s.checks} check${s.checks === 1 ? '' : 's'}`);
      out();
    },
    onCheckStart(check, index, total) {
      if (tty) stream.write(`\r\x1b[K${c.dim(`[${index + 1}/${total}] ${check.id} …`)}`);
    },
    onCheckEnd(r) {
      clear();
      const level = r.level.padEnd(6);
      const tail =
        r.status === 'skipped' ? c.dim(`skipped: ${r.skipReason}`)
        : r.status === 'failed' ? (r.gating ? c.red('FAILED (gating)') : c.yellow(`failed (${r.level}, not gating)`))
        : c.dim(`${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.durationMs} ms`);
      out(`  ${mark(r)} ${c.dim(level)} ${r.id}  ${tail}`);
    },
    onRunEnd(r) {
      const failed = r.checks.filter((x) => x.failure);
      if (failed.length > 0) out(`\n${c.bold('Failures')}`);
      for (const x of failed) {
        const f = x.failure!;
        out();
        out(`${mark(x)} ${c.bold(x.id)} (${x.level}${x.gating ? ', gating' : ', not gating'}): ${x.title}`);
        out(`  rule:            ${x.ref} [${x.basis}]${x.accepts ? `; accepts ${x.accepts}` : ''}`);
        out(`  what happened:   ${f.message}`);
        if (f.expected !== undefined) out(`  expected:        ${formatValue(f.expected, '                   ')}`);
        if ('received' in f) out(`  received:        ${formatValue(f.received, '                   ')}`);
        out(`  counterexample:  ${formatValue(f.counterexample, '                   ')}`);
        out(`                   ${c.dim(`(shrunk ${f.shrinks} times; seed ${f.seed}, path ${f.path || '(first case)'})`)}`);
        out(`  reproduce:       ${c.cyan(f.reproduce)}`);
      }
      for (const w of r.warnings) out(c.yellow(`warning: ${w}`));
      out();
      const gate = r.summary.gatingFailures > 0 ? c.red(`gate: FAILED, ${r.summary.gatingFailures} gating check${r.summary.gatingFailures === 1 ? '' : 's'} failed`) : c.green('gate: passed');
      out(`${r.adapter.name}: ${summaryLine(r)} in ${r.durationMs} ms · ${gate}`);
    },
  };
}
